using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests;

/// <summary>
/// A fresh, migrated database of one provider for one test class: a temporary SQLite file, or a new
/// PostgreSQL database on the server named by STADTWERK_TEST_POSTGRES (scripts/test.sh starts one).
/// A missing PostgreSQL server is a failure, never a skip.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "STADTWERK_TEST_POSTGRES";

    private readonly string? postgresAdmin;
    private readonly string? sqliteFile;
    private readonly string? postgresName;

    private TestDatabase(DatabaseSettings settings, string? sqliteFile, string? postgresAdmin, string? postgresName)
    {
        Settings = settings;
        this.sqliteFile = sqliteFile;
        this.postgresAdmin = postgresAdmin;
        this.postgresName = postgresName;
    }

    public DatabaseSettings Settings { get; }

    public DatabaseProvider Provider => Settings.Provider;

    public static string PostgresAdminConnection =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL, or set it to a server where the user may create databases.");

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"stadtwerk-test-{Guid.NewGuid():N}.db");
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}"), file, null, null);
        }
        else
        {
            var admin = PostgresAdminConnection;
            var name = $"stadtwerk_test_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
            database = new TestDatabase(new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), null, admin, name);
        }

        if (migrate)
        {
            await using var db = database.Open();
            await db.Database.MigrateAsync();
        }

        return database;
    }

    public StadtwerkDbContext Open()
    {
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        Settings.Apply(options);
        return new StadtwerkDbContext(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (sqliteFile is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (postgresAdmin is not null && postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{postgresName}\" WITH (FORCE)", connection);

            // The server's autovacuum worker may be on the database for a moment (its backend belongs to another role
            // and cannot be terminated by us): try again shortly. Cleanup is best effort; a leftover test database harms nothing.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse && attempt < 10)
                {
                    await Task.Delay(300);
                }
                catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
                {
                    await Console.Error.WriteLineAsync($"test database {postgresName} left behind: {e.MessageText}");
                    break;
                }
            }
        }
    }
}
