using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>The model on SQLite in memory (created from the model, no migrations), for the documents that read the database.</summary>
internal sealed class InMemoryDatabase : IAsyncDisposable
{
    private readonly SqliteConnection connection;

    private InMemoryDatabase(SqliteConnection connection, StadtwerkDbContext db) => (this.connection, Db) = (connection, db);

    public StadtwerkDbContext Db { get; }

    public static async Task<InMemoryDatabase> CreateAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>().UseSqlite(connection).UseSnakeCaseNamingConvention().Options;
        var db = new StadtwerkDbContext(options);
        await db.Database.EnsureCreatedAsync(ct);
        return new InMemoryDatabase(connection, db);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        await connection.DisposeAsync();
    }
}
