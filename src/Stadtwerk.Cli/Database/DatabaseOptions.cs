using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Database;

/// <summary>
/// --provider and --connection for every command that uses the database; when absent, the environment
/// (Database__Provider, Database__ConnectionString), else the embedded SQLite default data/stadtwerk.db.
/// </summary>
internal sealed class DatabaseOptions
{
    public Option<string?> Provider { get; } = new("--provider")
    {
        Description = "Sqlite (default) or Postgres. Environment: Database__Provider.",
    };

    public Option<string?> Connection { get; } = new("--connection")
    {
        Description = "The connection string. Environment: Database__ConnectionString. Default for SQLite: Data Source=data/stadtwerk.db",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Provider);
        command.Options.Add(Connection);
    }

    /// <summary>The settings, or null after reporting a bad provider or a missing PostgreSQL connection.</summary>
    public DatabaseSettings? Resolve(ParseResult parsed, CliConsole console)
    {
        var values = new Dictionary<string, string?>();
        if (parsed.GetValue(Provider) is { } provider)
        {
            values["Database:Provider"] = provider;
        }

        if (parsed.GetValue(Connection) is { } connection)
        {
            values["Database:ConnectionString"] = connection;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(values).Build();
        try
        {
            return DatabaseSettings.From(configuration);
        }
        catch (InvalidOperationException e)
        {
            console.Fail(e.Message, CliConsole.UsageError);
            return null;
        }
    }

    public static StadtwerkDbContext Open(DatabaseSettings settings)
    {
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        settings.Apply(options);
        return new StadtwerkDbContext(options.Options);
    }
}
