using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

public abstract record SettlementResult
{
    private SettlementResult()
    {
    }

    public sealed record Agreed(BalanceSettlement Settlement, string BillNumber) : SettlementResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : SettlementResult;

    public sealed record NotFound(string What) : SettlementResult;

    public sealed record Conflict(string Field, Text Text) : SettlementResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>
/// Agrees what happens with an issued bill's balance (Ratenzahlung, Stundung, Erstattung, Verrechnung); a refund is
/// booked on the contract account at once. One agreement per bill; a cancelled bill has none.
/// </summary>
public sealed class AgreeSettlement(StadtwerkDbContext db, TimeProvider clock, BillingSettings settings)
{
    public async Task<SettlementResult> RunAsync(string billNumber, SettlementKind kind, int parts, DateOnly? firstDue, string agreedBy, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == billNumber, ct);
        if (bill is null)
        {
            return new SettlementResult.NotFound($"Bill {billNumber}");
        }

        if (await db.IsCancelledAsync(bill.Id, ct))
        {
            return new SettlementResult.Conflict("number", $"bill {billNumber} is cancelled");
        }

        if (await db.BalanceSettlements.AnyAsync(s => s.BillId == bill.Id, ct))
        {
            return new SettlementResult.Conflict("number", $"bill {billNumber} has an agreement already");
        }

        var now = clock.GetUtcNow();
        var agreed = BalanceSettlement.Agree(bill, kind, parts, firstDue, Stadtwerk.Infrastructure.UtilityCalendar.Today(now), agreedBy, now);
        if (agreed.Value is not { } settlement)
        {
            return new SettlementResult.Invalid(agreed.Errors);
        }

        var payout = await db.CreditTransfers.FirstOrDefaultAsync(t => t.BillId == bill.Id && t.Status != CreditTransferStatus.Withdrawn, ct);
        var contract = await db.Contracts.SingleAsync(c => c.Id == bill.ContractId, ct);
        switch (settlement.Kind)
        {
            case SettlementKind.Refund when payout is null:
                // Pay out no more than the account really holds for the customer (payments may have changed since the bill).
                var credit = -await AccountBalances.OfAsync(db, bill.ContractId, ct);
                if (credit < -settlement.Amount)
                {
                    return new SettlementResult.Invalid([new FieldError("kind", $"the contract account holds a credit of {credit:0.00} € only, less than the bill's {-settlement.Amount:0.00} €; a clerk must look at the account first")]);
                }

                db.CreditTransfers.Add(CreditTransfer.ForBill(contract, bill, -settlement.Amount, settings.RefundApprovalLimit, agreedBy, now)!);
                break;
            case SettlementKind.Refund:
                payout.Reschedule(settlement.FirstDue < payout.ExecuteOn ? settlement.FirstDue : payout.ExecuteOn);
                break;
            case SettlementKind.SetOff when payout is { Status: CreditTransferStatus.Submitted or CreditTransferStatus.Booked }:
                return new SettlementResult.Conflict("kind", $"the credit of bill {billNumber} is paid out already (credit transfer of {payout.ExecuteOn})");
            case SettlementKind.SetOff:
                payout?.Withdraw($"Guthaben mit den nächsten Abschlägen verrechnet ({agreedBy})");
                break;
            default:
                // A claim in parts or deferred: the parts are collected by the schedule, not the whole balance on its due date.
                var debit = await db.DirectDebits.FirstOrDefaultAsync(d => d.BillId == bill.Id && d.Kind == DirectDebitKind.BillBalance, ct);
                if (debit is { Status: DirectDebitStatus.Submitted })
                {
                    return new SettlementResult.Conflict("kind", $"the balance of bill {billNumber} is in a direct-debit file already (collection on {debit.DueOn})");
                }

                debit?.Withdraw(settlement.Kind == SettlementKind.Instalments ? $"Ratenzahlung vereinbart ({agreedBy})" : $"Stundung vereinbart ({agreedBy})");
                break;
        }

        db.BalanceSettlements.Add(settlement);
        try
        {
            await db.SaveChangesAsync(ct);
            return new SettlementResult.Agreed(settlement, bill.Number);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new SettlementResult.Conflict("number", $"bill {billNumber} got an agreement at the same moment");
        }
    }
}
