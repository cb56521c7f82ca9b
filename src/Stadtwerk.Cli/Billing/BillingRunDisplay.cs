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
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Billing;

/// <summary>What the clerk sees of a billing run in the terminal: the progress bar (or lines in a pipe) and the report.</summary>
internal static class BillingRunDisplay
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    internal static async Task<int> FollowAsync(CliConsole console, IHost host, int number, CancellationToken ct)
    {
        var local = host.Services.GetService<LocalBillingRunDispatcher>();
        async Task<BillingRunProgress> Poll()
        {
            using var scope = host.Services.CreateScope();
            return (await scope.ServiceProvider.GetRequiredService<BillingRunQueries>().ProgressAsync(number, ct))!;
        }

        // Done when the run is; on SQLite also when this process has worked off its queue with chunks left pending (they failed).
        async Task<bool> Finished(BillingRunProgress p)
        {
            if (p.Run.Status != BillingRunStatus.Running)
            {
                return true;
            }

            if (local is null || !local.Idle || p.Processed >= p.Run.Selected)
            {
                return false;
            }

            await Task.Delay(1000, ct);
            return local.Idle && (await Poll()).Run.Status == BillingRunStatus.Running;
        }

        var progress = await Poll();
        if (console.IsInteractive)
        {
            await AnsiConsole.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask($"Run {number}", maxValue: Math.Max(1, progress.Run.Selected));
                    while (true)
                    {
                        task.Value = progress.Processed;
                        task.Description = string.Create(German, $"Run {number}: {progress.Billed:N0} billed, {progress.Held:N0} held, {progress.Failed:N0} failed");
                        if (await Finished(progress))
                        {
                            break;
                        }

                        await Task.Delay(500, ct);
                        progress = await Poll();
                    }
                });
        }
        else
        {
            var lastTenth = -1;
            while (true)
            {
                if (progress.Percent / 10 != lastTenth)
                {
                    lastTenth = progress.Percent / 10;
                    await console.Out.WriteLineAsync(Line(progress));
                }

                if (await Finished(progress))
                {
                    break;
                }

                await Task.Delay(500, ct);
                progress = await Poll();
            }
        }

        var code = await PrintReportAsync(console, host.Services, number, 50, ct);
        progress = await Poll();
        if (progress.Run.Status == BillingRunStatus.Completed)
        {
            return code;
        }

        await console.Out.WriteLineAsync($"Run {number} is not complete ({progress.Run.Status.ToString().ToLowerInvariant()}, {progress.Run.Selected - progress.Processed:N0} contracts pending); continue it with: stadtwerk billing-run resume {number}");
        return BillingRunCommand.NotCompleted;
    }

    internal static async Task<int> PrintReportAsync(CliConsole console, IServiceProvider services, int number, int max, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        if (await scope.ServiceProvider.GetRequiredService<BillingRunQueries>().ReportAsync(number, max, ct) is not { } report)
        {
            return console.Fail($"billing run {number} was not found");
        }

        await console.Out.WriteLineAsync(Line(report.Progress));
        var profile = report.Profile;
        if (profile.TotalMilliseconds > 0)
        {
            await console.Out.WriteLineAsync(string.Create(German,
                $"  time in chunks (all workers): {profile.TotalMilliseconds / 1000m:N1} s: load {profile.Percent(profile.LoadMilliseconds)} %, decide {profile.Percent(profile.DecideMilliseconds)} %, write {profile.Percent(profile.WriteMilliseconds)} %"));
        }

        foreach (var total in report.Totals)
        {
            await console.Out.WriteLineAsync(string.Create(German, $"  {total.Commodity.ToString().ToLowerInvariant(),-12} {total.Bills,8:N0} bills   net {total.Net,16:N2} €   gross {total.Gross,16:N2} €   balance {total.Balance,16:N2} €"));
        }

        if (report.ExceptionsTotal > 0)
        {
            var shown = report.Exceptions.Count == 0 ? " (list them with --max)" : report.ExceptionsTotal > report.Exceptions.Count ? $", the first {report.Exceptions.Count}:" : ":";
            await console.Out.WriteLineAsync(string.Create(German, $"Held and failed contracts ({report.ExceptionsTotal:N0}; the clerks' work list){shown}"));
            foreach (var e in report.Exceptions)
            {
                var what = e.Outcome == BillingRunOutcome.Held ? $"held ({e.Reason})" : "failed";
                await console.Out.WriteLineAsync($"  {e.ContractNumber,-10} {e.Commodity.ToString().ToLowerInvariant(),-12} {what}: {e.Message}");
            }
        }

        return CliConsole.Success;
    }

    internal static string Line(BillingRunProgress p)
    {
        var r = p.Run;
        var selection = r.Commodity is { } c ? c.ToString().ToLowerInvariant() : "all commodities";
        var rate = p.ContractsPerSecond is { } perSecond ? string.Create(German, $", {perSecond:N0} contracts/s") : string.Empty;
        var end = r.Status == BillingRunStatus.Running && p.ExpectedEnd is { } expected ? $", expected end {expected.ToLocalTime():HH:mm:ss}" : string.Empty;
        return string.Create(German,
            $"Run {r.Number} ({selection}, periods ending {r.PeriodEndFrom.ToIso()}..{r.PeriodEndTo.ToIso()}): {r.Status.ToString().ToLowerInvariant()}, {p.Processed:N0} of {r.Selected:N0} ({p.Percent} %): {p.Billed:N0} billed, {p.Held:N0} held, {p.Failed:N0} failed, {p.Skipped:N0} skipped{rate}{end}");
    }
}
