using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Payment arrangements for a bill's balance, on SQLite and PostgreSQL.</summary>
public abstract class SettlementTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    private async Task<(HttpClient Client, string Contract, JsonElement Bill)> BilledAsync(decimal consumption, decimal installment)
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", consumption)], installment);
        }

        var client = await App.SignedInClientAsync();
        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/bills", new { periodStart = "2021-01-01", periodEnd = "2021-12-31" }, None);
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (client, contract, (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill"));
    }

    [Fact]
    public async Task A_high_claim_is_split_into_monthly_parts_that_add_up_to_the_cent()
    {
        var (client, _, bill) = await BilledAsync(consumption: 9000m, installment: 20m);
        var balance = bill.GetProperty("balance").GetDecimal();
        balance.ShouldBeGreaterThan(1000m);

        var response = await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "instalments", parts = 7, firstDue = "2099-01-31" }, None);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(None));
        var schedule = (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("schedule").EnumerateArray().ToList();
        schedule.Count.ShouldBe(7);
        schedule.Sum(p => p.GetProperty("amount").GetDecimal()).ShouldBe(balance);
        schedule.Select(p => p.GetProperty("due").GetString()).ShouldBe(["2099-01-31", "2099-02-28", "2099-03-31", "2099-04-30", "2099-05-31", "2099-06-30", "2099-07-31"]);
        (await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "deferral", firstDue = "2099-06-30" }, None))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_credit_set_off_reduces_the_next_collections_until_it_is_used()
    {
        var (client, contract, bill) = await BilledAsync(consumption: 1000m, installment: 100m);
        var credit = -bill.GetProperty("balance").GetDecimal();
        var before = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/collections", None);
        var installment = before[0].GetProperty("installment").GetDecimal();

        (await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "setOff" }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = (await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/collections", None)).EnumerateArray().ToList();

        after.Sum(c => c.GetProperty("setOff").GetDecimal()).ShouldBe(Math.Min(credit, after.Sum(c => c.GetProperty("installment").GetDecimal())));
        after[0].GetProperty("amount").GetDecimal().ShouldBe(Math.Max(0m, installment - credit));
    }

    [Fact]
    public async Task Agreed_parts_are_collected_with_the_installments()
    {
        var (client, contract, bill) = await BilledAsync(consumption: 9000m, installment: 20m);
        (await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "instalments", parts = 3, firstDue = "2099-01-31" }, None))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var collections = (await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/collections", None)).EnumerateArray().ToList();

        collections.Where(c => c.GetProperty("due").GetString()!.StartsWith("2099", StringComparison.Ordinal)).Sum(c => c.GetProperty("settlementParts").GetDecimal())
            .ShouldBe(bill.GetProperty("balance").GetDecimal());
    }

    [Fact]
    public async Task A_credit_is_refunded_within_two_weeks_and_booked()
    {
        var (client, contract, bill) = await BilledAsync(consumption: 1000m, installment: 100m);
        var balance = bill.GetProperty("balance").GetDecimal();
        balance.ShouldBeLessThan(0m);

        var claimChoice = await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "instalments", parts = 3, firstDue = "2099-01-31" }, None);
        var refund = await client.PostAsJsonAsync($"/api/bills/{bill.GetProperty("number").GetString()}/settlement", new { kind = "refund" }, None);

        claimChoice.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        refund.StatusCode.ShouldBe(HttpStatusCode.Created);

        // The payout waits for the customer's account (the contract pays by transfer); it is booked when the bank pays it.
        var payouts = (await client.GetFromJsonAsync<JsonElement>("/api/payouts?status=waitingForIban", None)).EnumerateArray()
            .Where(p => p.GetProperty("contractNumber").GetString() == contract).ToList();
        payouts.Count.ShouldBe(1);
        payouts[0].GetProperty("amount").GetDecimal().ShouldBe(-balance);
        var account = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/account", None);
        account.GetProperty("balance").GetDecimal().ShouldBe(balance, "nothing is paid out yet");
    }
}

public sealed class SettlementOnSqliteTests(SqliteAppFixture fixture) : SettlementTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SettlementOnPostgresTests(PostgresAppFixture fixture) : SettlementTests(fixture), IClassFixture<PostgresAppFixture>;
