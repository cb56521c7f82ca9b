using System.ComponentModel;
using System.Globalization;
using System.Threading.Channels;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.BillingRuns;

/// <summary>How billing runs are worked on; configuration section <c>BillingRuns</c>.</summary>
public sealed record BillingRunOptions
{
    /// <summary>Whether this process bills chunks (a worker). On PostgreSQL any number of processes may.</summary>
    public bool Worker { get; init; } = true;

    /// <summary>Chunks billed at the same time in this process; default: one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>PostgreSQL: how long a chunk taken by a worker that died stays invisible before another worker takes it.</summary>
    public int InvisibilitySeconds { get; init; } = 120;

    public static string ThisWorker { get; } = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{Environment.ProcessId}");
}

/// <summary>
/// The job engine for several nodes: Hangfire with its PostgreSQL storage (schema <c>hangfire</c> in the utility's
/// database). One job per chunk; retries, the server list and the dashboard come with it. Created on first use,
/// and per host (not Hangfire's global configuration), so several hosts in one process keep their own databases.
/// </summary>
public sealed class BillingJobStorage(DatabaseSettings database, BillingRunOptions options) : IDisposable
{
    private readonly Lazy<PostgreSqlStorage> storage = new(() =>
    {
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(500),
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
            // A worker killed while it changes a job's state leaves Hangfire's lock on that job behind: the lock
            // expires after this time (default ten minutes), so the job goes on as soon as it is visible again.
            DistributedLockTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions);
    });

    public PostgreSqlStorage Storage => storage.Value;

    public void Dispose()
    {
        if (storage.IsValueCreated)
        {
            (storage.Value as IDisposable)?.Dispose();
        }
    }
}

/// <summary>One Hangfire job: one chunk of a run.</summary>
public sealed class BillingChunkJob(BillingRunChunkProcessor processor)
{
    public const string QueueName = "billing";

    [Queue(QueueName)]
    [AutomaticRetry(Attempts = 5)]
    [DisplayName("Billing run {0}: chunk {1}")]
    public Task RunAsync(Guid runId, int chunk, CancellationToken ct) => processor.RunAsync(runId, chunk, BillingRunOptions.ThisWorker, ct);
}

/// <summary>PostgreSQL: the chunks become Hangfire jobs that any worker process sharing the database takes.</summary>
public sealed class HangfireBillingRunDispatcher(BillingJobStorage storage) : IBillingRunDispatcher
{
    public Task EnqueueAsync(Guid runId, IReadOnlyList<int> chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var client = new BackgroundJobClient(storage.Storage);
        foreach (var chunk in chunks)
        {
            ct.ThrowIfCancellationRequested();
            client.Enqueue<BillingChunkJob>(job => job.RunAsync(runId, chunk, CancellationToken.None));
        }

        return Task.CompletedTask;
    }
}

/// <summary>A Hangfire server in this process: bills the queued chunks of any run until the process stops.</summary>
public sealed class HangfireBillingWorker(BillingJobStorage storage, BillingRunOptions options, IServiceScopeFactory scopes) : IHostedService, IDisposable
{
    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var serverOptions = new BackgroundJobServerOptions
        {
            ServerName = BillingRunOptions.ThisWorker,
            WorkerCount = Math.Max(1, options.Workers),
            Queues = [BillingChunkJob.QueueName, "default"],
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
            Activator = new AspNetCoreJobActivator(scopes),
        };
        server = new BackgroundJobServer(serverOptions, storage.Storage);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
        }
    }

    public void Dispose() => server?.Dispose();
}

/// <summary>
/// SQLite: the chunks are billed in this process, one per core at a time (one database file, one machine). A chunk
/// already waiting is not queued twice (a resume and the worker's start-up both queue the pending chunks).
/// </summary>
public sealed class LocalBillingRunDispatcher : IBillingRunDispatcher
{
    private readonly Channel<(Guid RunId, int Chunk)> channel = Channel.CreateUnbounded<(Guid, int)>();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Guid RunId, int Chunk), byte> waiting = new();
    private int outstanding;

    public ChannelReader<(Guid RunId, int Chunk)> Reader => channel.Reader;

    /// <summary>Whether every chunk queued here has been worked on (billed, or failed and left pending).</summary>
    public bool Idle => Volatile.Read(ref outstanding) == 0;

    public async Task EnqueueAsync(Guid runId, IReadOnlyList<int> chunks, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        foreach (var chunk in chunks)
        {
            if (waiting.TryAdd((runId, chunk), 0))
            {
                Interlocked.Increment(ref outstanding);
                await channel.Writer.WriteAsync((runId, chunk), ct);
            }
        }
    }

    /// <summary>A worker took the chunk: from now on it may be queued again (a failed chunk stays pending for a resume).</summary>
    internal void Taken(Guid runId, int chunk) => waiting.TryRemove((runId, chunk), out _);

    internal void Worked() => Interlocked.Decrement(ref outstanding);
}

/// <summary>Bills the chunks queued in this process; at start it queues again the pending chunks of running runs (after a crash or restart).</summary>
public sealed partial class LocalBillingWorker(LocalBillingRunDispatcher dispatcher, BillingRunOptions options, IServiceScopeFactory scopes, ILogger<LocalBillingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            using (var scope = scopes.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<StadtwerkDbContext>();
                var pending = await db.BillingRunChunks.AsNoTracking()
                    .Where(c => c.Status == BillingRunChunkStatus.Pending && db.BillingRuns.Any(r => r.Id == c.RunId && r.Status == BillingRunStatus.Running))
                    .Select(c => new { c.RunId, c.Number }).ToListAsync(stoppingToken);
                foreach (var run in pending.GroupBy(c => c.RunId))
                {
                    await dispatcher.EnqueueAsync(run.Key, [.. run.Select(c => c.Number).Order()], stoppingToken);
                }
            }

            var workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => WorkAsync(stoppingToken));
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var (runId, chunk) in dispatcher.Reader.ReadAllAsync(ct))
        {
            dispatcher.Taken(runId, chunk);
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<BillingRunChunkProcessor>().RunAsync(runId, chunk, BillingRunOptions.ThisWorker, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The chunk stays pending; resuming the run queues it again.
                LogChunkFailed(logger, e, chunk, runId);
            }
            finally
            {
                dispatcher.Worked();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chunk {Chunk} of billing run {RunId} failed and stays pending")]
    private static partial void LogChunkFailed(ILogger logger, Exception exception, int chunk, Guid runId);
}

public static class BillingRunServiceCollectionExtensions
{
    /// <summary>The billing run use cases, the dispatcher for the provider, and a worker when <see cref="BillingRunOptions.Worker"/> is set.</summary>
    public static IServiceCollection AddBillingRuns(this IServiceCollection services, DatabaseSettings database, BillingRunOptions options)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddScoped<BillingRunChunkProcessor>();
        services.AddScoped<StartBillingRun>();
        services.AddScoped<BillingRunControl>();
        services.AddScoped<BillingRunQueries>();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<BillingJobStorage>();
            // Hangfire's services (the dashboard needs them); storage, client and server are this host's own, passed explicitly.
            services.AddHangfire(_ => { });
            services.AddSingleton<IBillingRunDispatcher, HangfireBillingRunDispatcher>();
            services.AddScoped<BillingChunkJob>();
            if (options.Worker)
            {
                services.AddHostedService<HangfireBillingWorker>();
            }
        }
        else
        {
            services.AddSingleton<LocalBillingRunDispatcher>();
            services.AddSingleton<IBillingRunDispatcher>(sp => sp.GetRequiredService<LocalBillingRunDispatcher>());
            if (options.Worker)
            {
                services.AddHostedService<LocalBillingWorker>();
            }
        }

        return services;
    }
}
