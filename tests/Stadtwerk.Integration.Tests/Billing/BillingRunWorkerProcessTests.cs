using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// Several nodes for real: <c>stadtwerk worker</c> processes share one PostgreSQL database through the job engine
/// (Hangfire). Two workers bill every contract exactly once; a worker killed with SIGKILL in the middle of its chunks
/// loses nothing and doubles nothing once another worker takes over, and the bill numbers stay gap-free.
/// </summary>
public sealed class BillingRunWorkerProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_worker_processes_bill_every_contract_exactly_once()
    {
        await using var database = await DemoDatabaseAsync();
        using var first = Worker.Start(database);
        using var second = Worker.Start(database);
        await StartRunAsync(database);

        await WaitAsync(database, run => run.Status == BillingRunStatus.Completed, TimeSpan.FromMinutes(3));
        await using var db = database.Open();
        var chunks = await db.BillingRunChunks.AsNoTracking().ToListAsync(Ct);
        chunks.Select(c => c.Worker).Distinct().Count().ShouldBe(2, "both processes billed chunks: " + first.Output + second.Output);
        await ExactlyOnceAsync(db);
    }

    [Fact]
    public async Task A_worker_killed_mid_chunk_loses_nothing_and_doubles_nothing()
    {
        await using var database = await DemoDatabaseAsync();
        await StartRunAsync(database);
        List<int> interrupted = [];
        for (var tries = 1; interrupted.Count == 0; tries++)
        {
            using var doomed = Worker.Start(database);
            await WaitAsync(database, run => true, TimeSpan.FromMinutes(1), minimumChunksDone: 3 * tries);

            // Kill while the worker is inside a chunk: begun (its attempt is counted at the start) and not yet committed.
            await using var db = database.Open();
            var until = DateTime.UtcNow.AddMinutes(1);
            while (!await db.BillingRunChunks.AnyAsync(c => c.Status == BillingRunChunkStatus.Pending && c.Attempts > 0, Ct))
            {
                DateTime.UtcNow.ShouldBeLessThan(until, "a chunk in progress");
            }

            doomed.Kill();
            interrupted = await db.BillingRunChunks.Where(c => c.Status == BillingRunChunkStatus.Pending && c.Attempts > 0).Select(c => c.Number).ToListAsync(Ct);

            // Now and then the chunk commits between the look and the kill: then the next worker is killed.
            tries.ShouldBeLessThan(5, "the kill came in the middle of a chunk");
        }

        using var rescuer = Worker.Start(database);
        await WaitAsync(database, run => run.Status == BillingRunStatus.Completed, TimeSpan.FromMinutes(3), diagnostics: () => rescuer.Output);
        await using var check = database.Open();
        var again = await check.BillingRunChunks.AsNoTracking().Where(c => interrupted.Contains(c.Number)).ToListAsync(Ct);
        again.ShouldAllBe(c => c.Status == BillingRunChunkStatus.Done && c.Attempts > 1 && c.Worker == rescuer.Name, "the interrupted chunks were billed again, by the next worker");
        await ExactlyOnceAsync(check);
    }

    [Fact]
    public async Task Worker_processes_render_and_store_the_letters_the_run_queued()
    {
        await using var database = await DemoDatabaseAsync();
        var list = Path.Combine(Path.GetTempPath(), $"stadtwerk-contracts-{Guid.NewGuid():N}.txt");
        await using (var db = database.Open())
        {
            var numbers = await db.Contracts.Where(c => c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1)).OrderBy(c => c.ContractNumber).Select(c => c.ContractNumber).Take(150).ToListAsync(Ct);
            await File.WriteAllLinesAsync(list, numbers, Ct);
        }

        try
        {
            await StartRunAsync(database, "--contracts", list);
        }
        finally
        {
            File.Delete(list);
        }

        using var first = Worker.Start(database, dispatch: true);
        using var second = Worker.Start(database, dispatch: true);
        await WaitAsync(database, run => run.Status == BillingRunStatus.Completed, TimeSpan.FromMinutes(2));
        var until = DateTime.UtcNow.AddMinutes(2);
        await using var check = database.Open();
        while (await check.QueuedBillDocuments.AnyAsync(q => q.DoneAt == null, Ct))
        {
            DateTime.UtcNow.ShouldBeLessThan(until, "the workers render the queued letters: " + first.Output + second.Output);
            await Task.Delay(200, Ct);
        }

        var bills = await check.IssuedBills.CountAsync(Ct);
        bills.ShouldBeGreaterThan(100);
        (await check.StoredDocuments.CountAsync(Ct)).ShouldBe(bills, "one stored letter per bill");
        (await check.StoredDocuments.Select(d => d.BillId).Distinct().CountAsync(Ct)).ShouldBe(bills);
        (await check.StoredDocuments.Select(d => d.Content.Length).MinAsync(Ct)).ShouldBeGreaterThan(10_000, "real PDFs");
    }

    private static async Task<TestDatabase> DemoDatabaseAsync()
    {
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        // The demo utility, loaded the way the web application loads it on first start.
        await using var app = new StadtwerkApp(database, loadDemo: true);
        _ = app.Server;
        return database;
    }

    private static async Task StartRunAsync(TestDatabase database, params string[] more)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StadtwerkCli.RunAsync(
            ["billing-run", "start", "--period-end-from", "2021-01-01", "--period-end-to", "2021-12-31", "--chunk-size", "40", "--detach",
                "--provider", "Postgres", "--connection", database.Settings.ConnectionString, .. more],
            new CliConsole(() => Stream.Null, output, error));
        code.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain("Run 1 started");
    }

    private static async Task WaitAsync(TestDatabase database, Func<BillingRun, bool> done, TimeSpan timeout, int minimumChunksDone = 0, Func<string>? diagnostics = null)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = database.Open())
            {
                var run = await db.BillingRuns.AsNoTracking().SingleAsync(Ct);
                var chunksDone = await db.BillingRunChunks.CountAsync(c => c.Status == BillingRunChunkStatus.Done, Ct);
                if (done(run) && chunksDone >= minimumChunksDone)
                {
                    return;
                }

                if (DateTime.UtcNow > until)
                {
                    var jobs = await db.Database.SqlQueryRaw<string>(
                        "SELECT j.id || ' ' || coalesce(j.statename, '-') || ' ' || j.arguments || ' q:' || coalesce((SELECT string_agg(coalesce(q.fetchedat::text, 'not fetched'), ',') FROM hangfire.jobqueue q WHERE q.jobid = j.id), 'none') AS \"Value\" FROM hangfire.job j WHERE j.statename <> 'Succeeded' ORDER BY j.id").ToListAsync(Ct);
                    var locks = await db.Database.SqlQueryRaw<string>("SELECT resource || ' ' || acquired::text AS \"Value\" FROM hangfire.lock").ToListAsync(Ct);
                    var pending = await db.BillingRunChunks.Where(c => c.Status == BillingRunChunkStatus.Pending).Select(c => c.Number + " attempts " + c.Attempts + " by " + c.Worker).ToListAsync(Ct);
                    Assert.Fail($"run {run.Number}: {run.Status}, {chunksDone} of {run.Chunks} chunks done; pending: {string.Join("; ", pending)}; jobs not succeeded: {string.Join("; ", jobs)}; locks: {string.Join("; ", locks)}; worker: {diagnostics?.Invoke()}");
                }
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Every selected contract has one outcome, every billed one exactly one bill, and the numbers run 1..N without gaps.</summary>
    private static async Task ExactlyOnceAsync(StadtwerkDbContext db)
    {
        var items = await db.BillingRunItems.AsNoTracking().ToListAsync(Ct);
        items.ShouldNotBeEmpty();
        items.ShouldAllBe(i => i.Outcome == BillingRunOutcome.Billed || i.Outcome == BillingRunOutcome.Held);
        var bills = await db.IssuedBills.AsNoTracking().Select(b => new { b.Id, b.ContractId, b.Number }).ToListAsync(Ct);
        bills.Count.ShouldBe(items.Count(i => i.Outcome == BillingRunOutcome.Billed));
        bills.Select(b => b.ContractId).ShouldBeUnique();
        bills.Select(b => b.Id).Order().ShouldBe(items.Where(i => i.BillId != null).Select(i => i.BillId!.Value).Order());
        bills.Select(b => long.Parse(b.Number[5..], CultureInfo.InvariantCulture)).Order()
            .ShouldBe(Enumerable.Range(1, bills.Count).Select(i => (long)i), "bill numbers are gap-free");
        (await db.LedgerEntries.CountAsync(e => e.Kind == Core.Accounts.LedgerEntryKind.Bill, Ct)).ShouldBe(bills.Count);
        (await db.QueuedBillDocuments.CountAsync(Ct)).ShouldBe(bills.Count);
        var counter = await db.BillNumberCounters.AsNoTracking().SingleAsync(Ct);
        counter.LastNumber.ShouldBe(bills.Count, "no number was taken and lost");
    }

    /// <summary>A real <c>stadtwerk worker</c> process.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process process;
        private readonly System.Text.StringBuilder output = new();

        private Worker(Process process)
        {
            this.process = process;
            Name = string.Create(CultureInfo.InvariantCulture, $"{Environment.MachineName}:{process.Id}");
        }

        public string Name { get; }

        public string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        /// <param name="dispatch">Whether the worker also renders the queued bill letters (every second); off, the tests watch the billing alone.</param>
        public static Worker Start(TestDatabase database, bool dispatch = false)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "stadtwerk.dll"));
            foreach (var arg in (string[])["worker", "--workers", "2", "--provider", "Postgres", "--connection", database.Settings.ConnectionString])
            {
                start.ArgumentList.Add(arg);
            }

            // A chunk taken by a dead worker is visible again after this many seconds (production: two minutes).
            start.Environment["BillingRuns__InvisibilitySeconds"] = "5";
            start.Environment["Documents__Dispatch"] = dispatch ? "true" : "false";
            start.Environment["Documents__DispatchSeconds"] = "1";
            var worker = new Worker(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
            worker.process.OutputDataReceived += (_, e) => worker.Append(e.Data);
            worker.process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
            worker.process.BeginOutputReadLine();
            worker.process.BeginErrorReadLine();
            return worker;
        }

        /// <summary>SIGKILL: no shutdown, no rollback but the database's own.</summary>
        public void Kill()
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                Kill();
            }

            process.Dispose();
        }

        private void Append(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
