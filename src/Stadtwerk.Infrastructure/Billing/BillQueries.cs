using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>The one definition of which bills and agreements count: not cancellations, and not cancelled.</summary>
public static class BillQueries
{
    /// <summary>The contract's bills that count: not cancellations, and not cancelled by one.</summary>
    public static IQueryable<IssuedBill> ActiveBills(this StadtwerkDbContext db, Guid contractId) =>
        db.IssuedBills.AsNoTracking().Where(b => b.ContractId == contractId && b.Kind != BillKind.Cancellation
            && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == b.Id));

    /// <summary>The bills that count of several contracts at once (set-based, e.g. for a batch of letters).</summary>
    public static IQueryable<IssuedBill> ActiveBills(this StadtwerkDbContext db, IReadOnlyCollection<Guid> contractIds) =>
        db.IssuedBills.AsNoTracking().Where(b => contractIds.Contains(b.ContractId) && b.Kind != BillKind.Cancellation
            && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == b.Id));

    public static Task<bool> IsCancelledAsync(this StadtwerkDbContext db, Guid billId, CancellationToken ct) =>
        db.IssuedBills.AnyAsync(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == billId, ct);

    /// <summary>The agreements about the contract's bills that are not cancelled.</summary>
    public static IQueryable<BalanceSettlement> ActiveSettlements(this StadtwerkDbContext db, Guid contractId) =>
        db.BalanceSettlements.AsNoTracking().Where(s => s.ContractId == contractId
            && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == s.BillId));
}

/// <summary>The balances of contract accounts: the sum of their ledger entries, set-based.</summary>
public static class AccountBalances
{
    public static async Task<IReadOnlyDictionary<Guid, decimal>> OfAsync(StadtwerkDbContext db, IReadOnlyCollection<Guid> contractIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (contractIds.Count == 0)
        {
            return new Dictionary<Guid, decimal>();
        }

        if (db.Database.IsNpgsql())
        {
            return await db.LedgerEntries.AsNoTracking().Where(e => contractIds.Contains(e.ContractId))
                .GroupBy(e => e.ContractId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) })
                .ToDictionaryAsync(g => g.Key, g => g.Sum, ct);
        }

        // SQLite stores decimals as text and sums none: add them up here.
        var rows = await db.LedgerEntries.AsNoTracking().Where(e => contractIds.Contains(e.ContractId)).Select(e => new { e.ContractId, e.Amount }).ToListAsync(ct);
        return rows.GroupBy(r => r.ContractId).ToDictionary(g => g.Key, g => g.Sum(r => r.Amount));
    }

    public static async Task<decimal> OfAsync(StadtwerkDbContext db, Guid contractId, CancellationToken ct) =>
        (await OfAsync(db, [contractId], ct)).GetValueOrDefault(contractId);
}
