using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.BillingRuns;

/// <summary>Where a run stands: counts, rate and expected end, from the chunks' rows (cheap enough to poll).</summary>
public sealed record BillingRunProgress(
    BillingRun Run, int Billed, int Held, int Failed, int Skipped, int ChunksDone, decimal? ContractsPerSecond, DateTimeOffset? ExpectedEnd)
{
    public int Processed => Billed + Held + Failed + Skipped;

    public int Percent => Run.Selected == 0 ? 100 : (int)(100L * Processed / Run.Selected);
}

public sealed record CommodityTotal(Commodity Commodity, int Bills, long Quantity, decimal Net, decimal Gross, decimal Balance);

public sealed record RunExceptionCase(string ContractNumber, Commodity Commodity, BillingRunOutcome Outcome, HoldReason? Reason, string? Message);

/// <summary>Where the workers' time went, summed over the chunks done: loading, deciding (rules and engine), writing up to the commit.</summary>
public sealed record BillingRunProfile(long LoadMilliseconds, long DecideMilliseconds, long WriteMilliseconds)
{
    public long TotalMilliseconds => LoadMilliseconds + DecideMilliseconds + WriteMilliseconds;

    public int Percent(long part) => TotalMilliseconds == 0 ? 0 : (int)Math.Round(100m * part / TotalMilliseconds);
}

/// <summary>The result report: totals per commodity, the held contracts with the reason (the clerks' work list), the failed ones with the error.</summary>
public sealed record BillingRunReport(BillingRunProgress Progress, IReadOnlyList<CommodityTotal> Totals, IReadOnlyList<RunExceptionCase> Exceptions, int ExceptionsTotal, BillingRunProfile Profile);

public sealed class BillingRunQueries(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<BillingRunProgress>> ListAsync(int take, CancellationToken ct)
    {
        var runs = await db.BillingRuns.AsNoTracking().OrderByDescending(r => r.Number).Take(take).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var done = await DoneChunks(ids).ToDictionaryAsync(d => d.RunId, ct);
        return [.. runs.Select(run => Progress(run, done.GetValueOrDefault(run.Id)))];
    }

    public async Task<BillingRunProgress?> ProgressAsync(int number, CancellationToken ct)
    {
        var run = await db.BillingRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Number == number, ct);
        return run is null ? null : await ProgressAsync(run, ct);
    }

    public async Task<BillingRunReport?> ReportAsync(int number, int maxExceptions, CancellationToken ct)
    {
        if (await ProgressAsync(number, ct) is not { } progress)
        {
            return null;
        }

        var runId = progress.Run.Id;
        // Decimals are text on SQLite: the sums are made here, streaming, so memory stays flat for a million bills.
        var totals = new Dictionary<Commodity, (int Bills, long Quantity, decimal Net, decimal Gross, decimal Balance)>();
        var bills = db.BillingRunItems.AsNoTracking().Where(i => i.RunId == runId && i.Outcome == BillingRunOutcome.Billed)
            .Join(db.IssuedBills, i => i.BillId, b => b.Id, (i, b) => new { i.Commodity, b.Quantity, b.Net, b.Gross, b.Balance })
            .AsAsyncEnumerable();
        await foreach (var bill in bills.WithCancellation(ct))
        {
            var t = totals.GetValueOrDefault(bill.Commodity);
            totals[bill.Commodity] = (t.Bills + 1, t.Quantity + bill.Quantity, t.Net + bill.Net, t.Gross + bill.Gross, t.Balance + bill.Balance);
        }

        var exceptionQuery = db.BillingRunItems.AsNoTracking()
            .Where(i => i.RunId == runId && (i.Outcome == BillingRunOutcome.Held || i.Outcome == BillingRunOutcome.Failed));
        var exceptions = await exceptionQuery
            .OrderBy(i => i.Outcome).ThenBy(i => i.ContractNumber).Take(maxExceptions)
            .Select(i => new RunExceptionCase(i.ContractNumber, i.Commodity, i.Outcome, i.HoldReason, i.Message))
            .ToListAsync(ct);
        return new BillingRunReport(
            progress,
            [.. totals.OrderBy(t => t.Key).Select(t => new CommodityTotal(t.Key, t.Value.Bills, t.Value.Quantity, t.Value.Net, t.Value.Gross, t.Value.Balance))],
            exceptions,
            await exceptionQuery.CountAsync(ct),
            await db.BillingRunChunks.AsNoTracking().Where(c => c.RunId == runId && c.Status == BillingRunChunkStatus.Done)
                .GroupBy(c => 1)
                .Select(g => new BillingRunProfile(g.Sum(c => (long)c.LoadMilliseconds), g.Sum(c => (long)c.DecideMilliseconds), g.Sum(c => (long)c.WriteMilliseconds)))
                .SingleOrDefaultAsync(ct) ?? new BillingRunProfile(0, 0, 0));
    }

    private async Task<BillingRunProgress> ProgressAsync(BillingRun run, CancellationToken ct) =>
        Progress(run, await DoneChunks([run.Id]).SingleOrDefaultAsync(ct));

    private sealed record DoneSums(Guid RunId, int Chunks, int Billed, int Held, int Failed, int Skipped);

    /// <summary>The counts of the chunks done, per run, summed in the database (one query for any number of runs).</summary>
    private IQueryable<DoneSums> DoneChunks(List<Guid> runIds) =>
        db.BillingRunChunks.AsNoTracking().Where(c => runIds.Contains(c.RunId) && c.Status == BillingRunChunkStatus.Done)
            .GroupBy(c => c.RunId)
            .Select(g => new DoneSums(g.Key, g.Count(), g.Sum(c => c.Billed), g.Sum(c => c.Held), g.Sum(c => c.Failed), g.Sum(c => c.Skipped)));

    private BillingRunProgress Progress(BillingRun run, DoneSums? done)
    {
        var processed = done is null ? 0 : done.Billed + done.Held + done.Failed + done.Skipped;
        var until = run.FinishedAt ?? clock.GetUtcNow();
        var seconds = (decimal)(until - run.StartedAt).TotalSeconds;
        decimal? rate = processed > 0 && seconds > 0 ? Math.Round(processed / seconds, 1) : null;
        DateTimeOffset? expectedEnd = run.Status switch
        {
            BillingRunStatus.Completed => run.FinishedAt,
            BillingRunStatus.Running when rate is > 0 => clock.GetUtcNow().AddSeconds((double)((run.Selected - processed) / rate.Value)),
            _ => null,
        };
        return new BillingRunProgress(run, done?.Billed ?? 0, done?.Held ?? 0, done?.Failed ?? 0, done?.Skipped ?? 0, done?.Chunks ?? 0, rate, expectedEnd);
    }
}

public abstract record BillingRunControlResult
{
    private BillingRunControlResult()
    {
    }

    public sealed record Done(BillingRun Run) : BillingRunControlResult;

    public sealed record NotFound(int Number) : BillingRunControlResult;

    public sealed record Invalid(FieldError Error) : BillingRunControlResult;
}

/// <summary>Cancel a running run (chunks not begun stay pending) and resume it (its pending chunks are queued again).</summary>
public sealed class BillingRunControl(StadtwerkDbContext db, TimeProvider clock, IBillingRunDispatcher dispatcher)
{
    public async Task<BillingRunControlResult> CancelAsync(int number, CancellationToken ct)
    {
        var run = await db.BillingRuns.SingleOrDefaultAsync(r => r.Number == number, ct);
        if (run is null)
        {
            return new BillingRunControlResult.NotFound(number);
        }

        var cancelled = run.Cancel(clock.GetUtcNow());
        if (!cancelled.Succeeded)
        {
            return new BillingRunControlResult.Invalid(cancelled.Errors[0]);
        }

        await db.SaveChangesAsync(ct);
        return new BillingRunControlResult.Done(run);
    }

    /// <summary>Resumes a cancelled run; for a running one, queues its pending chunks again (e.g. after every worker was stopped).</summary>
    public async Task<BillingRunControlResult> ResumeAsync(int number, CancellationToken ct)
    {
        var run = await db.BillingRuns.SingleOrDefaultAsync(r => r.Number == number, ct);
        if (run is null)
        {
            return new BillingRunControlResult.NotFound(number);
        }

        if (run.Status == BillingRunStatus.Cancelled)
        {
            run.Resume();
            await db.SaveChangesAsync(ct);
        }
        else if (run.Status != BillingRunStatus.Running)
        {
            return new BillingRunControlResult.Invalid(new FieldError("status", $"run {number} is completed; there is nothing to resume"));
        }

        var pending = await db.BillingRunChunks.AsNoTracking().Where(c => c.RunId == run.Id && c.Status == BillingRunChunkStatus.Pending)
            .OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(ct);
        await dispatcher.EnqueueAsync(run.Id, pending, ct);
        return new BillingRunControlResult.Done(run);
    }
}
