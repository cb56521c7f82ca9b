using Npgsql;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>What an entity importer works with while it checks one file.</summary>
internal sealed record ImportContext(RowReader Row, ImportErrors Errors, ImportDatabase Database, TimeProvider Clock);

/// <summary>
/// Checks the rows of one kind of file and writes them. <see cref="CsvImporter"/> drives it: batches of records
/// through <see cref="CheckBatchAsync"/>, then <see cref="CompleteAsync"/> for the rules across the whole file;
/// only when no problem was found, <see cref="CopyAsync"/> (PostgreSQL) or <see cref="Entities"/> (SQLite) in one
/// transaction. Every row becomes an entity through the domain's factory, so the API's rules hold.
/// </summary>
internal abstract class EntityImporter(ImportContext context)
{
    protected ImportContext Context => context;

    protected RowReader Row => context.Row;

    protected ImportErrors Errors => context.Errors;

    protected ImportDatabase Database => context.Database;

    /// <summary>The rows checked so far that are fit to be stored.</summary>
    public abstract int Count { get; }

    /// <summary>The tables <see cref="CopyAsync"/> writes to.</summary>
    public abstract IReadOnlyList<string> Tables { get; }

    /// <summary>The entities to store, in file order (SQLite stores them through EF Core).</summary>
    public abstract IEnumerable<object> Entities { get; }

    public static IReadOnlyList<CsvColumn> ColumnsFor(ImportKind kind) => kind switch
    {
        ImportKind.Customers => CustomerImporter.Columns,
        ImportKind.Tariffs => TariffImporter.Columns,
        ImportKind.Premises => PremiseImporter.Columns,
        ImportKind.Contracts => ContractImporter.Columns,
        ImportKind.Meters => MeterImporter.Columns,
        ImportKind.Readings => ReadingImporter.Columns,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    public static EntityImporter For(ImportKind kind, ImportContext context) => kind switch
    {
        ImportKind.Customers => new CustomerImporter(context),
        ImportKind.Tariffs => new TariffImporter(context),
        ImportKind.Premises => new PremiseImporter(context),
        ImportKind.Contracts => new ContractImporter(context),
        ImportKind.Meters => new MeterImporter(context),
        ImportKind.Readings => new ReadingImporter(context),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown import kind."),
    };

    /// <summary>Checks a batch of records; the entities they refer to are loaded for the whole batch at once.</summary>
    public abstract Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken);

    /// <summary>Checks what needs the whole file (overlapping contracts, tariffs made of several rows).</summary>
    public virtual Task CompleteAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Writes the entities with binary COPY on the connection, whose transaction is open.</summary>
    public abstract Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken);

    /// <summary>Notes the first line of each key in the file; reports a key seen before as a duplicate.</summary>
    protected bool FirstInFile(Dictionary<string, long> seen, string key, int column, string what)
    {
        if (seen.TryAdd(key, Row.Line))
        {
            return true;
        }

        Row.Fail(column, $"{what} {key} appears twice in the file (first on line {seen[key]})");
        return false;
    }

    /// <summary>Reports the keys that the database has already (one query for the batch).</summary>
    protected async Task<HashSet<long>> TakenAsync(
        IReadOnlyList<(long Line, string Key)> keys, string table, string column, string field, string what, CancellationToken cancellationToken)
    {
        var taken = new HashSet<long>();
        var existing = await Database.ExistingAsync(table, column, [.. keys.Select(k => k.Key)], cancellationToken);
        foreach (var (line, key) in keys)
        {
            if (existing.Contains(key))
            {
                Errors.Add(line, field, $"{what} {key} is already taken");
                taken.Add(line);
            }
        }

        return taken;
    }
}
