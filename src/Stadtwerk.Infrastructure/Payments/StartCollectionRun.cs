using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// The collection run (Einzugslauf) of one due date: for every contract whose collection schedule asks for money that
/// day, the installment request (an open item, for transfer payers too) and, with a valid SEPA mandate, the collection
/// entry for the direct-debit file: the plan's installment as it stands (a changed installment included), plus the
/// parts of agreed instalments or deferrals, less credit the customer chose to set off. Nothing is asked after a
/// contract's end. A mandate unused for 36 months has lapsed: nothing is collected under it (the run counts it).
/// Set-based, a page of contracts at a time, each page one transaction; idempotent per contract and due date: the
/// unique keys of requests and entries make a repeated or concurrent run write nothing twice.
/// </summary>
public sealed class StartCollectionRun(StadtwerkDbContext db, TimeProvider clock, Func<StadtwerkDbContext>? openWorker = null)
{
    public const int PageSize = 5_000;

    /// <summary>Pages written at the same time, each on a connection of its own (PostgreSQL; SQLite has one writer).</summary>
    private static int Writers => Math.Clamp(Environment.ProcessorCount, 1, 4);

    private readonly Lock counting = new();

    public async Task<CollectionRun> RunAsync(DateOnly dueOn, string startedBy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var run = CollectionRun.Start(dueOn, startedBy, now);
        db.CollectionRuns.Add(run);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // Contracts whose balance is settled in parts or set off: few; their schedule needs the agreements.
        var agreed = await db.BalanceSettlements.AsNoTracking()
            .Where(s => s.Kind != SettlementKind.Refund && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == s.BillId))
            .Select(s => s.ContractId).Distinct().ToListAsync(ct);
        var withAgreements = agreed.ToHashSet();

        // Pass 1: contracts with an installment plan that may have a due date on the day (a plan has at most 12 monthly
        // dates). One reader pages through the contracts; the pages are written by several writers at once.
        var earliestFirstDue = dueOn.AddMonths(-12);
        var parallel = openWorker is not null && db.Database.IsNpgsql();
        var pages = System.Threading.Channels.Channel.CreateBounded<List<Contract>>(parallel ? Writers : 1);
        var writers = Enumerable.Range(0, parallel ? Writers : 0).Select(_ => Task.Run(async () =>
        {
            try
            {
                await using var worker = openWorker!();
                await foreach (var page in pages.Reader.ReadAllAsync(ct))
                {
                    await ProcessAsync(worker, run, page, agreements: false, ct);
                }
            }
            catch (Exception e)
            {
                // The reader stops at once instead of waiting for a writer that is gone.
                pages.Writer.TryComplete(e);
                throw;
            }
        }, ct)).ToList();
        try
        {
            string? after = null;
            while (true)
            {
                var query = db.Contracts.AsNoTracking()
                    .Where(c => c.InstallmentPlan != null && c.InstallmentPlan.FirstDue <= dueOn && c.InstallmentPlan.FirstDue >= earliestFirstDue
                        && (c.EndDate == null || c.EndDate >= dueOn));
                if (after is not null)
                {
                    // Keyset paging in the database's own order of contract numbers (EF translates this overload only).
#pragma warning disable CA1309
                    query = query.Where(c => string.Compare(c.ContractNumber, after) > 0);
#pragma warning restore CA1309
                }

                var page = await query.OrderBy(c => c.ContractNumber).Take(PageSize).ToListAsync(ct);
                if (page.Count == 0)
                {
                    break;
                }

                after = page[^1].ContractNumber;
                var due = page.Where(c => !withAgreements.Contains(c.Id)).ToList();
                if (parallel)
                {
                    await pages.Writer.WriteAsync(due, ct);
                }
                else
                {
                    await ProcessAsync(db, run, due, agreements: false, ct);
                }
            }
        }
        catch (System.Threading.Channels.ChannelClosedException) when (writers.Any(w => w.IsFaulted))
        {
            // A writer failed: its exception is thrown below.
        }
        finally
        {
            pages.Writer.TryComplete();
        }

        await Task.WhenAll(writers);

        // Pass 2: the contracts with agreements (parts are collected after a move-out too: the customer agreed them).
        foreach (var ids in agreed.Chunk(PageSize))
        {
            var page = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToListAsync(ct);
            await ProcessAsync(db, run, page, agreements: true, ct);
        }

        var finished = await db.CollectionRuns.SingleAsync(r => r.Id == run.Id, ct);
        finished.Count(run.Contracts, run.Requests, run.Debits, run.DebitAmount, run.ExpiredMandates, run.AlreadyDone);
        finished.Finish(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return finished;
    }

    private async Task ProcessAsync(StadtwerkDbContext db, CollectionRun run, List<Contract> contracts, bool agreements, CancellationToken ct)
    {
        if (contracts.Count == 0)
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await TryAsync(db, run, contracts, agreements, ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another run of the same date wrote some of these at the same moment: read again, write the rest.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task TryAsync(StadtwerkDbContext db, CollectionRun run, List<Contract> contracts, bool agreements, CancellationToken ct)
    {
        var dueOn = run.DueOn;
        var now = clock.GetUtcNow();
        var ids = contracts.Select(c => c.Id).ToList();
        var requested = (await db.InstallmentRequests.AsNoTracking().Where(r => r.DueOn == dueOn && ids.Contains(r.ContractId)).Select(r => r.ContractId).ToListAsync(ct)).ToHashSet();
        var debitKeys = contracts.Select(c => DirectDebit.ScheduleKey(c.Id, dueOn)).ToList();
        var debited = (await db.DirectDebits.AsNoTracking().Where(d => debitKeys.Contains(d.Key)).Select(d => d.Key).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var lastUse = await LastMandateUseAsync(db, contracts, dueOn, ct);
        var settlements = agreements
            ? (await db.BalanceSettlements.AsNoTracking()
                .Where(s => ids.Contains(s.ContractId) && s.Kind != SettlementKind.Refund && !db.IssuedBills.Any(c => c.Kind == BillKind.Cancellation && c.ReferencesBillId == s.BillId))
                .ToListAsync(ct)).ToLookup(s => s.ContractId)
            : Enumerable.Empty<BalanceSettlement>().ToLookup(s => s.ContractId);
        var earlierRequests = agreements
            ? (await db.InstallmentRequests.AsNoTracking().Where(r => ids.Contains(r.ContractId) && r.DueOn < dueOn).ToListAsync(ct)).ToLookup(r => r.ContractId)
            : Enumerable.Empty<InstallmentRequest>().ToLookup(r => r.ContractId);

        var requests = new List<InstallmentRequest>();
        var debits = new List<DirectDebit>();
        int due = 0, expired = 0, done = 0;
        foreach (var contract in contracts)
        {
            var schedule = Schedule(contract, dueOn, settlements[contract.Id], earlierRequests[contract.Id]);
            if (schedule.Installment <= 0 && schedule.Amount <= 0)
            {
                continue;
            }

            due++;
            var key = DirectDebit.ScheduleKey(contract.Id, dueOn);
            if (requested.Contains(contract.Id) || debited.Contains(key))
            {
                done++;
                continue;
            }

            if (schedule.Installment > 0)
            {
                requests.Add(InstallmentRequest.For(contract, dueOn, schedule.Installment, run.Id, now));
            }

            if (contract.BankAccount is { } bank && schedule.Amount > 0)
            {
                var used = lastUse.GetValueOrDefault(bank.MandateReference, bank.MandateSignedOn);
                if (bank.MandateLastUsedOn is { } before && before > used)
                {
                    used = before;
                }

                if (!MandateExpiry.IsValid(used, dueOn))
                {
                    expired++;
                }
                else if (DirectDebit.ForSchedule(contract, dueOn, schedule.Amount, now) is { } debit)
                {
                    debits.Add(debit);
                }
            }
        }

        if (requests.Count > 0 || debits.Count > 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (db.Database.IsNpgsql())
            {
                await EntityCopy.CopyAsync(db, requests, ct);
                await EntityCopy.CopyAsync(db, debits, ct);
            }
            else
            {
                db.InstallmentRequests.AddRange(requests);
                db.DirectDebits.AddRange(debits);
                await db.SaveChangesAsync(ct);
            }

            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }

        lock (counting)
        {
            run.Count(due, requests.Count, debits.Count, debits.Sum(d => d.Amount), expired, done);
        }
    }

    /// <summary>The last day each mandate of the page collected (its latest entry that went to the bank), before the due date.</summary>
    private static async Task<Dictionary<string, DateOnly>> LastMandateUseAsync(StadtwerkDbContext db, List<Contract> contracts, DateOnly dueOn, CancellationToken ct)
    {
        var mandates = contracts.Where(c => c.BankAccount is not null).Select(c => c.BankAccount!.MandateReference).Distinct(StringComparer.Ordinal).ToList();
        if (mandates.Count == 0)
        {
            return new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        }

        var used = await db.DirectDebits.AsNoTracking()
            .Where(d => mandates.Contains(d.MandateReference) && d.DueOn < dueOn && (d.Status == DirectDebitStatus.Submitted || d.Status == DirectDebitStatus.Returned))
            .GroupBy(d => d.MandateReference)
            .Select(g => new { Mandate = g.Key, Last = g.Max(d => d.DueOn) })
            .ToListAsync(ct);
        return used.ToDictionary(u => u.Mandate, u => u.Last, StringComparer.Ordinal);
    }

    /// <summary>What the schedule asks on the day: the installment (plan, not after the contract's end), agreed parts, less credit set off.</summary>
    internal static (decimal Installment, decimal Amount) Schedule(Contract contract, DateOnly dueOn, IEnumerable<BalanceSettlement> settlements, IEnumerable<InstallmentRequest> earlierRequests)
    {
        var installment = contract.InstallmentPlan is { } plan && plan.DueDates().Contains(dueOn) && (contract.EndDate is null || contract.EndDate >= dueOn)
            ? plan.Amount
            : 0m;
        var agreed = settlements.ToList();
        var parts = agreed.Where(s => s.Kind is SettlementKind.Instalments or SettlementKind.Deferral)
            .SelectMany(s => s.Schedule()).Where(p => p.Due == dueOn).Sum(p => p.Amount);

        // A credit set off is used up by the installments asked since it was agreed, oldest first.
        var setOff = 0m;
        foreach (var credit in agreed.Where(s => s.Kind == SettlementKind.SetOff))
        {
            var agreedOn = DateOnly.FromDateTime(credit.AgreedAt.UtcDateTime);
            var used = earlierRequests.Where(r => r.DueOn >= agreedOn).Sum(r => r.Amount);
            var left = Math.Max(0m, -credit.Amount - used - setOff);
            setOff += Math.Min(left, installment - setOff);
        }

        return (installment, installment + parts - setOff);
    }
}
