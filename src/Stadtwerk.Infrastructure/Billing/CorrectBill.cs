using Stadtwerk.Core;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

public abstract record CorrectBillResult
{
    private CorrectBillResult()
    {
    }

    public sealed record Corrected(IssuedBill Original, IssuedBill Cancellation, IssuedBill NewBill) : CorrectBillResult;

    /// <summary>The corrected bill would be held (Klärfall): nothing was cancelled, the hold is on the list.</summary>
    public sealed record Held(BillingHold Hold) : CorrectBillResult;

    public sealed record NotFound(string What) : CorrectBillResult;

    public sealed record Refused(string Field, Text Text) : CorrectBillResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>
/// Storno und Neuberechnung as one transaction: the bill is cancelled and its period billed again from the corrected
/// readings and prices, or — when the new bill cannot be issued (held, refused) — nothing happens and the original
/// bill stays valid; a hold is then put on the clerk's list.
/// </summary>
public sealed class CorrectBill(StadtwerkDbContext db, CancelBill cancel, BillContract billing, TimeProvider clock)
{
    public async Task<CorrectBillResult> RunAsync(string billNumber, CancellationToken ct, string? correctedBy = null)
    {
        BillContractResult.Held? held = null;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var cancelled = await cancel.RunAsync(billNumber, idempotencyKey: null, ct);
            if (cancelled is not CancelBillResult.Cancelled done)
            {
                await transaction.RollbackAsync(ct);
                return cancelled switch
                {
                    CancelBillResult.NotFound notFound => new CorrectBillResult.NotFound(notFound.What),
                    CancelBillResult.Conflict conflict => new CorrectBillResult.Refused(conflict.Field, conflict.Text),
                    _ => throw new InvalidOperationException("Unknown cancellation result."),
                };
            }

            var contract = await db.Contracts.AsNoTracking().Where(c => c.Id == done.Original.ContractId).Select(c => c.ContractNumber).SingleAsync(ct);
            var period = BillingPeriod.Create(done.Original.PeriodStart, done.Original.PeriodEnd);
            var rebilled = await billing.RunAsync(contract, period, idempotencyKey: null, ct, replaces: done.Original, issuedBy: correctedBy);
            switch (rebilled)
            {
                case BillContractResult.Issued issued:
                    await transaction.CommitAsync(ct);
                    return new CorrectBillResult.Corrected(done.Original, done.Cancellation, issued.Bill);
                case BillContractResult.Held h:
                    held = h;
                    break;
                case BillContractResult.Conflict conflict:
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return new CorrectBillResult.Refused(conflict.Field, conflict.Text);
                case BillContractResult.Invalid invalid:
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return new CorrectBillResult.Refused(invalid.Field, invalid.Text);
                default:
                    throw new InvalidOperationException("Unknown billing result.");
            }

            await transaction.RollbackAsync(ct);
        }

        // The hold was written inside the rolled-back transaction: write it again on its own, for the clerk's list.
        db.ChangeTracker.Clear();
        var original = await db.IssuedBills.AsNoTracking().SingleAsync(b => b.Number == billNumber, ct);
        var owner = await db.Contracts.SingleAsync(c => c.Id == original.ContractId, ct);
        var hold = BillingHold.Create(owner, BillingPeriod.Create(original.PeriodStart, original.PeriodEnd), held.Hold.Reason, $"correction of {billNumber}: {held.Hold.Details}", clock.GetUtcNow());
        db.BillingHolds.Add(hold);
        await db.SaveChangesAsync(ct);
        return new CorrectBillResult.Held(hold);
    }
}
