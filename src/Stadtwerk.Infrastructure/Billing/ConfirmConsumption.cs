using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>
/// Releases a Klärfall about an unusual consumption (three times more or less than the period before) when the clerk
/// checked it and it is right (a heat pump, a new tenant, a long absence): bills the held period without the
/// plausibility check, and the hold keeps who released it and why. Missing or falling readings cannot be confirmed:
/// they are corrected, and the bill issued again.
/// </summary>
public sealed class ConfirmConsumption(StadtwerkDbContext db, BillContract billing)
{
    public async Task<BillContractResult> RunAsync(string contractNumber, Guid holdId, string? reason, string confirmedBy, CancellationToken ct)
    {
        var hold = await (from h in db.BillingHolds.AsNoTracking()
                          join c in db.Contracts on h.ContractId equals c.Id
                          where h.Id == holdId && c.ContractNumber == contractNumber
                          select h).FirstOrDefaultAsync(ct);
        if (hold is null)
        {
            return new BillContractResult.NotFound($"Hold {holdId} of contract {contractNumber}");
        }

        // The key makes a second click answer with the first bill.
        var key = "confirm-" + hold.Id.ToString("N");
        if (hold.ReleasedAt is not null && !await db.IssuedBills.AnyAsync(b => b.IdempotencyKey == key, ct))
        {
            return new BillContractResult.Conflict("hold", "the hold is released already");
        }

        if (!hold.CanBeConfirmed)
        {
            return new BillContractResult.Invalid("hold", "only an unusual consumption can be confirmed; correct the missing or falling reading and bill again");
        }

        if (ReadingChange.CheckReason(reason) is { } bad)
        {
            return new BillContractResult.Invalid(bad.Field, bad.Text);
        }

        return await billing.RunAsync(
            contractNumber, BillingPeriod.Create(hold.PeriodStart, hold.PeriodEnd), key, ct, issuedBy: confirmedBy, consumptionConfirmation: reason!.Trim());
    }
}
