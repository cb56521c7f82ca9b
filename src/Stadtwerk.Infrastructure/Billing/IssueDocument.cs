using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>Everything one issued bill writes: the document, its ledger entry, its letter, the estimates, the collection entry of its balance or the payout of its credit.</summary>
public sealed record IssuedRows(IssuedBill Bill, LedgerEntry Ledger, QueuedBillDocument Letter, IReadOnlyList<Reading> Estimates, DirectDebit? Debit, CreditTransfer? Payout)
{
    /// <summary>Adds the rows to the context (SQLite, a single bill); the billing run on PostgreSQL copies the same rows.</summary>
    public void AddTo(StadtwerkDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.IssuedBills.Add(Bill);
        db.LedgerEntries.Add(Ledger);
        db.QueuedBillDocuments.Add(Letter);
        db.Readings.AddRange(Estimates);
        if (Debit is not null)
        {
            db.DirectDebits.Add(Debit);
        }

        if (Payout is not null)
        {
            db.CreditTransfers.Add(Payout);
        }
    }
}

/// <summary>
/// The one way a bill is issued, for a clerk's bill, a final bill, a correction and the billing run alike: the rows
/// it writes (<see cref="IssuedRows"/>) and the next installment plan on the contract. What the balance starts:
/// a claim is collected by direct debit on the due date when the contract has a mandate (else it waits for the
/// customer's transfer, and dunning follows it); a credit is paid out by credit transfer on the due date the letter
/// names. Both are limited to what the contract account really shows after the bill (a credit already paid out
/// before a correction is not paid twice; a credit elsewhere on the account is set against a claim).
/// </summary>
public static class IssueDocument
{
    public static IssuedRows Bill(
        BillKind kind, int year, long sequence, Contract contract, BillDecision.Issue decision, DateOnly issuedOn, decimal accountBalanceBefore,
        string? idempotencyKey, IssuedBill? replaces, string issuedBy, BillingSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(settings);
        var bill = IssuedBill.Issue(kind, year, sequence, contract, decision.Input, decision.Bill, issuedOn, decision.Estimates.Count > 0, idempotencyKey, now, replaces);
        var estimates = decision.Estimates
            .Select(e => e.Meter.Read(e.Date, e.Value, ReadingKind.Estimated, ReadingSource.System, now).Value!)
            .ToList();
        var after = accountBalanceBefore + bill.Gross;
        DirectDebit? debit = null;
        CreditTransfer? payout = null;
        if (bill.Balance > 0 && Math.Min(bill.Balance, after) > 0)
        {
            debit = DirectDebit.ForBill(contract, bill, Math.Min(bill.Balance, after), now);
        }
        else if (bill.Balance < 0 && Math.Min(-bill.Balance, -after) > 0)
        {
            payout = CreditTransfer.ForBill(contract, bill, Math.Min(-bill.Balance, -after), settings.RefundApprovalLimit, issuedBy, now);
        }

        if (decision.Bill.NextInstallment is { } next)
        {
            contract.ChangeInstallmentPlan(InstallmentPlan.Create(next.Amount, next.Dues[0], next.Count).Value!);
        }

        return new IssuedRows(bill, LedgerEntry.ForBill(contract, issuedOn, bill.Gross, bill.Number, now), QueuedBillDocument.For(bill, now), estimates, debit, payout);
    }
}
