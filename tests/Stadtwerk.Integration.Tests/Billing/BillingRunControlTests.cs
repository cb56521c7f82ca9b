using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Cli;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Cancel and resume, over the API and from the command line, with the progress and report a clerk reads.</summary>
public abstract class BillingRunControlTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_cancelled_run_bills_nothing_more_until_it_is_resumed_and_then_finishes()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        int selected;
        await using (var idle = new StadtwerkApp(database, loadDemo: true))
        {
            // No worker in this process: the run waits in the queue.
            var client = await idle.SignedInClientAsync();
            var started = await client.PostAsJsonAsync("/api/billing-runs", new { commodity = "water", periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31" }, Ct);
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
            selected = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("selected").GetInt32();
            selected.ShouldBeGreaterThan(0);
            var cancelled = await client.PostAsync("/api/billing-runs/1/cancel", null, Ct);
            cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("cancelled");
            var again = await client.PostAsync("/api/billing-runs/1/cancel", null, Ct);
            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("only a running run can be cancelled");
        }

        await using var app = new StadtwerkApp(database, billingWorker: true);
        var clerk = await app.SignedInClientAsync();
        await Task.Delay(1500, Ct);
        await using (var db = app.OpenDb())
        {
            (await db.IssuedBills.CountAsync(Ct)).ShouldBe(0, "a worker does not bill a cancelled run");
        }

        var resumed = await clerk.PostAsync("/api/billing-runs/1/resume", null, Ct);
        resumed.StatusCode.ShouldBe(HttpStatusCode.OK, await resumed.Content.ReadAsStringAsync(Ct));
        var run = await BillingRunTests.WaitAsync(clerk, 1);
        run.GetProperty("status").GetString().ShouldBe("completed");
        (run.GetProperty("billed").GetInt32() + run.GetProperty("held").GetInt32()).ShouldBe(selected);
        (await clerk.PostAsync("/api/billing-runs/1/resume", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_clerk_runs_the_January_run_from_the_command_line_and_reads_the_report()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = new StadtwerkApp(database, loadDemo: true))
        {
            _ = app.Server;
        }

        var started = await RunAsync(database, "billing-run", "start", "--commodity", "electricity", "--period-end-from", "2021-01-01", "--period-end-to", "2021-12-31");
        started.Code.ShouldBe(0, started.Error + started.Out);
        started.Out.ShouldContain("Run 1 started: ");
        started.Out.ShouldContain("completed, ");
        started.Out.ShouldContain("(100 %)");
        started.Out.ShouldContain("electricity");
        started.Out.ShouldContain("held (ReadingDecreased): meter ");
        started.Out.ShouldContain("time in chunks");

        var status = await RunAsync(database, "billing-run", "status", "1");
        status.Out.ShouldStartWith("Run 1 (electricity, periods ending 2021-01-01..2021-12-31): completed");
        (await RunAsync(database, "billing-run", "list")).Out.ShouldContain("Run 1 ");
        var report = await RunAsync(database, "billing-run", "report", "1", "--max", "3");
        report.Out.ShouldContain("the first 3");

        var cancel = await RunAsync(database, "billing-run", "cancel", "1");
        cancel.Code.ShouldBe(1);
        cancel.Error.ShouldBe("error: run 1 is completed; only a running run can be cancelled" + Environment.NewLine);
        var missing = await RunAsync(database, "billing-run", "status", "7");
        missing.Error.ShouldContain("billing run 7 was not found");
        var future = await RunAsync(database, "billing-run", "start", "--period-end-from", "2021-01-01", "--period-end-to", "2999-12-31");
        future.Code.ShouldBe(1);
        future.Error.ShouldContain("--period-end-to: 2999-12-31 is not over yet");
        var again = await RunAsync(database, "billing-run", "start", "--commodity", "electricity", "--period-end-from", "2021-01-01", "--period-end-to", "2021-12-31");
        again.Out.ShouldContain("0 billed", customMessage: "the same run again bills nothing twice");

        // A bill of the run replays through calculate to the cent.
        await using var db = database.Open();
        var number = await db.IssuedBills.OrderBy(b => b.Number).Select(b => b.Number).FirstAsync(Ct);
        var input = await RunAsync(database, "bills", "show", number, "--input");
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, input.Out, Ct);
        try
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            (await StadtwerkCli.RunAsync(["calculate", file], new CliConsole(() => Stream.Null, output, error))).ShouldBe(0, error.ToString());
            output.ToString().ShouldBe((await RunAsync(database, "bills", "show", number)).Out);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_letters_of_a_run_are_rendered_and_stored_from_the_command_line_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var app = new StadtwerkApp(database, loadDemo: true))
        {
            _ = app.Server;
        }

        var list = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.txt");
        await using (var db = database.Open())
        {
            await File.WriteAllLinesAsync(list, await db.Contracts.Where(c => c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1)).OrderBy(c => c.ContractNumber).Select(c => c.ContractNumber).Take(20).ToListAsync(Ct), Ct);
        }

        try
        {
            var started = await RunAsync(database, "billing-run", "start", "--period-end-from", "2021-01-01", "--period-end-to", "2021-12-31", "--contracts", list);
            started.Code.ShouldBe(0, started.Error + started.Out);
        }
        finally
        {
            File.Delete(list);
        }

        await using var check = database.Open();
        var bills = await check.IssuedBills.CountAsync(Ct);
        var dispatched = await RunAsync(database, "bills", "dispatch");
        dispatched.Code.ShouldBe(0, dispatched.Error);
        dispatched.Out.ShouldContain($"{bills} letters rendered and stored in ");
        (await check.StoredDocuments.CountAsync(Ct)).ShouldBe(bills);
        (await check.OutgoingEmails.CountAsync(Ct)).ShouldBe(await check.StoredDocuments.CountAsync(d => d.Channel == DispatchChannel.Email, Ct));
        (await RunAsync(database, "bills", "dispatch")).Out.ShouldContain("0 letters rendered and stored", customMessage: "nothing twice");
    }

    private static Task<(int Code, string Out, string Error)> RunAsync(TestDatabase database, params string[] args) => Cli.CliRunner.RunAsync(database, args);
}

public sealed class BillingRunControlOnSqliteTests() : BillingRunControlTests(DatabaseProvider.Sqlite);

public sealed class BillingRunControlOnPostgresTests() : BillingRunControlTests(DatabaseProvider.Postgres);
