using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.BillingRuns;

/// <summary>Where the chunks of a run go to be billed: worker processes (Hangfire on PostgreSQL) or this process (SQLite).</summary>
public interface IBillingRunDispatcher
{
    Task EnqueueAsync(Guid runId, IReadOnlyList<int> chunks, CancellationToken ct);
}

/// <summary>What a clerk asks for: the selection, and optionally the chunk size.</summary>
public sealed record BillingRunRequest(string? Commodity, DateOnly PeriodEndFrom, DateOnly PeriodEndTo, IReadOnlyList<string>? ContractNumbers, int? ChunkSize = null);

public abstract record StartBillingRunResult
{
    private StartBillingRunResult()
    {
    }

    public sealed record Started(BillingRun Run) : StartBillingRunResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : StartBillingRunResult;
}

/// <summary>
/// Starts a billing run (Abrechnungslauf): selects the contracts with a billing period ending in the window (or the
/// listed ones), stores them as the run's items cut into chunks, all in one transaction, and queues the chunks.
/// Contracts already billed for their period are not selected, so starting the same run again bills nothing twice.
/// The selection is read page by page, so memory stays flat in the number of contracts.
/// </summary>
public sealed class StartBillingRun(StadtwerkDbContext db, TimeProvider clock, IBillingRunDispatcher dispatcher)
{
    public const int DefaultChunkSize = 500;
    private const int PageSize = 10_000;

    public async Task<StartBillingRunResult> RunAsync(BillingRunRequest request, string startedBy, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<FieldError>();
        var commodity = BillingRunSelection.OptionalCommodity(request.Commodity, errors);

        var chunkSize = request.ChunkSize ?? DefaultChunkSize;
        if (chunkSize is < 1 or > 5_000)
        {
            errors.Add(new FieldError("chunkSize", "must be between 1 and 5000 contracts"));
        }

        var now = clock.GetUtcNow();
        var issuedOn = UtilityCalendar.Today(now);
        var selectionResult = BillingRunSelection.Create(commodity, request.PeriodEndFrom, request.PeriodEndTo, request.ContractNumbers, issuedOn);
        errors.AddRange(selectionResult.Errors);
        if (errors.Count > 0)
        {
            return new StartBillingRunResult.Invalid(errors);
        }

        var selection = selectionResult.Value!;
        if (selection.ContractNumbers is { } listed)
        {
            var unknown = listed.Except(await KnownAsync(listed, ct), StringComparer.Ordinal).ToList();
            if (unknown.Count > 0)
            {
                return new StartBillingRunResult.Invalid([new FieldError("contractNumbers", $"unknown contract{(unknown.Count > 1 ? "s" : string.Empty)}: {string.Join(", ", unknown.Take(10))}{(unknown.Count > 10 ? (Text)$" and {unknown.Count - 10} more" : Text.FromString(string.Empty))}")]);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = (await db.BillingRuns.MaxAsync(r => (int?)r.Number, ct) ?? 0) + 1;
        var run = BillingRun.Start(number, selection, chunkSize, issuedOn, startedBy, now);
        db.BillingRuns.Add(run);
        await db.SaveChangesAsync(ct);

        var selected = 0;
        await foreach (var page in DueContracts.PagesAsync(db, selection, PageSize, ct))
        {
            var items = new List<BillingRunItem>();
            foreach (var row in page)
            {
                // A listed contract is kept even without a period due: the report says why it was not billed.
                if (selection.ContractNumbers is not null || row.PeriodIn(selection) is not null)
                {
                    items.Add(BillingRunItem.Create(run.Id, row.Id, row.ContractNumber, row.Commodity, selected++ / chunkSize));
                }
            }

            await BulkInsert.InsertAsync(db, items, ct);
        }

        var chunks = Enumerable.Range(0, (selected + chunkSize - 1) / chunkSize)
            .Select(n => BillingRunChunk.Create(run.Id, n, Math.Min(chunkSize, selected - (n * chunkSize)))).ToList();
        await BulkInsert.InsertAsync(db, chunks, ct);
        // The bulk inserts cleared the change tracker on SQLite: the run is attached again to record its count.
        db.ChangeTracker.Clear();
        db.BillingRuns.Attach(run);
        run.RecordSelection(selected, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        await dispatcher.EnqueueAsync(run.Id, [.. chunks.Select(c => c.Number)], ct);
        return new StartBillingRunResult.Started(run);
    }

    private async Task<HashSet<string>> KnownAsync(IReadOnlyList<string> numbers, CancellationToken ct)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in numbers.Chunk(PageSize))
        {
            known.UnionWith(await db.Contracts.AsNoTracking().Where(c => batch.Contains(c.ContractNumber)).Select(c => c.ContractNumber).ToListAsync(ct));
        }

        return known;
    }
}
