using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// Imports customers, tariffs, premises, contracts, meters and readings from CSV files (docs/import.md), each file
/// all or nothing: every row is checked first (values, the domain's rules, duplicates in the file and in the
/// database, references by number); only a file without problems is written, in one transaction, with binary COPY
/// on PostgreSQL and batched EF Core inserts on SQLite.
/// </summary>
public sealed class CsvImporter(DatabaseSettings settings, TimeProvider clock, IProgress<ImportProgress>? progress = null)
{
    /// <summary>How many problems a rejected file reports (all of them are counted).</summary>
    public const int MaxReportedErrors = 100;

    /// <summary>Records checked together: one query per referenced table per batch.</summary>
    internal const int BatchSize = 5_000;

    private const int SqliteChunk = 10_000;

    /// <summary>
    /// Imports one file of <paramref name="kind"/>. Throws <see cref="IOException"/> when the file cannot be read,
    /// <see cref="InvalidOperationException"/> when the database schema is not up to date, and
    /// <see cref="DbException"/> when the database cannot be reached.
    /// </summary>
    public async Task<FileImportResult> ImportFileAsync(ImportKind kind, string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var file = Path.GetFileName(path);
        var errors = new ImportErrors(file, MaxReportedErrors);
        var fileSize = new FileInfo(path).Length;
        await using var db = OpenContext();
        await EnsureMigratedAsync(db, cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var columns = EntityImporter.ColumnsFor(kind);
        using var table = CsvTable.Open(path, columns, errors);
        if (table is null)
        {
            return Rejected(kind, errors);
        }

        // German exports write decimal commas; in a semicolon-separated file a comma cannot be a separator.
        var row = new RowReader(columns, errors, decimalComma: table.Separator == ';');
        var importer = EntityImporter.For(kind, new ImportContext(row, errors, new ImportDatabase(db, settings.Provider), clock));
        long rows = 0;
        var batch = new List<CsvRecord>(BatchSize);
        while (table.TryRead(out var record))
        {
            rows++;
            batch.Add(record);
            if (batch.Count == BatchSize)
            {
                await importer.CheckBatchAsync(batch, cancellationToken);
                batch.Clear();
                progress?.Report(new ImportProgress(file, ImportPhase.Validating, table.ByteOffset, fileSize));
            }
        }

        if (batch.Count > 0)
        {
            await importer.CheckBatchAsync(batch, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
        progress?.Report(new ImportProgress(file, ImportPhase.Validating, fileSize, fileSize));
        var validation = stopwatch.Elapsed;
        if (errors.Any)
        {
            return Rejected(kind, errors);
        }

        stopwatch.Restart();
        try
        {
            await WriteAsync(db, importer, file, cancellationToken);
        }
        catch (DbException e)
        {
            // Between the check and the write someone else stored a conflicting row, or the database refused a value.
            errors.Add(0, null, $"the database refused the rows, nothing was imported: {e.Message}");
            return Rejected(kind, errors);
        }

        return new FileImportResult.Imported(file, kind, rows, validation, stopwatch.Elapsed);
    }

    /// <summary>
    /// Imports the files of <paramref name="folder"/> in dependency order (customers, tariffs, premises, contracts,
    /// meters, readings), each its own transaction; stops at the first file that is rejected. Files that are not there
    /// are passed over.
    /// </summary>
    public async Task<IReadOnlyList<FileImportResult>> ImportFolderAsync(string folder, CancellationToken cancellationToken = default)
    {
        var results = new List<FileImportResult>();
        var stopped = false;
        foreach (var kind in ImportKinds.InDependencyOrder)
        {
            var path = Path.Combine(folder, kind.FileName());
            if (stopped)
            {
                results.Add(new FileImportResult.NotAttempted(kind.FileName(), kind));
            }
            else if (!File.Exists(path))
            {
                results.Add(new FileImportResult.Missing(kind.FileName(), kind));
            }
            else
            {
                var result = await ImportFileAsync(kind, path, cancellationToken);
                results.Add(result);
                stopped = result is FileImportResult.Rejected;
            }
        }

        return results;
    }

    private StadtwerkDbContext OpenContext()
    {
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        settings.Apply(options);
        return new StadtwerkDbContext(options.Options);
    }

    private static async Task EnsureMigratedAsync(StadtwerkDbContext db, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
        {
            throw new InvalidOperationException(
                $"the database schema is not up to date ({pending.Count} pending migration(s)); run 'stadtwerk db migrate' first");
        }
    }

    private async Task WriteAsync(StadtwerkDbContext db, EntityImporter importer, string file, CancellationToken cancellationToken)
    {
        long total = importer.Count;
        void Written(long rows) => progress?.Report(new ImportProgress(file, ImportPhase.Writing, rows, total));

        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            await importer.CopyAsync((NpgsqlConnection)db.Database.GetDbConnection(), Written, cancellationToken);
        }
        else
        {
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            long written = 0;
            foreach (var chunk in importer.Entities.Chunk(SqliteChunk))
            {
                db.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                written += chunk.Length;
                Written(written);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (settings.Provider == DatabaseProvider.Postgres)
        {
            // Fresh statistics after a bulk load, so that the next file's lookups use the indexes right away
            // (autovacuum would analyze the tables only later).
            foreach (var table in importer.Tables)
            {
#pragma warning disable EF1002 // the table names are constants of the importers
                await db.Database.ExecuteSqlRawAsync($"ANALYZE {table}", cancellationToken);
#pragma warning restore EF1002
            }
        }
    }

    private static FileImportResult.Rejected Rejected(ImportKind kind, ImportErrors errors) =>
        new(errors.File, kind, errors.InLineOrder(), errors.Count);
}
