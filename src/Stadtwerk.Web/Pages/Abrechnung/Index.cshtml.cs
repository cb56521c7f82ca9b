using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record ContractRow(string ContractNumber, string Customer, Commodity Commodity, DateOnly StartDate, DateOnly? EndDate);

/// <summary>The billing clerk's start: find a contract, see how many bills wait for a clerk.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class BillingHomeModel(StadtwerkDbContext db) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<ContractRow> Contracts { get; private set; } = [];

    public int OpenHolds { get; private set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        OpenHolds = await db.BillingHolds.CountAsync(h => h.ReleasedAt == null, ct);
        if (string.IsNullOrWhiteSpace(q))
        {
            return;
        }

        Query = q.Trim();
        var text = Query.ToUpperInvariant();
        var rows = await (from c in db.Contracts.AsNoTracking()
                          join k in db.Customers.AsNoTracking() on c.CustomerId equals k.Id
                          where c.ContractNumber.ToUpper().StartsWith(text) || c.ContractAccountNumber.ToUpper().StartsWith(text) || k.CustomerNumber.ToUpper().StartsWith(text)
                          orderby c.ContractNumber
                          select new { c.ContractNumber, k.Kind, k.FirstName, k.LastName, k.CompanyName, c.Commodity, c.StartDate, c.EndDate })
            .Take(50).ToListAsync(ct);
        Contracts = [.. rows.Select(r => new ContractRow(
            r.ContractNumber,
            r.Kind == Core.Customers.CustomerKind.Business ? r.CompanyName! : $"{r.LastName}, {r.FirstName}",
            r.Commodity, r.StartDate, r.EndDate))];
    }
}
