using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests;

/// <summary>One migrated database and one running application per test class and provider.</summary>
public abstract class AppFixture(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? database;
    private StadtwerkApp? app;

    public DatabaseProvider Provider => provider;

    public StadtwerkApp App => app ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        app = new StadtwerkApp(database);
        _ = app.Server;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

public sealed class SqliteAppFixture() : AppFixture(DatabaseProvider.Sqlite);

public sealed class PostgresAppFixture() : AppFixture(DatabaseProvider.Postgres);
