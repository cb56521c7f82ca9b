using Stadtwerk.Core;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

public abstract record CancelBillResult
{
    private CancelBillResult()
    {
    }

    public sealed record Cancelled(IssuedBill Original, IssuedBill Cancellation, bool Repeated) : CancelBillResult;

    public sealed record NotFound(string What) : CancelBillResult;

    public sealed record Conflict(string Field, Text Text) : CancelBillResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>
/// Storno: cancels an issued bill with a cancellation document of its own number, referencing it with negated
/// amounts, and credits the bill's gross on the contract account. The cancelled bill itself is never changed.
/// One transaction; the same idempotency key returns the first cancellation.
/// </summary>
public sealed partial class CancelBill(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<CancelBillResult> RunAsync(string billNumber, string? idempotencyKey, CancellationToken ct)
    {
        if (idempotencyKey is not null && await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.IdempotencyKey == idempotencyKey, ct) is { } earlier)
        {
            var cancelled = earlier.Kind == BillKind.Cancellation ? await db.IssuedBills.AsNoTracking().SingleAsync(b => b.Id == earlier.ReferencesBillId, ct) : null;
            return cancelled?.Number == billNumber
                ? new CancelBillResult.Cancelled(cancelled, earlier, Repeated: true)
                : new CancelBillResult.Conflict("Idempotency-Key", $"the key was used for document {earlier.Number}, another request");
        }

        var original = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == billNumber, ct);
        if (original is null)
        {
            return new CancelBillResult.NotFound($"Bill {billNumber}");
        }

        if (original.Kind == BillKind.Cancellation)
        {
            return new CancelBillResult.Conflict("number", $"{billNumber} is a cancellation; cancel the corrected bill instead");
        }

        var contract = await db.Contracts.SingleAsync(c => c.Id == original.ContractId, ct);
        var now = clock.GetUtcNow();
        var issuedOn = Stadtwerk.Infrastructure.UtilityCalendar.Today(now);
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (await db.IsCancelledAsync(original.Id, ct))
        {
            return new CancelBillResult.Conflict("number", $"bill {billNumber} is cancelled already");
        }

        try
        {
            var sequence = await BillNumbers.NextAsync(db, issuedOn.Year, ct);
            var cancellation = IssuedBill.Cancel(original, issuedOn.Year, sequence, issuedOn, idempotencyKey, now);
            db.IssuedBills.Add(cancellation);
            db.QueuedBillDocuments.Add(QueuedBillDocument.For(cancellation, now));
            db.LedgerEntries.Add(LedgerEntry.ForCancellation(contract, issuedOn, original.Gross, cancellation.Number, now));
            await WithdrawAsync(db, original, cancellation.Number, ct);
            await db.SaveChangesAsync(ct);
            if (transaction is not null)
            {
                await transaction.CommitAsync(ct);
            }

            return new CancelBillResult.Cancelled(original, cancellation, Repeated: false);
        }
        catch (DbUpdateException) when (transaction is not null)
        {
            // Two clerks cancelled the same bill at once, or the same key raced: the other one won.
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new CancelBillResult.Conflict("number", $"bill {billNumber} was cancelled at the same moment by someone else");
        }
    }
}

public sealed partial class CancelBill
{
    /// <summary>
    /// What the cancelled bill started and did not happen yet is taken back in the cancellation's transaction: its
    /// open collection entry never goes to the bank, its payout is not paid. What was collected or paid already stays
    /// on the account (a payment, a refund) and is allocated to the corrected bill or paid out with its credit.
    /// </summary>
    internal static async Task WithdrawAsync(StadtwerkDbContext db, IssuedBill original, string cancellationNumber, CancellationToken ct)
    {
        var reason = $"Rechnung {original.Number} storniert ({cancellationNumber})";
        foreach (var debit in await db.DirectDebits.Where(d => d.BillId == original.Id && d.Status == DirectDebitStatus.Open).ToListAsync(ct))
        {
            debit.Withdraw(reason);
        }

        foreach (var payout in await db.CreditTransfers.Where(t => t.BillId == original.Id).ToListAsync(ct))
        {
            payout.Withdraw(reason);
        }
    }
}

/// <summary>Gap-free bill numbers per year.</summary>
internal static class BillNumbers
{
    /// <summary>Raises the year's counter inside the open transaction; a rollback gives the number back, so numbers have no gaps.</summary>
    public static Task<long> NextAsync(StadtwerkDbContext db, int year, CancellationToken ct) => ReserveAsync(db, year, 1, ct);

    /// <summary>Raises the year's counter by <paramref name="count"/> inside the open transaction and returns the first of the numbers taken.</summary>
    public static Task<long> ReserveAsync(StadtwerkDbContext db, int year, int count, CancellationToken ct) =>
        NumberCounter.Bills.ReserveAsync(db, year, count, ct);
}
