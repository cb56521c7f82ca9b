using System.CommandLine;
using Microsoft.EntityFrameworkCore;

namespace Stadtwerk.Cli.Database;

/// <summary><c>stadtwerk db migrate</c>: brings the database schema up to date (the only way PostgreSQL is migrated in production).</summary>
internal static class DbCommand
{
    public static Command Create(CliConsole console)
    {
        var database = new DatabaseOptions();
        var migrate = new Command("migrate", "Apply all pending migrations to the database (creates it when it does not exist).");
        database.AddTo(migrate);
        migrate.SetAction(async (parsed, ct) =>
        {
            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            await using var db = DatabaseOptions.Open(settings);
            try
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count == 0)
                {
                    await console.Out.WriteLineAsync($"The {settings.Provider} database is up to date.");
                    return CliConsole.Success;
                }

                await db.Database.MigrateAsync(ct);
                await console.Out.WriteLineAsync($"Applied {pending.Count} migration(s) to the {settings.Provider} database: {string.Join(", ", pending)}");
                return CliConsole.Success;
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                return console.Fail($"cannot migrate the {settings.Provider} database: {e.Message}");
            }
        });

        var db = new Command("db", "Database administration.");
        db.Subcommands.Add(migrate);
        return db;
    }
}
