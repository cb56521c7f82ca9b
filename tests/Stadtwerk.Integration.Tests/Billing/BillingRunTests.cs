using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The demo utility's January run through the API: every contract due is billed once, held or failed with a reason;
/// every bill replays through calculate to the cent; numbers are gap-free; a second run bills nothing twice.
/// </summary>
public abstract class BillingRunTests(DatabaseProvider provider)
{
    private static readonly string[] UnknownContract = ["C0000000"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_January_run_bills_every_due_contract_once_and_a_second_run_bills_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();

        var started = await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", chunkSize = 300 }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
        started.Headers.Location!.ToString().ShouldBe("/api/billing-runs/1");
        var run = await WaitAsync(client, 1);
        run.GetProperty("status").GetString().ShouldBe("completed");

        await using var db = app.OpenDb();
        var due = await db.Contracts.AsNoTracking().CountAsync(c => c.StartDate <= new DateOnly(2021, 12, 31) && (c.EndDate == null || c.EndDate >= new DateOnly(2021, 1, 1)), Ct);
        run.GetProperty("selected").GetInt32().ShouldBe(due);
        var items = await db.BillingRunItems.AsNoTracking().ToListAsync(Ct);
        items.Count.ShouldBe(due);
        items.ShouldAllBe(i => i.Outcome == BillingRunOutcome.Billed || i.Outcome == BillingRunOutcome.Held);
        run.GetProperty("billed").GetInt32().ShouldBe(items.Count(i => i.Outcome == BillingRunOutcome.Billed));
        run.GetProperty("held").GetInt32().ShouldBe(items.Count(i => i.Outcome == BillingRunOutcome.Held));
        run.GetProperty("held").GetInt32().ShouldBeLessThan(due / 20);

        var bills = await db.IssuedBills.AsNoTracking().ToListAsync(Ct);
        bills.Count.ShouldBe(items.Count(i => i.Outcome == BillingRunOutcome.Billed));
        bills.Select(b => b.ContractId).Distinct().Count().ShouldBe(bills.Count, "one bill per contract");
        foreach (var bill in bills)
        {
            var input = BillInputJson.Parse(bill.InputJson);
            input.Error.ShouldBeNull(bill.Number);
            var replay = BillCalculator.Calculate(input.Value!).ShouldBeOfType<CalculationResult.Calculated>(bill.Number);
            BillJson.Write(replay.Bill).ShouldBe(bill.OutputJson, bill.Number);
        }

        bills.Select(b => long.Parse(b.Number[5..], CultureInfo.InvariantCulture)).Order()
            .ShouldBe(Enumerable.Range(1, bills.Count).Select(i => (long)i), "bill numbers are gap-free");
        (await db.LedgerEntries.CountAsync(e => e.Kind == Core.Accounts.LedgerEntryKind.Bill, Ct)).ShouldBe(bills.Count);
        (await db.QueuedBillDocuments.CountAsync(Ct)).ShouldBe(bills.Count, "every bill is queued for its letter");
        var holds = await db.BillingHolds.AsNoTracking().Where(h => h.ReleasedAt == null).CountAsync(Ct);
        holds.ShouldBe(items.Count(i => i.Outcome == BillingRunOutcome.Held));

        // SEPA: the run collects balances only; the collection run of the first due date asks the next installment
        // of every running contract, and collects it from those paying by direct debit.
        (await db.DirectDebits.CountAsync(d => d.Kind == Core.Accounts.DirectDebitKind.Installment, Ct)).ShouldBe(0);
        var firstDue = ContractBilling.FirstInstallmentDue(bills[0].IssuedOn);
        (await client.PostAsJsonAsync("/api/collection-runs", new { dueOn = firstDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var debitors = await db.Contracts.AsNoTracking().Where(c => c.BankAccount != null && c.EndDate == null && c.InstallmentPlan!.Amount > 0 && bills.Select(b => b.ContractId).Contains(c.Id)).Select(c => c.Id).ToListAsync(Ct);
        var installments = await db.DirectDebits.AsNoTracking().Where(d => d.Kind == Core.Accounts.DirectDebitKind.Installment).ToListAsync(Ct);
        installments.Select(d => d.ContractId).Order().ShouldBe(debitors.Order());
        installments.ShouldAllBe(d => d.Amount > 0 && d.DueOn == firstDue);
        var requested = await db.InstallmentRequests.AsNoTracking().Where(r => r.DueOn == firstDue).Select(r => r.ContractId).ToListAsync(Ct);
        requested.Count.ShouldBeGreaterThan(installments.Count, "transfer payers are asked too");

        var report = await client.GetFromJsonAsync<JsonElement>("/api/billing-runs/1/report", Ct);
        report.GetProperty("totals").EnumerateArray().Sum(t => t.GetProperty("bills").GetInt32()).ShouldBe(bills.Count);
        report.GetProperty("totals").EnumerateArray().Sum(t => t.GetProperty("gross").GetDecimal()).ShouldBe(bills.Sum(b => b.Gross));
        var exceptions = report.GetProperty("exceptions").EnumerateArray().ToList();
        exceptions.Count.ShouldBe(run.GetProperty("held").GetInt32());
        exceptions.ShouldAllBe(e => e.GetProperty("outcome").GetString() == "held" && e.GetProperty("message").GetString()!.Length > 0);

        // The same run again: everything is billed, nothing is selected, nothing billed twice.
        var again = await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31" }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var second = await WaitAsync(client, 2);
        second.GetProperty("selected").GetInt32().ShouldBe(run.GetProperty("held").GetInt32(), "only the held contracts are due again");
        second.GetProperty("billed").GetInt32().ShouldBe(0);
        (await db.IssuedBills.CountAsync(Ct)).ShouldBe(bills.Count);
    }

    [Fact]
    public async Task Bad_selections_are_refused_with_the_field_named()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database);
        var client = await app.SignedInClientAsync();

        async Task<JsonElement> Refused(object body)
        {
            var response = await client.PostAsJsonAsync("/api/billing-runs", body, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
            return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        }

        (await Refused(new { periodEndTo = "2021-12-31" })).TryGetProperty("periodEndFrom", out _).ShouldBeTrue();
        (await Refused(new { periodEndFrom = "2021-12-31", periodEndTo = "2021-01-01" })).TryGetProperty("periodEndTo", out _).ShouldBeTrue();
        (await Refused(new { periodEndFrom = "2021-01-01", periodEndTo = "2099-12-31" })).GetProperty("periodEndTo")[0].GetString()!.ShouldContain("not over yet");
        (await Refused(new { commodity = "steam", periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31" })).TryGetProperty("commodity", out _).ShouldBeTrue();
        (await Refused(new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", contractNumbers = UnknownContract })).GetProperty("contractNumbers")[0].GetString()!.ShouldContain("C0000000");
        (await Refused(new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", chunkSize = 0 })).TryGetProperty("chunkSize", out _).ShouldBeTrue();
        (await client.GetAsync("/api/billing-runs/99", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = app.OpenDb();
        (await db.BillingRuns.CountAsync(Ct)).ShouldBe(0, "nothing is half-written");
    }

    [Fact]
    public async Task The_job_engine_dashboard_is_there_for_billing_staff_on_PostgreSQL_only()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database);
        var clerk = await app.SignedInClientAsync();
        var dashboard = await clerk.GetAsync("/hangfire", Ct);
        if (provider == DatabaseProvider.Postgres)
        {
            dashboard.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await dashboard.Content.ReadAsStringAsync(Ct)).ShouldContain("Abrechnungsläufe (Hangfire)");
            var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            (await anonymous.GetAsync("/hangfire", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "to the sign-in");
            var agent = await app.SignedInClientAsync(Infrastructure.Identity.StaffRoles.Agent);
            (await agent.GetAsync("/hangfire", Ct)).StatusCode.ShouldBe(HttpStatusCode.Redirect, "to access denied");
        }
        else
        {
            dashboard.StatusCode.ShouldBe(HttpStatusCode.NotFound, "SQLite bills in-process, without a job engine");
        }
    }

    public static async Task<JsonElement> WaitAsync(HttpClient client, int number)
    {
        var until = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            var run = await client.GetFromJsonAsync<JsonElement>($"/api/billing-runs/{number}", Ct);
            if (run.GetProperty("status").GetString() != "running" || DateTime.UtcNow > until)
            {
                return run;
            }

            await Task.Delay(200, Ct);
        }
    }
}

public sealed class BillingRunOnSqliteTests() : BillingRunTests(DatabaseProvider.Sqlite);

public sealed class BillingRunOnPostgresTests() : BillingRunTests(DatabaseProvider.Postgres);
