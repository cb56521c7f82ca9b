using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// The database as the importers see it: the context for loading the entities a batch refers to, and set-based
/// key lookups (which of these numbers exist already?) in one query per batch and table, never one per row.
/// </summary>
internal sealed class ImportDatabase(StadtwerkDbContext db, DatabaseProvider provider)
{
    public StadtwerkDbContext Context => db;

    public DatabaseProvider Provider => provider;

    /// <summary>
    /// Which of <paramref name="keys"/> are in <paramref name="column"/> of <paramref name="table"/> already
    /// (table and column are constants of the importers, never input).
    /// </summary>
    public async Task<HashSet<string>> ExistingAsync(string table, string column, IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return found;
        }

        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        if (provider == DatabaseProvider.Postgres)
        {
#pragma warning disable CA2100 // table and column are constants of the importers; the keys are a parameter
            command.CommandText = $"SELECT {column} FROM {table} WHERE {column} = ANY(@keys)";
            command.Parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Distinct(StringComparer.Ordinal).ToArray() });
        }
        else
        {
            command.CommandText = $"SELECT {column} FROM {table} WHERE {column} IN (SELECT value FROM json_each(@keys))";
#pragma warning restore CA2100
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@keys";
            parameter.Value = JsonSerializer.Serialize(keys);
            command.Parameters.Add(parameter);
        }

        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }
}
