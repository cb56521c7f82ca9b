using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>A contract account as staff and the API read it: the ledger with its running balance, and the open items.</summary>
public sealed record ContractAccount(Guid ContractId, string ContractNumber, string ContractAccountNumber, decimal Balance, IReadOnlyList<StatementLine> Statement, OpenItemsView OpenItems);

/// <summary>
/// The contract account read for a page, the API and the dunning run alike (one query, set-based for many contracts):
/// the ledger, and the open items (<see cref="OpenItems"/>) made from the stored facts: the installment requests not
/// yet settled by a bill (an issued bill covers the installments of its period: it credits what was paid and claims
/// the rest), each bill's balance (or the parts agreed for it), dunning fees; the money on the account allocated to them.
/// </summary>
public sealed class ContractAccounts(StadtwerkDbContext db, TimeProvider clock)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task<ContractAccount?> OfAsync(string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().Where(c => c.ContractNumber == contractNumber)
            .Select(c => new { c.Id, c.ContractNumber, c.ContractAccountNumber }).FirstOrDefaultAsync(ct);
        if (contract is null)
        {
            return null;
        }

        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.ContractId == contract.Id).ToListAsync(ct);
        var statement = AccountStatement.Of(entries);
        var items = (await OpenItemsAsync([contract.Id], ct))[contract.Id];
        return new ContractAccount(contract.Id, contract.ContractNumber, contract.ContractAccountNumber, statement.Count == 0 ? 0m : statement[^1].Balance, statement, items);
    }

    /// <summary>The open items of many contracts at once: five queries for all of them.</summary>
    public async Task<IReadOnlyDictionary<Guid, OpenItemsView>> OpenItemsAsync(IReadOnlyCollection<Guid> contractIds, CancellationToken ct)
    {
        var today = UtilityCalendar.Today(clock.GetUtcNow());
        var bills = (await db.IssuedBills.AsNoTracking()
                .Where(b => contractIds.Contains(b.ContractId) && b.Kind != BillKind.Cancellation
                    && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == b.Id))
                .Select(b => new { b.Id, b.ContractId, b.Number, b.Balance, b.DueOn, b.IssuedOn, b.PeriodStart, b.PeriodEnd })
                .ToListAsync(ct))
            .ToLookup(b => b.ContractId);
        var billIds = bills.SelectMany(g => g).Select(b => b.Id).ToList();
        var settlements = (await db.BalanceSettlements.AsNoTracking().Where(s => billIds.Contains(s.BillId)).ToListAsync(ct)).ToDictionary(s => s.BillId);
        var requests = (await db.InstallmentRequests.AsNoTracking().Where(r => contractIds.Contains(r.ContractId)).ToListAsync(ct)).ToLookup(r => r.ContractId);
        var ledger = (await db.LedgerEntries.AsNoTracking()
                .Where(e => contractIds.Contains(e.ContractId) && e.Kind != LedgerEntryKind.Bill && e.Kind != LedgerEntryKind.Cancellation)
                .ToListAsync(ct))
            .ToLookup(e => e.ContractId);

        var result = new Dictionary<Guid, OpenItemsView>(contractIds.Count);
        foreach (var id in contractIds)
        {
            var active = bills[id].ToList();
            bool Billed(DateOnly day) => active.Any(b => b.PeriodStart <= day && b.PeriodEnd >= day);
            var items = new List<AccountItem>();
            var credits = new List<AccountCredit>();
            items.AddRange(requests[id].Where(r => !Billed(r.DueOn)).Select(r => new AccountItem(OpenItemKind.Installment, r.Reference, r.DueOn, r.Amount)));
            foreach (var bill in active)
            {
                if (bill.Balance < 0)
                {
                    credits.Add(new AccountCredit(bill.IssuedOn, -bill.Balance, $"Guthaben Rechnung {bill.Number}"));
                    continue;
                }

                if (settlements.GetValueOrDefault(bill.Id) is { Kind: SettlementKind.Instalments or SettlementKind.Deferral } agreed)
                {
                    var parts = agreed.Schedule();
                    items.AddRange(parts.Select((p, i) => new AccountItem(
                        OpenItemKind.SettlementPart,
                        agreed.Kind == SettlementKind.Deferral ? $"Stundung Rechnung {bill.Number}" : string.Create(German, $"Rate {i + 1}/{parts.Count} Rechnung {bill.Number}"),
                        p.Due,
                        p.Amount,
                        bill.Number)));
                }
                else if (bill.Balance > 0)
                {
                    items.Add(new AccountItem(OpenItemKind.Bill, $"Rechnung {bill.Number}", bill.DueOn, bill.Balance, bill.Number));
                }
            }

            foreach (var entry in ledger[id])
            {
                switch (entry.Kind)
                {
                    case LedgerEntryKind.DunningFee:
                        items.Add(new AccountItem(OpenItemKind.DunningFee, $"Mahngebühr ({entry.Reference})", entry.BookedOn, entry.Amount));
                        break;
                    case LedgerEntryKind.Payment:
                        credits.Add(new AccountCredit(entry.BookedOn, -entry.Amount, entry.Reference, entry.BillNumber));
                        break;
                    case LedgerEntryKind.Installment or LedgerEntryKind.ReturnedDebit when Billed(entry.BookedOn):
                        // Counted by the bill of that period (its "paid").
                        break;
                    default:
                        // Installments received (credit), returned debits and payouts (money that went back out).
                        credits.Add(new AccountCredit(entry.BookedOn, -entry.Amount, entry.Reference));
                        break;
                }
            }

            result[id] = OpenItems.Allocate(items, credits, today);
        }

        return result;
    }
}
