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

    public sealed record Conflict(string Field, string Message) : SettlementResult;
}

/// <summary>
/// Agrees what happens with an issued bill's balance (Ratenzahlung, Stundung, Erstattung, Verrechnung); a refund is
/// booked on the contract account at once. One agreement per bill; a cancelled bill has none.
/// </summary>
public sealed class AgreeSettlement(StadtwerkDbContext db, TimeProvider clock)
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

        if (settlement.Kind == SettlementKind.Refund)
        {
            // Pay out no more than the account really holds for the customer (payments may have changed since the bill).
            var amounts = await db.LedgerEntries.Where(e => e.ContractId == bill.ContractId).Select(e => e.Amount).ToListAsync(ct);
            var credit = -amounts.Sum();
            if (credit < -settlement.Amount)
            {
                return new SettlementResult.Invalid([new FieldError("kind", $"the contract account holds a credit of {credit:0.00} € only, less than the bill's {-settlement.Amount:0.00} €; a clerk must look at the account first")]);
            }
        }

        db.BalanceSettlements.Add(settlement);
        if (settlement.Kind == SettlementKind.Refund)
        {
            var contract = await db.Contracts.SingleAsync(c => c.Id == bill.ContractId, ct);
            db.LedgerEntries.Add(LedgerEntry.ForRefund(contract, settlement.FirstDue, -settlement.Amount, $"Erstattung {bill.Number}", now));
        }

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
