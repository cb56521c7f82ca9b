using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace Stadtwerk.Infrastructure.Persistence;

/// <summary>
/// Inserts new entities with PostgreSQL's binary COPY, in the transaction open on the context's connection.
/// Table, columns and value conversions come from the EF Core model, so the rows are exactly those
/// SaveChanges would write, without a statement per row.
/// </summary>
internal static class EntityCopy
{
    public static async Task CopyAsync<T>(StadtwerkDbContext db, IReadOnlyCollection<T> entities, CancellationToken ct)
        where T : class
    {
        if (entities.Count == 0)
        {
            return;
        }

        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var properties = type.GetProperties().Where(p => p.GetColumnName(table) is not null).ToList();
        var columns = string.Join(", ", properties.Select(p => Quote(p.GetColumnName(table)!)));
        var getters = properties.Select(p => (Get: p.GetGetter(), Converter: p.GetTypeMapping().Converter)).ToList();
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", ct);
        importer.Timeout = Timeout.InfiniteTimeSpan;
        foreach (var entity in entities)
        {
            await importer.StartRowAsync(ct);
            foreach (var (get, converter) in getters)
            {
                var value = get.GetClrValue(entity);
                if (value is not null && converter is not null)
                {
                    value = converter.ConvertToProvider(value);
                }

                if (value is null)
                {
                    await importer.WriteNullAsync(ct);
                }
                else
                {
                    await importer.WriteAsync(value, ct);
                }
            }
        }

        await importer.CompleteAsync(ct);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
