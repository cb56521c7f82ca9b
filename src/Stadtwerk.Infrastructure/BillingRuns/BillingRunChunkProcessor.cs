using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.BillingRuns;

/// <summary>What became of one attempt at a chunk.</summary>
public enum ChunkOutcome
{
    /// <summary>Billed and committed now.</summary>
    Done,

    /// <summary>Another worker (or an earlier attempt) committed it already: nothing was billed twice.</summary>
    AlreadyDone,

    /// <summary>The run is cancelled: the chunk stays pending until the run is resumed.</summary>
    RunCancelled,

    NotFound,
}

/// <summary>
/// Bills one chunk of a run, set-based: the chunk's contracts and everything their bills are made from are loaded
/// with a few queries (no round trip per contract), every contract is decided in memory with the same rules as a
/// single bill (<see cref="ContractBilling.Decide"/>), and all results are written in one transaction: bills with
/// gap-free numbers, estimates as readings, ledger entries, next installment plans, SEPA collection entries, the
/// document queue, holds, the items' outcomes and the chunk's counts. Inserts go by binary COPY on PostgreSQL and
/// by EF Core's batched statements on SQLite. A crash rolls the transaction back (numbers included); the chunk row
/// marks it done in the same transaction, so a chunk taken twice is billed once.
/// </summary>
public sealed class BillingRunChunkProcessor(StadtwerkDbContext db, TimeProvider clock, BillingSettings settings)
{
    private const int MaxAttempts = 5;

    /// <summary>SQLite has one writer at a time: the process's chunk writers queue here instead of spinning on a busy database.</summary>
    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    public async Task<ChunkOutcome> RunAsync(Guid runId, int chunkNumber, string worker, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            try
            {
                return await TryAsync(runId, chunkNumber, worker, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A contract of the chunk changed meanwhile (a clerk billed it or changed its plan), or another worker
                // finished the chunk: everything was rolled back; the next attempt sees what committed.
            }
            catch (PostgresException e) when (attempt < MaxAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
            }
        }
    }

    private async Task<ChunkOutcome> TryAsync(Guid runId, int chunkNumber, string worker, CancellationToken ct)
    {
        var run = await db.BillingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null)
        {
            return ChunkOutcome.NotFound;
        }

        if (run.Status == BillingRunStatus.Cancelled)
        {
            return ChunkOutcome.RunCancelled;
        }

        var chunk = await db.BillingRunChunks.SingleOrDefaultAsync(c => c.RunId == runId && c.Number == chunkNumber, ct);
        if (chunk is null)
        {
            return ChunkOutcome.NotFound;
        }

        if (chunk.Status == BillingRunChunkStatus.Done)
        {
            return ChunkOutcome.AlreadyDone;
        }

        // Counted outside the billing transaction: a chunk begun more than once shows that a worker died or lost a race.
        await db.BillingRunChunks.Where(c => c.RunId == runId && c.Number == chunkNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Attempts, c => c.Attempts + 1).SetProperty(c => c.Worker, worker), ct);
        var watch = Stopwatch.StartNew();
        var items = await db.BillingRunItems.Where(i => i.RunId == runId && i.Chunk == chunkNumber).ToListAsync(ct);
        var data = await ChunkData.LoadAsync(db, items.Select(i => i.ContractId).ToList(), run.PeriodEndFrom.AddYears(-3), ct);
        var load = watch.Elapsed;
        var now = clock.GetUtcNow();
        var plan = new ChunkPlan(run, settings, now);
        foreach (var item in items)
        {
            plan.Decide(item, data);
        }

        var decide = watch.Elapsed - load;

        var sqlite = !db.Database.IsNpgsql();
        if (sqlite)
        {
            await SqliteWriter.WaitAsync(ct);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var bills = plan.Issue(db, plan.ToIssue.Count == 0 ? 0 : await BillNumbers.ReserveAsync(db, run.IssuedOn.Year, plan.ToIssue.Count, ct), await AccountBalances.OfAsync(db, [.. plan.ToIssue.Select(i => i.Contract.Id)], ct));
            chunk.Finish(plan.Billed, plan.Held, plan.Failed, plan.Skipped, worker, now);
            if (sqlite)
            {
                db.IssuedBills.AddRange(bills.Bills);
                db.LedgerEntries.AddRange(bills.Ledger);
                db.Readings.AddRange(bills.Estimates);
                db.DirectDebits.AddRange(bills.Debits);
                db.CreditTransfers.AddRange(bills.Payouts);
                db.QueuedBillDocuments.AddRange(bills.Documents);
                db.BillingHolds.AddRange(plan.NewHolds);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                // Updates first (contracts with their version check, items, holds, the chunk), then the inserts by COPY.
                await db.SaveChangesAsync(ct);
                await EntityCopy.CopyAsync(db, bills.Bills, ct);
                await EntityCopy.CopyAsync(db, bills.Ledger, ct);
                await EntityCopy.CopyAsync(db, bills.Estimates, ct);
                await EntityCopy.CopyAsync(db, bills.Debits, ct);
                await EntityCopy.CopyAsync(db, bills.Payouts, ct);
                await EntityCopy.CopyAsync(db, bills.Documents, ct);
                await EntityCopy.CopyAsync(db, plan.NewHolds, ct);
            }

            var write = watch.Elapsed - load - decide;
            await db.BillingRunChunks.Where(c => c.RunId == runId && c.Number == chunkNumber).ExecuteUpdateAsync(
                s => s.SetProperty(c => c.LoadMilliseconds, (int)load.TotalMilliseconds)
                    .SetProperty(c => c.DecideMilliseconds, (int)decide.TotalMilliseconds)
                    .SetProperty(c => c.WriteMilliseconds, (int)write.TotalMilliseconds),
                ct);
            await transaction.CommitAsync(ct);
        }
        finally
        {
            if (sqlite)
            {
                SqliteWriter.Release();
            }
        }

        db.ChangeTracker.Clear();
        await CompleteRunIfDoneAsync(runId, ct);
        return ChunkOutcome.Done;
    }

    private async Task CompleteRunIfDoneAsync(Guid runId, CancellationToken ct)
    {
        if (await db.BillingRunChunks.AnyAsync(c => c.RunId == runId && c.Status == BillingRunChunkStatus.Pending, ct))
        {
            return;
        }

        var run = await db.BillingRuns.SingleAsync(r => r.Id == runId, ct);
        run.Complete(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The worker of the last other chunk completed the run at the same moment.
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>What a chunk's bills are made from, loaded for all its contracts at once.</summary>
    private sealed class ChunkData
    {
        public required Dictionary<Guid, Contract> Contracts { get; init; }

        public required Dictionary<Guid, Tariff> Tariffs { get; init; }

        public required Dictionary<Guid, string?> NetworkAreas { get; init; }

        public required ILookup<Guid, Meter> MetersByPremise { get; init; }

        public required ILookup<Guid, Reading> ReadingsByMeter { get; init; }

        public required ILookup<Guid, LedgerEntry> InstallmentsByContract { get; init; }

        public required ILookup<Guid, ActiveBill> BillsByContract { get; init; }

        public required ILookup<Guid, BillingHold> OpenHoldsByContract { get; init; }

        /// <summary>The VAT table of each commodity in the chunk, statutory rates with the utility's overrides, built once per chunk.</summary>
        public required Dictionary<Commodity, System.Collections.Immutable.ImmutableArray<VatRate>> Vat { get; init; }

        public required List<GasConversionFactor> GasFactors { get; init; }

        public static async Task<ChunkData> LoadAsync(StadtwerkDbContext db, List<Guid> ids, DateOnly ledgerFrom, CancellationToken ct)
        {
            var contracts = await db.Contracts.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var tariffIds = contracts.Values.Select(c => c.TariffId).Distinct().ToList();
            var premiseIds = contracts.Values.Select(c => c.PremiseId).Distinct().ToList();
            var tariffs = await db.Tariffs.AsNoTracking().Where(t => tariffIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
            var areas = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).Select(p => new { p.Id, p.NetworkArea }).ToDictionaryAsync(p => p.Id, p => p.NetworkArea, ct);
            var meters = await db.Meters.AsNoTracking().Where(m => premiseIds.Contains(m.PremiseId)).ToListAsync(ct);
            var meterIds = meters.Select(m => m.Id).ToList();
            var readings = await db.Readings.AsNoTracking().Where(r => meterIds.Contains(r.MeterId)).ToListAsync(ct);
            var ledger = await db.LedgerEntries.AsNoTracking()
                .Where(e => ids.Contains(e.ContractId) && (e.Kind == LedgerEntryKind.Installment || e.Kind == LedgerEntryKind.ReturnedDebit) && e.BookedOn >= ledgerFrom)
                .ToListAsync(ct);
            var bills = await db.IssuedBills.AsNoTracking()
                .Where(b => ids.Contains(b.ContractId) && b.Kind != BillKind.Cancellation
                    && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == b.Id))
                .Select(b => new ActiveBill(b.ContractId, b.Number, b.PeriodStart, b.PeriodEnd, b.Quantity))
                .ToListAsync(ct);
            var holds = await db.BillingHolds.Where(h => ids.Contains(h.ContractId) && h.ReleasedAt == null).ToListAsync(ct);
            var commodities = contracts.Values.Select(c => c.Commodity).Distinct().ToList();
            var overrides = await db.VatRateOverrides.AsNoTracking().Where(v => commodities.Contains(v.Commodity)).ToListAsync(ct);
            return new ChunkData
            {
                Contracts = contracts,
                Tariffs = tariffs,
                NetworkAreas = areas,
                MetersByPremise = meters.ToLookup(m => m.PremiseId),
                ReadingsByMeter = readings.ToLookup(r => r.MeterId),
                InstallmentsByContract = ledger.ToLookup(e => e.ContractId),
                BillsByContract = bills.ToLookup(b => b.ContractId),
                OpenHoldsByContract = holds.ToLookup(h => h.ContractId),
                Vat = commodities.ToDictionary(c => c, c => VatRateOverride.Table(c, overrides.Where(v => v.Commodity == c))),
                GasFactors = await db.GasConversionFactors.AsNoTracking().ToListAsync(ct),
            };
        }
    }

    private sealed record ActiveBill(Guid ContractId, string Number, DateOnly PeriodStart, DateOnly PeriodEnd, long Quantity);

    /// <summary>The bills and what comes with them, ready to be written.</summary>
    private sealed record IssuedChunk(List<IssuedBill> Bills, List<LedgerEntry> Ledger, List<Reading> Estimates, List<DirectDebit> Debits, List<QueuedBillDocument> Documents, List<CreditTransfer> Payouts);

    /// <summary>The decisions for a chunk's contracts, made before the transaction; numbers are given inside it.</summary>
    private sealed class ChunkPlan(BillingRun run, BillingSettings settings, DateTimeOffset now)
    {
        private readonly BillingRunSelection selection = run.Selection;

        public List<(BillingRunItem Item, Contract Contract, BillKind Kind, BillDecision.Issue Decision)> ToIssue { get; } = [];

        public List<BillingHold> NewHolds { get; } = [];

        public int Billed => ToIssue.Count;

        public int Held { get; private set; }

        public int Failed { get; private set; }

        public int Skipped { get; private set; }

        public void Decide(BillingRunItem item, ChunkData data)
        {
            try
            {
                DecideOne(item, data);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or KeyNotFoundException or OverflowException)
            {
                // Data no rule foresaw: this contract fails with the error, the others of the chunk are billed.
                item.Fail(e.Message);
                Failed++;
            }
        }

        private void DecideOne(BillingRunItem item, ChunkData data)
        {
            if (!data.Contracts.TryGetValue(item.ContractId, out var contract))
            {
                item.Fail($"contract {item.ContractNumber} no longer exists");
                Failed++;
                return;
            }

            var bills = data.BillsByContract[contract.Id].ToList();
            var lastBilled = bills.Count == 0 ? (DateOnly?)null : bills.Max(b => b.PeriodEnd);
            if (selection.PeriodFor(contract.StartDate, contract.EndDate, lastBilled) is not { } period)
            {
                item.Skip(lastBilled is { } last ? (Text)$"nothing due in the window: billed until {last}" : "no billing period ends in the window");
                Skipped++;
                return;
            }

            if (bills.FirstOrDefault(b => b.PeriodStart <= period.End && b.PeriodEnd >= period.Start) is { } billed)
            {
                item.Skip($"billed already (bill {billed.Number})");
                Skipped++;
                return;
            }

            if (period.Days > BillContract.MaxPeriodDays)
            {
                item.Fail($"the period {period} has {period.Days} days; a bill covers at most {BillContract.MaxPeriodDays}: bill the missing year first");
                Failed++;
                return;
            }

            var kind = contract.EndDate is { } ended && ended <= period.End ? BillKind.FinalBill : BillKind.AnnualBill;
            var plan = kind == BillKind.AnnualBill && contract.EndDate is null
                ? PlanRequest.Create(settings.NextPlanCount, ContractBilling.FirstInstallmentDue(run.IssuedOn))
                : null;
            var previous = bills.Where(b => b.PeriodEnd < period.Start).MaxBy(b => b.PeriodEnd);
            var meters = data.MetersByPremise[contract.PremiseId].ToList();
            GasConversion? gas = null;
            if (contract.Commodity == Commodity.Gas && data.NetworkAreas.GetValueOrDefault(contract.PremiseId) is { } area)
            {
                gas = data.GasFactors.FirstOrDefault(g => g.NetworkArea == area && g.ValidFrom <= period.End && g.ValidTo >= period.End)?.ToConversion();
            }

            var billingData = new ContractBillingData(
                contract,
                data.Tariffs[contract.TariffId],
                meters,
                [.. meters.SelectMany(m => data.ReadingsByMeter[m.Id])],
                data.Vat[contract.Commodity],
                gas,
                ContractBilling.InstallmentsPaid(data.InstallmentsByContract[contract.Id].Where(e => period.Contains(e.BookedOn))),
                previous is null ? null : new PreviousPeriod(BillingPeriod.Create(previous.PeriodStart, previous.PeriodEnd), previous.Quantity),
                settings.AverageAnnualQuantity(contract.Commodity));
            switch (ContractBilling.Decide(billingData, period, plan))
            {
                case BillDecision.Issue issue:
                    ToIssue.Add((item, contract, kind, issue));
                    foreach (var hold in data.OpenHoldsByContract[contract.Id].Where(h => h.PeriodStart <= issue.Input.Period.End && h.PeriodEnd >= issue.Input.Period.Start))
                    {
                        hold.Release(now, "system");
                    }

                    break;
                case BillDecision.Hold hold:
                    var details = hold.Text;
                    if (data.OpenHoldsByContract[contract.Id].FirstOrDefault(h => h.PeriodEnd == hold.Period.End) is { } open)
                    {
                        open.Renew(hold.Reason, details, now);
                    }
                    else
                    {
                        NewHolds.Add(BillingHold.Create(contract, hold.Period, hold.Reason, details, now));
                    }

                    item.Hold(hold.Reason, details);
                    Held++;
                    break;
                default:
                    throw new InvalidOperationException("Unknown billing decision.");
            }
        }

        /// <summary>Issues the bills with the numbers from <paramref name="firstSequence"/> on, and applies them to the tracked contracts and items.</summary>
        public IssuedChunk Issue(StadtwerkDbContext db, long firstSequence, IReadOnlyDictionary<Guid, decimal> balances)
        {
            var result = new IssuedChunk([], [], [], [], [], []);
            var sequence = firstSequence;
            foreach (var (item, contract, kind, decision) in ToIssue)
            {
                var rows = IssueDocument.Bill(kind, run.IssuedOn.Year, sequence++, contract, decision, run.IssuedOn, balances.GetValueOrDefault(contract.Id), idempotencyKey: null, replaces: null, issuedBy: "Abrechnungslauf", settings, now);
                var bill = rows.Bill;
                result.Bills.Add(bill);
                result.Documents.Add(rows.Letter);
                result.Ledger.Add(rows.Ledger);
                result.Estimates.AddRange(rows.Estimates);
                if (rows.Debit is not null)
                {
                    result.Debits.Add(rows.Debit);
                }

                if (rows.Payout is not null)
                {
                    result.Payouts.Add(rows.Payout);
                }

                // Every bill raises the contract's version: a clerk's change or bill at the same moment makes one of the two fail.
                db.Entry(contract).Property(c => c.Version).IsModified = true;
                item.Billed(bill.Id);
            }

            return result;
        }
    }
}
