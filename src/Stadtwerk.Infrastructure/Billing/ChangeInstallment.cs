using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

public abstract record InstallmentChangeResult
{
    private InstallmentChangeResult()
    {
    }

    public sealed record Changed(InstallmentPlanChange Change, Contract Contract) : InstallmentChangeResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : InstallmentChangeResult;

    public sealed record NotFound(string What) : InstallmentChangeResult;

    /// <summary>Someone changed the contract since <c>expectedVersion</c> was read.</summary>
    public sealed record Stale(string ContractNumber) : InstallmentChangeResult;

    /// <summary>The change cannot be decided (it does not wait for approval, or no installment is left).</summary>
    public sealed record Refused(string Field, Text Text) : InstallmentChangeResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }
}

/// <summary>
/// Changes a contract's installment (Abschlagsänderung) from the next one not yet collected, recording who, when,
/// old and new amount and channel. The 80 % rule compares with the amount the last bill calculated.
/// With an expected version, a change based on stale data is refused (two clerks: one wins).
/// </summary>
public sealed class ChangeInstallment(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<InstallmentChangeResult> RunAsync(string contractNumber, decimal amount, ChangeChannel channel, string changedBy, int? expectedVersion, CancellationToken ct)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return new InstallmentChangeResult.NotFound($"Contract {contractNumber}");
        }

        var now = clock.GetUtcNow();
        var calculated = await CalculatedAmountAsync(contract, ct);
        var result = contract.ChangeInstallment(amount, calculated, UtilityCalendar.Today(now), channel, changedBy, now);
        if (result.Value is not { } change)
        {
            return new InstallmentChangeResult.Invalid(result.Errors);
        }

        db.InstallmentPlanChanges.Add(change);
        if (expectedVersion is { } version)
        {
            db.ExpectVersion(contract, version);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return new InstallmentChangeResult.Changed(change, contract);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new InstallmentChangeResult.Stale(contractNumber);
        }
    }

    /// <summary>A clerk approves or rejects a reduction that waits for approval (the 80 % rule).</summary>
    public async Task<InstallmentChangeResult> DecideAsync(Guid changeId, bool approve, string clerk, CancellationToken ct)
    {
        var change = await db.InstallmentPlanChanges.FirstOrDefaultAsync(c => c.Id == changeId, ct);
        if (change is null)
        {
            return new InstallmentChangeResult.NotFound("The installment change");
        }

        var contract = await db.Contracts.SingleAsync(c => c.Id == change.ContractId, ct);
        var now = clock.GetUtcNow();
        var result = contract.DecideInstallmentChange(change, approve, UtilityCalendar.Today(now), clerk, now);
        if (!result.Succeeded)
        {
            return new InstallmentChangeResult.Refused(result.Errors[0].Field, result.Errors[0].Text);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return new InstallmentChangeResult.Changed(change, contract);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new InstallmentChangeResult.Stale(contract.ContractNumber);
        }
    }

    /// <summary>The amount the last bill calculated for the plan (its nextInstallment), else the plan before any change.</summary>
    private async Task<decimal> CalculatedAmountAsync(Contract contract, CancellationToken ct)
    {
        var output = await db.ActiveBills(contract.Id)
            .OrderByDescending(b => b.PeriodEnd).ThenByDescending(b => b.Id)
            .Select(b => b.OutputJson).FirstOrDefaultAsync(ct);
        if (output is not null)
        {
            using var json = JsonDocument.Parse(output);
            if (json.RootElement.TryGetProperty("nextInstallment", out var next))
            {
                return next.GetProperty("amount").GetDecimal();
            }
        }

        // No bill yet (e.g. a contract taken over from the old system): the plan as it was before the first change,
        // so that small steps cannot walk the installment down without approval.
        var first = await db.InstallmentPlanChanges.AsNoTracking().Where(c => c.ContractId == contract.Id)
            .OrderBy(c => c.Id).Select(c => (decimal?)c.OldAmount).FirstOrDefaultAsync(ct);
        return first ?? contract.InstallmentPlan?.Amount ?? 0m;
    }
}
