using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record AwaitingChange(Guid Id, string ContractNumber, decimal OldAmount, decimal CalculatedAmount, decimal NewAmount, DateOnly EffectiveFrom, string ChangedBy, ChangeChannel Channel);

/// <summary>Installment reductions that wait for a clerk's approval.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class InstallmentApprovalsModel(StadtwerkDbContext db, ChangeInstallment installments) : PageModel
{
    public IReadOnlyList<AwaitingChange> Changes { get; private set; } = [];

    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(Guid changeId, bool approve, CancellationToken ct)
    {
        var result = await installments.DecideAsync(changeId, approve, User.Identity?.Name ?? "unknown", ct);
        Message = result switch
        {
            InstallmentChangeResult.Changed { Change.Status: InstallmentChangeStatus.Approved } c => Ui.Say(
                $"Vertrag {c.Contract.ContractNumber}: Abschlag {German.Euro(c.Change.NewAmount)} freigegeben.",
                $"Contract {c.Contract.ContractNumber}: installment {German.Euro(c.Change.NewAmount)} approved."),
            InstallmentChangeResult.Changed c => Ui.Say($"Vertrag {c.Contract.ContractNumber}: Senkung abgelehnt.", $"Contract {c.Contract.ContractNumber}: reduction refused."),
            InstallmentChangeResult.Stale => Ui.Say("Der Vertrag wurde gerade geändert; bitte erneut entscheiden.", "The contract has just been changed; please decide again."),
            InstallmentChangeResult.Refused refused => EngineText.Localize(refused.Text),
            _ => Ui.Say("Die Änderung wurde nicht gefunden.", "The change was not found."),
        };
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
