using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record AwaitingChange(Guid Id, string ContractNumber, decimal OldAmount, decimal CalculatedAmount, decimal NewAmount, DateOnly EffectiveFrom, string ChangedBy, ChangeChannel Channel);

/// <summary>Installment reductions that wait for a clerk's approval.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class InstallmentApprovalsModel(StadtwerkDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<AwaitingChange> Changes { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid changeId, bool approve, CancellationToken ct)
    {
        var change = await db.InstallmentPlanChanges.FirstOrDefaultAsync(c => c.Id == changeId, ct);
        if (change is not null)
        {
            var contract = await db.Contracts.SingleAsync(c => c.Id == change.ContractId, ct);
            var now = clock.GetUtcNow();
            var result = contract.DecideInstallmentChange(change, approve, Stadtwerk.Infrastructure.UtilityCalendar.Today(now), User.Identity?.Name ?? "unknown", now);
            if (result.Succeeded)
            {
                try
                {
                    await db.SaveChangesAsync(ct);
                    Message = approve ? $"Vertrag {contract.ContractNumber}: Abschlag {German.Euro(change.NewAmount)} freigegeben." : $"Vertrag {contract.ContractNumber}: Senkung abgelehnt.";
                }
                catch (DbUpdateConcurrencyException)
                {
                    Message = "Der Vertrag wurde gerade geändert; bitte erneut entscheiden.";
                }
            }
            else
            {
                Message = result.Errors[0].Message;
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rows = await (from change in db.InstallmentPlanChanges.AsNoTracking()
                          join contract in db.Contracts.AsNoTracking() on change.ContractId equals contract.Id
                          where change.Status == InstallmentChangeStatus.AwaitingApproval
                          select new AwaitingChange(change.Id, contract.ContractNumber, change.OldAmount, change.CalculatedAmount, change.NewAmount, change.EffectiveFrom, change.ChangedBy, change.Channel))
            .ToListAsync(ct);
        Changes = [.. rows.OrderBy(r => r.EffectiveFrom).ThenBy(r => r.ContractNumber)];
    }
}
