using System.ComponentModel;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>When the money loop runs by itself (configuration section <c>Payments</c>).</summary>
/// <param name="Scheduled">Whether this process runs the daily job (Hangfire's recurring job on PostgreSQL, a timer on SQLite).</param>
/// <param name="LeadDays">The collection runs and direct-debit files are made for the due dates of the next this many days (the bank needs SEPA Core files a bank day ahead).</param>
/// <param name="Hour">The hour (Europe/Berlin) the daily job runs.</param>
/// <param name="AutomaticDunning">Whether the daily job also sends the dunning proposals; off by default, so that clerks look at the list first.</param>
public sealed record PaymentScheduleOptions(bool Scheduled = true, int LeadDays = 5, int Hour = 5, bool AutomaticDunning = false);

/// <summary>
/// The daily job of the money loop: the collection runs and direct-debit files of the next due dates, the
/// credit-transfer file of the payouts due, and (when configured) the dunning run. Each step is idempotent, so a job
/// that runs twice or on two nodes at once writes nothing twice.
/// </summary>
public sealed partial class PaymentsJob(StartCollectionRun collection, CreateDirectDebitFile directDebits, Payouts payouts, Dunning dunning, PaymentScheduleOptions options, SepaSettings sepa, TimeProvider clock, ILogger<PaymentsJob> logger)
{
    public const string RecurringJobId = "payments-daily";

    [DisplayName("Einzugslauf, Erstattungen und Mahnlauf")]
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(CancellationToken ct)
    {
        var today = UtilityCalendar.Today(clock.GetUtcNow());
        var sepaReady = sepa.Creditor().Succeeded;
        for (var day = 1; day <= Math.Max(1, options.LeadDays); day++)
        {
            var dueOn = today.AddDays(day);
            if (sepaReady)
            {
                var result = await directDebits.RunAsync(dueOn, "Einzugslauf (automatisch)", ct);
                LogCollection(logger, dueOn, result.GetType().Name);
            }
            else
            {
                // Without the creditor data no file can be made; the open items are asked all the same.
                await collection.RunAsync(dueOn, "Einzugslauf (automatisch)", ct);
            }
        }

        if (sepaReady)
        {
            var refunds = await payouts.CreateFileAsync(today.AddDays(1), "Erstattungslauf (automatisch)", ct);
            LogRefunds(logger, refunds.GetType().Name);
        }

        if (options.AutomaticDunning)
        {
            var sent = await dunning.RunAsync("Mahnlauf (automatisch)", null, ct);
            LogDunning(logger, sent.Sent, sent.Blocked);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection for {DueOn}: {Result}")]
    private static partial void LogCollection(ILogger logger, DateOnly dueOn, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refunds: {Result}")]
    private static partial void LogRefunds(ILogger logger, string result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Dunning: {Sent} letters sent, {Blocked} blocked")]
    private static partial void LogDunning(ILogger logger, int sent, int blocked);
}

/// <summary>PostgreSQL: the daily job as a Hangfire recurring job, taken by one of the worker processes.</summary>
public sealed class HangfirePaymentsSchedule(BillingJobStorage storage, PaymentScheduleOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var manager = new RecurringJobManager(storage.Storage);
        manager.AddOrUpdate<PaymentsJob>(
            PaymentsJob.RecurringJobId,
            job => job.RunAsync(CancellationToken.None),
            Cron.Daily(Math.Clamp(options.Hour, 0, 23)),
            new RecurringJobOptions { TimeZone = UtilityCalendar.TimeZone });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>SQLite (one machine): the daily job on a timer in this process, at the configured hour and once after a start that missed it.</summary>
public sealed partial class LocalPaymentsSchedule(IServiceScopeFactory scopes, PaymentScheduleOptions options, TimeProvider clock, ILogger<LocalPaymentsSchedule> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateOnly? lastRun = null;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            var now = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), UtilityCalendar.TimeZone);
            var today = DateOnly.FromDateTime(now.DateTime);
            if (lastRun != today && now.Hour >= options.Hour)
            {
                try
                {
                    using var scope = scopes.CreateScope();
                    await scope.ServiceProvider.GetRequiredService<PaymentsJob>().RunAsync(stoppingToken);
                    lastRun = today;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, e);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily payments job failed; it is tried again in ten minutes")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

public static class PaymentServiceCollectionExtensions
{
    /// <summary>Open items, collection runs, direct-debit and credit-transfer files, dunning, and the daily job.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services, IConfiguration configuration, DatabaseSettings database, bool worker)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        var options = configuration.GetSection("Payments").Get<PaymentScheduleOptions>() ?? new PaymentScheduleOptions();
        services.AddSingleton(options);
        services.AddSingleton(configuration.GetSection("Dunning").Get<DunningSettings>() ?? new DunningSettings());
        services.AddScoped<ContractAccounts>();
        services.AddScoped(sp => new StartCollectionRun(
            sp.GetRequiredService<StadtwerkDbContext>(),
            sp.GetRequiredService<TimeProvider>(),
            () => new StadtwerkDbContext(sp.GetRequiredService<Microsoft.EntityFrameworkCore.DbContextOptions<StadtwerkDbContext>>())));
        services.AddScoped<CreateDirectDebitFile>();
        services.AddScoped<PaymentFileOverviews>();
        services.AddScoped<Payouts>();
        services.AddScoped<Dunning>();
        services.AddScoped<PaymentsJob>();
        if (options.Scheduled && worker)
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                services.AddHostedService<HangfirePaymentsSchedule>();
            }
            else
            {
                services.AddHostedService<LocalPaymentsSchedule>();
            }
        }

        return services;
    }
}
