using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Spectre.Console;
using Stadtwerk.Cli.Database;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Billing;

/// <summary>
/// <c>stadtwerk billing-run start|list|status|report|cancel|resume</c> and <c>stadtwerk worker</c>: the mass billing
/// run from the command line, with a progress bar, and worker processes for several nodes on PostgreSQL.
/// </summary>
internal static class BillingRunCommand
{
    /// <summary>Exit code when the run did not complete (cancelled, or chunks left pending).</summary>
    public const int NotCompleted = 3;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static Command Create(CliConsole console)
    {
        var command = new Command("billing-run", "Billing runs (Abrechnungslauf): bill every due contract of a selection, in chunks, on one or several worker processes.");
        command.Subcommands.Add(Start(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Report(console));
        command.Subcommands.Add(Cancel(console));
        command.Subcommands.Add(Resume(console));
        return command;
    }

    public static Command Worker(CliConsole console)
    {
        var workers = new Option<int?>("--workers") { Description = "Chunks billed at the same time (default: one per core)." };
        var database = new DatabaseOptions();
        var command = new Command("worker", "Bill the queued chunks of billing runs until stopped (Ctrl+C, SIGTERM): start one per machine sharing the PostgreSQL database.");
        command.Options.Add(workers);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            if (settings.Provider != DatabaseProvider.Postgres)
            {
                return console.Fail("worker processes share a PostgreSQL database; on SQLite the process that starts a run bills it (stadtwerk billing-run start or resume)", CliConsole.UsageError);
            }

            var configured = Configured(worker: true);
            var options = configured with { Workers = parsed.GetValue(workers) ?? configured.Workers };
            using var host = BuildHost(settings, options, documents: true);
            await console.Out.WriteLineAsync($"Worker {BillingRunOptions.ThisWorker} bills chunks with {options.Workers} workers and renders the queued bill letters; stop with Ctrl+C.");
            await console.Out.FlushAsync(ct);
            await host.RunAsync(ct);
            return CliConsole.Success;
        });
        return command;
    }

    private static Command Start(CliConsole console)
    {
        var commodity = new Option<string?>("--commodity") { Description = "electricity, gas, water or heat (default: all)." };
        var from = new Option<string>("--period-end-from") { Description = "Bill contracts whose billing period ends on or after this day (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--period-end-to") { Description = "... and on or before this day (yyyy-MM-dd); it must be over.", Required = true };
        var list = new Option<string?>("--contracts") { Description = "A file with one contract number per line: bill only these." };
        var chunkSize = new Option<int?>("--chunk-size") { Description = $"Contracts per chunk (default {StartBillingRun.DefaultChunkSize})." };
        var detach = new Option<bool>("--detach") { Description = "Only queue the chunks (PostgreSQL: worker processes bill them) and return." };
        var database = new DatabaseOptions();
        var command = new Command("start", "Start a billing run and follow it to the end with a progress bar; prints the result report.");
        command.Options.Add(commodity);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(list);
        command.Options.Add(chunkSize);
        command.Options.Add(detach);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(from), out var start) || !IsoDate.TryParse(parsed.GetValue(to), out var end))
            {
                return console.Fail("--period-end-from and --period-end-to must be dates (yyyy-MM-dd)", CliConsole.UsageError);
            }

            IReadOnlyList<string>? numbers = null;
            if (parsed.GetValue(list) is { } file)
            {
                try
                {
                    numbers = await File.ReadAllLinesAsync(file, ct);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return console.Fail($"cannot read {file}: {e.Message}");
                }
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var follow = !parsed.GetValue(detach) || settings.Provider == DatabaseProvider.Sqlite;
            using var host = BuildHost(settings, Configured(worker: follow));
            await host.StartAsync(ct);
            try
            {
                StartBillingRunResult result;
                using (var scope = host.Services.CreateScope())
                {
                    result = await scope.ServiceProvider.GetRequiredService<StartBillingRun>().RunAsync(
                        new BillingRunRequest(parsed.GetValue(commodity), start, end, numbers, parsed.GetValue(chunkSize)), $"cli:{Environment.UserName}", ct);
                }

                if (result is StartBillingRunResult.Invalid invalid)
                {
                    return console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{Flag(e.Field)}: {e.Message}")));
                }

                var run = ((StartBillingRunResult.Started)result).Run;
                await console.Out.WriteLineAsync(string.Create(German, $"Run {run.Number} started: {run.Selected:N0} contracts selected in {run.Chunks:N0} chunks of up to {run.ChunkSize:N0}."));
                return follow ? await BillingRunDisplay.FollowAsync(console, host, run.Number, ct) : CliConsole.Success;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static Command Resume(CliConsole console)
    {
        var number = RunNumber();
        var detach = new Option<bool>("--detach") { Description = "Only queue the pending chunks again (PostgreSQL) and return." };
        var database = new DatabaseOptions();
        var command = new Command("resume", "Resume a cancelled run, or bill the pending chunks of an interrupted one; follows it to the end.");
        command.Arguments.Add(number);
        command.Options.Add(detach);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var follow = !parsed.GetValue(detach) || settings.Provider == DatabaseProvider.Sqlite;
            using var host = BuildHost(settings, Configured(worker: follow));
            BillingRunControlResult result;
            using (var scope = host.Services.CreateScope())
            {
                result = await scope.ServiceProvider.GetRequiredService<BillingRunControl>().ResumeAsync(parsed.GetValue(number), ct);
            }

            if (Failed(console, result) is { } failure)
            {
                return failure;
            }

            await host.StartAsync(ct);
            try
            {
                await console.Out.WriteLineAsync($"Run {parsed.GetValue(number)} resumed.");
                return follow ? await BillingRunDisplay.FollowAsync(console, host, parsed.GetValue(number), ct) : CliConsole.Success;
            }
            finally
            {
                await host.StopAsync(CancellationToken.None);
            }
        });
        return command;
    }

    private static Command Cancel(CliConsole console)
    {
        var number = RunNumber();
        var command = new Command("cancel", "Cancel a running run: chunks being billed finish, the others stay pending until the run is resumed.");
        command.Arguments.Add(number);
        return WithServices(command, console, async (parsed, services, ct) =>
        {
            var result = await services.GetRequiredService<BillingRunControl>().CancelAsync(parsed.GetValue(number), ct);
            if (Failed(console, result) is { } failure)
            {
                return failure;
            }

            await console.Out.WriteLineAsync($"Run {parsed.GetValue(number)} cancelled; resume it with: stadtwerk billing-run resume {parsed.GetValue(number)}");
            return CliConsole.Success;
        });
    }

    private static Command List(CliConsole console) =>
        WithServices(new Command("list", "The latest billing runs and where they stand."), console, async (_, services, ct) =>
        {
            foreach (var progress in await services.GetRequiredService<BillingRunQueries>().ListAsync(50, ct))
            {
                await console.Out.WriteLineAsync(BillingRunDisplay.Line(progress));
            }

            return CliConsole.Success;
        });

    private static Command Status(CliConsole console)
    {
        var number = RunNumber();
        var command = new Command("status", "Where a run stands: counts, rate, expected end.");
        command.Arguments.Add(number);
        return WithServices(command, console, async (parsed, services, ct) =>
        {
            if (await services.GetRequiredService<BillingRunQueries>().ProgressAsync(parsed.GetValue(number), ct) is not { } progress)
            {
                return console.Fail($"billing run {parsed.GetValue(number)} was not found");
            }

            await console.Out.WriteLineAsync(BillingRunDisplay.Line(progress));
            return CliConsole.Success;
        });
    }

    private static Command Report(CliConsole console)
    {
        var number = RunNumber();
        var max = new Option<int?>("--max") { Description = "How many held and failed contracts to list (default 50)." };
        var command = new Command("report", "The result report: totals per commodity, held contracts with the reason, failed ones with the error.");
        command.Arguments.Add(number);
        command.Options.Add(max);
        return WithServices(command, console, (parsed, services, ct) => BillingRunDisplay.PrintReportAsync(console, services, parsed.GetValue(number), Math.Clamp(parsed.GetValue(max) ?? 50, 0, 100_000), ct));
    }

    private static Argument<int> RunNumber() => new("RUN") { Description = "The run's number." };

    /// <summary>Adds the database options and runs <paramref name="action"/> with the billing run services of a host without a worker.</summary>
    private static Command WithServices(Command command, CliConsole console, Func<ParseResult, IServiceProvider, CancellationToken, Task<int>> action)
    {
        var database = new DatabaseOptions();
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            using var host = BuildHost(settings, Configured(worker: false));
            using var scope = host.Services.CreateScope();
            return await action(parsed, scope.ServiceProvider, ct);
        });
        return command;
    }

    private static int? Failed(CliConsole console, BillingRunControlResult result) => result switch
    {
        BillingRunControlResult.Done => null,
        BillingRunControlResult.NotFound notFound => console.Fail($"billing run {notFound.Number} was not found"),
        BillingRunControlResult.Invalid invalid => console.Fail(invalid.Error.Message),
        _ => throw new InvalidOperationException("Unknown result."),
    };

    private static string Flag(string field) => field switch
    {
        "periodEndFrom" => "--period-end-from",
        "periodEndTo" => "--period-end-to",
        "contractNumbers" => "--contracts",
        "chunkSize" => "--chunk-size",
        "commodity" => "--commodity",
        _ => field,
    };

    /// <summary>The options from the environment (BillingRuns__Workers, BillingRuns__InvisibilitySeconds), with or without a worker in this process.</summary>
    private static BillingRunOptions Configured(bool worker) =>
        (new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection("BillingRuns").Get<BillingRunOptions>() ?? new BillingRunOptions()) with { Worker = worker };

    /// <summary>A host with the billing run services; with <paramref name="documents"/> it also renders and stores the
    /// queued bill letters (sections Utility, Sepa and Documents from the environment, e.g. Documents__PublicBaseUrl).</summary>
    private static IHost BuildHost(DatabaseSettings settings, BillingRunOptions options, bool documents = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddStadtwerkDatabase(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(new BillingSettings());
        builder.Services.AddBillingRuns(settings, options);
        if (documents)
        {
            builder.Configuration.AddEnvironmentVariables();
            builder.Services.AddBillDocuments(builder.Configuration);
        }

        return builder.Build();
    }
}
