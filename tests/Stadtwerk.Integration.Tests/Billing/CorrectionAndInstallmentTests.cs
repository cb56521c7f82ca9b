using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Corrections (cancel, rebill, cancel again) and installment changes through the API, on SQLite and PostgreSQL.</summary>
public abstract class CorrectionAndInstallmentTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    private async Task<(HttpClient Client, string Contract, JsonElement Bill)> BilledContractAsync(decimal consumptionEnd = 3100m)
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", consumptionEnd)]);
        }

        var client = await App.SignedInClientAsync();
        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2021-01-01", periodEnd = "2021-12-31" }, None);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (client, contract, (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill"));
    }

    [Fact]
    public async Task A_correction_chain_cancels_rebills_and_cancels_again_and_the_account_nets()
    {
        var (client, contract, first) = await BilledContractAsync();
        var meter = "Z" + contract[1..];
        var reading = await client.GetFromJsonAsync<JsonElement>($"/api/meters/{meter}/readings/2021-12-31", None);

        // The customer calls: the reading was 2,900, not 3,100.
        (await client.PutAsJsonAsync($"/api/meters/{meter}/readings/2021-12-31", new { value = 2900, kind = "actual", source = "agent", version = reading.GetProperty("version").GetInt32() }, None))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var corrected = await client.PostAsync(new Uri($"/api/bills/{first.GetProperty("number").GetString()}/correction", UriKind.Relative), null, None);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync(None));
        var correction = await corrected.Content.ReadFromJsonAsync<JsonElement>(None);
        var cancellation = correction.GetProperty("cancellation").GetProperty("cancellation");
        cancellation.GetProperty("kind").GetString().ShouldBe("cancellation");
        cancellation.GetProperty("gross").GetDecimal().ShouldBe(-first.GetProperty("gross").GetDecimal());
        var second = correction.GetProperty("correctedBill");
        second.GetProperty("quantity").GetInt64().ShouldBe(2900);

        // ... and cancelled again: the original and its correction stay as they were issued.
        var again = await client.PostAsync(new Uri($"/api/bills/{second.GetProperty("number").GetString()}/cancellation", UriKind.Relative), null, None);
        again.StatusCode.ShouldBe(HttpStatusCode.Created);
        var twice = await client.PostAsync(new Uri($"/api/bills/{second.GetProperty("number").GetString()}/cancellation", UriKind.Relative), null, None);
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var original = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{first.GetProperty("number").GetString()}", None);
        original.GetProperty("bill").GetProperty("gross").GetDecimal().ShouldBe(first.GetProperty("gross").GetDecimal());
        var account = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/account", None);
        account.GetProperty("balance").GetDecimal().ShouldBe(-720m, "both bills cancelled: only the 12 installments of 60 € remain, in the customer's favour");
        var bills = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/bills", None);
        bills.GetArrayLength().ShouldBe(4);

        // With everything cancelled, the period can be billed anew.
        (await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2021-01-01", periodEnd = "2021-12-31" }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_correction_whose_new_bill_would_be_held_cancels_nothing()
    {
        var (client, contract, first) = await BilledContractAsync();
        var meter = "Z" + contract[1..];
        var reading = await client.GetFromJsonAsync<JsonElement>($"/api/meters/{meter}/readings/2021-12-31", None);

        // A typo: the "corrected" end reading falls below the start reading.
        var start = await client.GetFromJsonAsync<JsonElement>($"/api/meters/{meter}/readings/2020-12-31", None);
        (await client.PutAsJsonAsync($"/api/meters/{meter}/readings/2020-12-31", new { value = 500, kind = "actual", source = "agent", version = start.GetProperty("version").GetInt32() }, None))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.PutAsJsonAsync($"/api/meters/{meter}/readings/2021-12-31", new { value = 0, kind = "actual", source = "agent", version = reading.GetProperty("version").GetInt32() }, None))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await client.PostAsync(new Uri($"/api/bills/{first.GetProperty("number").GetString()}/correction", UriKind.Relative), null, None);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync(None));
        var bills = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/bills", None);
        bills.GetArrayLength().ShouldBe(1, "the original bill stays valid and uncancelled");
        var holds = await client.GetFromJsonAsync<JsonElement>("/api/billing/holds?pageSize=200", None);
        holds.GetProperty("items").EnumerateArray().ShouldContain(h => h.GetProperty("contractNumber").GetString() == contract);
    }

    [Fact]
    public async Task An_agent_changes_the_installment_from_the_next_due_date_and_the_change_is_recorded()
    {
        var (_, contract, _) = await BilledContractAsync();
        using var agent = await App.SignedInClientAsync(StaffRoles.Agent);
        var stored = await agent.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        var calculated = stored.GetProperty("installmentPlan").GetProperty("amount").GetDecimal();

        var response = await agent.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes",
            new { amount = calculated + 10, channel = "phone", version = stored.GetProperty("version").GetInt32() }, None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(None));
        var change = await response.Content.ReadFromJsonAsync<JsonElement>(None);
        change.GetProperty("status").GetString().ShouldBe("applied");
        change.GetProperty("oldAmount").GetDecimal().ShouldBe(calculated);
        change.GetProperty("changedBy").GetString().ShouldBe("test-agent");
        change.GetProperty("plan").GetProperty("amount").GetDecimal().ShouldBe(calculated + 10);
        var history = await agent.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/installment-changes", None);
        history.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_reduction_below_80_percent_waits_for_a_clerk()
    {
        var (clerk, contract, _) = await BilledContractAsync();
        using var agent = await App.SignedInClientAsync(StaffRoles.Agent);
        var stored = await agent.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        var calculated = stored.GetProperty("installmentPlan").GetProperty("amount").GetDecimal();
        var low = Math.Floor(calculated * 0.5m);

        var change = await (await agent.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes",
            new { amount = low, channel = "phone", version = stored.GetProperty("version").GetInt32() }, None)).Content.ReadFromJsonAsync<JsonElement>(None);

        change.GetProperty("status").GetString().ShouldBe("awaitingApproval");
        change.GetProperty("plan").GetProperty("amount").GetDecimal().ShouldBe(calculated, "nothing changes before the clerk decides");
        (await agent.PostAsJsonAsync($"/api/installment-changes/{change.GetProperty("id").GetGuid()}/decision", new { approve = true }, None)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var decided = await clerk.PostAsJsonAsync($"/api/installment-changes/{change.GetProperty("id").GetGuid()}/decision", new { approve = true }, None);
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await decided.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("plan").GetProperty("amount").GetDecimal().ShouldBe(low);
    }

    [Fact]
    public async Task Five_times_the_calculated_installment_needs_a_second_person_who_cannot_be_the_one_who_asked_and_never_overwrites_a_newer_plan()
    {
        var (clerk, contract, _) = await BilledContractAsync();
        var stored = await clerk.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        var calculated = stored.GetProperty("installmentPlan").GetProperty("amount").GetDecimal();

        // A digit too many (10× the calculated amount) waits; the clerk who typed it cannot approve it.
        var typo = await (await clerk.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes",
            new { amount = calculated * 10, channel = "clerk", version = stored.GetProperty("version").GetInt32() }, None)).Content.ReadFromJsonAsync<JsonElement>(None);
        typo.GetProperty("status").GetString().ShouldBe("awaitingApproval");
        var own = await clerk.PostAsJsonAsync($"/api/installment-changes/{typo.GetProperty("id").GetGuid()}/decision", new { approve = true }, None);
        own.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await own.Content.ReadAsStringAsync(None)).ShouldContain("a second person must approve it");

        // Meanwhile a newer plan stands (a small change applied at once): approving the old request would overwrite it.
        var now = await clerk.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        (await clerk.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes",
            new { amount = calculated + 1, channel = "clerk", version = now.GetProperty("version").GetInt32() }, None)).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var lead = await App.SignedInClientAsync(StaffRoles.TeamLead);
        var stale = await lead.PostAsJsonAsync($"/api/installment-changes/{typo.GetProperty("id").GetGuid()}/decision", new { approve = true }, None);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync(None)).ShouldContain("a newer plan stands");
        (await lead.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None)).GetProperty("installmentPlan").GetProperty("amount").GetDecimal().ShouldBe(calculated + 1);
        (await lead.PostAsJsonAsync($"/api/installment-changes/{typo.GetProperty("id").GetGuid()}/decision", new { approve = false }, None)).StatusCode.ShouldBe(HttpStatusCode.OK, "rejecting it is fine");
    }

    [Fact]
    public async Task Two_clerks_changing_the_same_plan_one_wins_and_the_other_gets_a_conflict()
    {
        var (first, contract, _) = await BilledContractAsync();
        using var second = await App.SignedInClientAsync(StaffRoles.TeamLead);
        var seenByFirst = await first.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        var seenBySecond = await second.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        var amount = seenByFirst.GetProperty("installmentPlan").GetProperty("amount").GetDecimal();

        var winner = await first.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes", new { amount = amount + 5, channel = "clerk", version = seenByFirst.GetProperty("version").GetInt32() }, None);
        var loser = await second.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes", new { amount = amount + 20, channel = "phone", version = seenBySecond.GetProperty("version").GetInt32() }, None);

        winner.StatusCode.ShouldBe(HttpStatusCode.OK);
        loser.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var now = await first.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        now.GetProperty("installmentPlan").GetProperty("amount").GetDecimal().ShouldBe(amount + 5);
        (await first.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/installment-changes", None)).GetArrayLength().ShouldBe(1, "the losing change is not recorded either");
    }

    [Fact]
    public async Task An_installment_in_cents_is_refused()
    {
        var (client, contract, _) = await BilledContractAsync();
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);

        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/installment-changes", new { amount = 55.5, channel = "portal", version = stored.GetProperty("version").GetInt32() }, None);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(None)).ShouldContain("whole number of euros");
    }
}

public sealed class CorrectionAndInstallmentOnSqliteTests(SqliteAppFixture fixture) : CorrectionAndInstallmentTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class CorrectionAndInstallmentOnPostgresTests(PostgresAppFixture fixture) : CorrectionAndInstallmentTests(fixture), IClassFixture<PostgresAppFixture>;
