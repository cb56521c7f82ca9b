using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Stadtwerk.Infrastructure.Persistence;

/// <summary>Which database the utility runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>The embedded default: one file, one machine.</summary>
    Sqlite,

    /// <summary>Production: many contracts, several nodes.</summary>
    Postgres,
}

/// <summary>Provider and connection, from configuration section <c>Database</c> (Provider, ConnectionString).</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string DefaultSqliteConnection = "Data Source=data/stadtwerk.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["Database:Provider"] ?? nameof(DatabaseProvider.Sqlite);
        if (!Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var provider))
        {
            throw new InvalidOperationException($"Database:Provider '{providerText}' is unknown; use Sqlite or Postgres.");
        }

        var connection = configuration["Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connection))
        {
            connection = provider == DatabaseProvider.Sqlite
                ? DefaultSqliteConnection
                : throw new InvalidOperationException("Database:ConnectionString is required for PostgreSQL.");
        }

        return new DatabaseSettings(provider, connection);
    }

    /// <summary>Configures EF Core for this provider, with its own migrations assembly and snake_case names.</summary>
    public void Apply(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (Provider)
        {
            case DatabaseProvider.Sqlite:
                EnsureSqliteDirectory(ConnectionString);
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly("Stadtwerk.Migrations.Sqlite"));
                break;
            case DatabaseProvider.Postgres:
                options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly("Stadtwerk.Migrations.Postgres"));
                break;
            default:
                throw new InvalidOperationException($"Unknown provider {Provider}.");
        }

        options.UseSnakeCaseNamingConvention();
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory) && builder.Mode != Microsoft.Data.Sqlite.SqliteOpenMode.Memory && builder.DataSource != ":memory:")
        {
            Directory.CreateDirectory(directory);
        }
    }
}

public static class DatabaseServiceCollectionExtensions
{
    public static IServiceCollection AddStadtwerkDatabase(this IServiceCollection services, DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddDbContext<StadtwerkDbContext>(settings.Apply);
        return services;
    }
}
