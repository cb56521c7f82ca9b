using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure.Demo;
using Stadtwerk.Infrastructure.Identity;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Hosting;

/// <summary>
/// On start: applies migrations (always for the embedded SQLite default; for PostgreSQL only when
/// Database:MigrateOnStartup is true, since production runs <c>stadtwerk db migrate</c>), ensures the staff
/// roles exist and, on an empty database with Demo:LoadOnFirstStart, loads the demo utility (with its dunning history
/// of the past weeks unless Demo:History is false).
/// </summary>
internal sealed partial class DatabasePreparation(IServiceProvider services, IConfiguration configuration, DatabaseSettings database, ILogger<DatabasePreparation> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StadtwerkDbContext>();
        if (database.Provider == DatabaseProvider.Sqlite || configuration.GetValue("Database:MigrateOnStartup", false))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                LogMigrating(logger, database.Provider, pending.Count);
                await db.Database.MigrateAsync(cancellationToken);
            }
        }

        var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        await staff.EnsureRolesAsync();
        if (configuration.GetValue("Demo:LoadOnFirstStart", false) && !await db.Customers.AnyAsync(cancellationToken))
        {
            LogLoadingDemo(logger);
            var loader = scope.ServiceProvider.GetRequiredService<DemoLoader>();
            var summary = await loader.LoadAsync(configuration.GetValue("Demo:History", true), cancellationToken);
            LogDemoLoaded(logger, summary.ToString());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(LogLevel.Information, "Applying {Count} migrations to the {Provider} database")]
    private static partial void LogMigrating(ILogger logger, DatabaseProvider provider, int count);

    [LoggerMessage(LogLevel.Information, "Empty database: loading the demo utility Stadtwerke Musterstadt")]
    private static partial void LogLoadingDemo(ILogger logger);

    [LoggerMessage(LogLevel.Information, "Demo utility loaded: {Summary}")]
    private static partial void LogDemoLoaded(ILogger logger, string summary);
}
