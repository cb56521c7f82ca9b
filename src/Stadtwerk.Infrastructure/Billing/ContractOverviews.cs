using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Billing;

/// <summary>A dunning letter of a contract, as lists show it.</summary>
public sealed record DunningNoticeRow(Guid Id, string ContractNumber, DunningLevel Level, DateOnly IssuedOn, decimal Arrears, decimal Fee, DateOnly PayBy, DateOnly? DisconnectionFrom, string SentBy);

/// <summary>A meter reading of the contract's premise, with the meter it was read on.</summary>
public sealed record ReadingRow(string MeterNumber, DateOnly Date, decimal Value, ReadingKind Kind, ReadingSource Source, int Version);

/// <summary>A reading entered or corrected by hand, with the value before, why and by whom (newest first).</summary>
public sealed record ReadingChangeRow(string MeterNumber, DateOnly ReadingDate, decimal? OldValue, decimal NewValue, string? Reason, string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>
/// Everything a clerk sees of one contract: who and where, the bank account and mandate, the bills with where each
/// letter is, the account (statement, open items, collection entries, payouts, dunning letters), the collection
/// schedule and the readings.
/// </summary>
public sealed record ContractOverview(
    Contract Contract,
    Customer Customer,
    string PremiseAddress,
    string TariffName,
    IReadOnlyList<IssuedBill> Bills,
    IReadOnlySet<Guid> CancelledBills,
    IReadOnlyDictionary<Guid, BalanceSettlement> Settlements,
    IReadOnlyDictionary<Guid, LetterDispatchState> Letters,
    IReadOnlyList<StatementLine> Statement,
    IReadOnlyList<ScheduledDebit> Collections,
    OpenItemsView OpenItems,
    IReadOnlyList<PayoutRow> Payouts,
    IReadOnlyList<DirectDebit> Debits,
    IReadOnlyList<DunningNoticeRow> DunningNotices,
    IReadOnlyList<ReadingRow> Readings,
    IReadOnlyList<string> Meters,
    IReadOnlyList<ReadingChangeRow> ReadingChanges,
    IReadOnlyList<BillingHold> OpenHolds)
{
    public decimal Balance => Statement.Count > 0 ? Statement[^1].Balance : 0m;

    /// <summary>The last period billed and not cancelled, if any.</summary>
    public DateOnly? LastBilledEnd => Bills.Where(b => b.Kind != BillKind.Cancellation && !CancelledBills.Contains(b.Id)).Select(b => (DateOnly?)b.PeriodEnd).Max();
}

/// <summary>Loads a <see cref="ContractOverview"/> in a few queries (the contract page and any list that opens one).</summary>
public sealed class ContractOverviews(StadtwerkDbContext db, LetterStates letters, ContractAccounts accounts, TimeProvider clock)
{
    /// <summary>How many collection entries and readings the overview shows (newest first).</summary>
    public const int Newest = 50;

    /// <summary>The numbers of the meters of the contract's commodity at its supply point.</summary>
    public async Task<IReadOnlyList<string>> MetersAsync(string contractNumber, CancellationToken ct) =>
        await (from c in db.Contracts.AsNoTracking()
               where c.ContractNumber == contractNumber
               join m in db.Meters on c.PremiseId equals m.PremiseId
               where m.Commodity == c.Commodity
               select m.MeterNumber).ToListAsync(ct);

    public async Task<ContractOverview?> LoadAsync(string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == contract.CustomerId, ct);
        var premise = await db.Premises.AsNoTracking().SingleAsync(p => p.Id == contract.PremiseId, ct);
        var tariff = await db.Tariffs.AsNoTracking().Where(t => t.Id == contract.TariffId).Select(t => t.Name).SingleAsync(ct);
        var bills = (await db.IssuedBills.AsNoTracking().Where(b => b.ContractId == contract.Id).ToListAsync(ct))
            .OrderByDescending(b => b.PeriodEnd).ThenByDescending(b => b.Id).ToList();
        var cancelled = bills.Where(b => b.Kind == BillKind.Cancellation && b.ReferencesBillId is not null).Select(b => b.ReferencesBillId!.Value).ToHashSet();
        var billIds = bills.Select(b => b.Id).ToList();
        var settlements = await db.BalanceSettlements.AsNoTracking().Where(s => billIds.Contains(s.BillId)).ToDictionaryAsync(s => s.BillId, ct);
        var states = await letters.StatesAsync(billIds, ct);
        var statement = AccountStatement.Of(await db.LedgerEntries.AsNoTracking().Where(e => e.ContractId == contract.Id).ToListAsync(ct));
        var active = await db.ActiveSettlements(contract.Id).ToListAsync(ct);
        var collections = CollectionSchedule.From(contract.InstallmentPlan, active, UtilityCalendar.Today(clock.GetUtcNow()));
        var openItems = (await accounts.OpenItemsAsync([contract.Id], ct))[contract.Id];
        var payouts = await (from t in db.CreditTransfers.AsNoTracking()
                             where t.ContractId == contract.Id
                             join b in db.IssuedBills on t.BillId equals b.Id into paidBills
                             from b in paidBills.DefaultIfEmpty()
                             orderby t.ExecuteOn descending, t.Id descending
                             select new PayoutRow(t, contract.ContractNumber, b == null ? null : b.Number)).ToListAsync(ct);
        var debits = await db.DirectDebits.AsNoTracking().Where(d => d.ContractId == contract.Id)
            .OrderByDescending(d => d.DueOn).ThenByDescending(d => d.Id).Take(Newest).ToListAsync(ct);
        var notices = await db.DunningNotices.AsNoTracking().Where(n => n.ContractId == contract.Id)
            .OrderByDescending(n => n.Id) // version 7 GUIDs: newest first (SQLite cannot order by DateTimeOffset)
            .Select(n => new DunningNoticeRow(n.Id, contract.ContractNumber, n.Level, n.IssuedOn, n.Arrears, n.Fee, n.PayBy, n.DisconnectionFrom, n.SentBy)).ToListAsync(ct);
        var readings = await (from r in db.Readings.AsNoTracking()
                              join m in db.Meters on r.MeterId equals m.Id
                              where m.PremiseId == contract.PremiseId && m.Commodity == contract.Commodity
                              orderby r.Date descending
                              select new ReadingRow(m.MeterNumber, r.Date, r.Value, r.Kind, r.Source, r.Version)).Take(Newest).ToListAsync(ct);
        var meters = await db.Meters.AsNoTracking().Where(m => m.PremiseId == contract.PremiseId && m.Commodity == contract.Commodity)
            .OrderByDescending(m => m.InstalledOn).Select(m => m.MeterNumber).ToListAsync(ct);
        var changes = await (from c in db.ReadingChanges.AsNoTracking()
                             join m in db.Meters on c.MeterId equals m.Id
                             where m.PremiseId == contract.PremiseId && m.Commodity == contract.Commodity
                             orderby c.Id descending // version 7 GUIDs: newest first
                             select new ReadingChangeRow(m.MeterNumber, c.ReadingDate, c.OldValue, c.NewValue, c.Reason, c.ChangedBy, c.ChangedAt)).Take(Newest).ToListAsync(ct);
        var holds = await db.BillingHolds.AsNoTracking().Where(h => h.ContractId == contract.Id && h.ReleasedAt == null).OrderBy(h => h.PeriodEnd).ToListAsync(ct);
        return new ContractOverview(
            contract, customer, premise.Address.ToString(), tariff, bills, cancelled, settlements, states, statement, collections, openItems, payouts, debits, notices, readings, meters, changes, holds);
    }
}
