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
