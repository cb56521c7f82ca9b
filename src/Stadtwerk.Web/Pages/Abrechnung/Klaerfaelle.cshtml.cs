using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;
using Stadtwerk.Web.Api.Billing;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>The hold list (Klärfälle): bills waiting for a clerk, oldest period first.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class HoldsModel(StadtwerkDbContext db) : PageModel
{
    public IReadOnlyList<HoldResponse> Holds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Holds = await (from hold in db.BillingHolds.AsNoTracking()
                       join contract in db.Contracts.AsNoTracking() on hold.ContractId equals contract.Id
                       where hold.ReleasedAt == null
                       orderby hold.PeriodEnd, contract.ContractNumber
                       select new HoldResponse(hold.Id, contract.ContractNumber, hold.PeriodStart, hold.PeriodEnd, hold.Reason, hold.Details, hold.CreatedAt))
            .Take(500).ToListAsync(ct);
    }
}
