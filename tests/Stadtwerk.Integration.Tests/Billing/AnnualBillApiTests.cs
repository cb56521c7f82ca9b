using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Issuing annual bills through the API, on SQLite and on PostgreSQL.</summary>
public abstract class AnnualBillApiTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    private static readonly object Year2021 = new { periodStart = "2021-01-01", periodEnd = "2021-12-31" };

    private static async Task<HttpResponseMessage> BillAsync(HttpClient client, string contract, object period, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/contracts/{contract}/bills") { Content = JsonContent.Create(period) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await client.SendAsync(request, None);
    }

    [Fact]
    public async Task A_clerk_bills_a_contract_and_the_stored_bill_replays_to_the_cent()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 10_000m), ("2021-12-31", 13_100m)]);
        }

        using var client = await App.SignedInClientAsync();
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(None));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(None);
        var bill = body.GetProperty("bill");
        bill.GetProperty("number").GetString()!.ShouldMatch(@"^\d{4}-\d{7}$");
        bill.GetProperty("quantity").GetInt64().ShouldBe(3100);
        bill.GetProperty("paid").GetDecimal().ShouldBe(720m);
        var replay = BillCalculator.Calculate(BillInputJson.Parse(body.GetProperty("input").GetRawText()).Value!);
        var replayed = JsonDocument.Parse(BillJson.Write(((CalculationResult.Calculated)replay).Bill)).RootElement;
        replayed.GetProperty("gross").GetDecimal().ShouldBe(body.GetProperty("output").GetProperty("gross").GetDecimal());
        replayed.GetProperty("balance").GetDecimal().ShouldBe(bill.GetProperty("balance").GetDecimal());

        var account = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/account", None);
        account.GetProperty("balance").GetDecimal().ShouldBe(bill.GetProperty("balance").GetDecimal());
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        stored.GetProperty("installmentPlan").GetProperty("amount").GetDecimal()
            .ShouldBe(body.GetProperty("output").GetProperty("nextInstallment").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task Repeating_a_request_with_the_same_idempotency_key_does_not_bill_twice()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 2500m)]);
        }

        using var client = await App.SignedInClientAsync();
        var key = Guid.NewGuid().ToString();
        var first = await BillAsync(client, contract, Year2021, key);
        var second = await BillAsync(client, contract, Year2021, key);
        var third = await BillAsync(client, contract, Year2021);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill").GetProperty("number").GetString()
            .ShouldBe((await first.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill").GetProperty("number").GetString());
        third.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}/bills", None)).GetArrayLength().ShouldBe(1);
        var otherPeriod = await BillAsync(client, contract, new { periodStart = "2022-01-01", periodEnd = "2022-12-31" }, key);
        otherPeriod.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a key reused for another request is refused, not answered with the first bill");
    }

    [Fact]
    public async Task Bill_numbers_follow_each_other_without_gaps()
    {
        var contracts = new List<string>();
        await using (var db = App.OpenDb())
        {
            for (var i = 0; i < 3; i++)
            {
                contracts.Add(await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 2000m + i)]));
            }
        }

        using var client = await App.SignedInClientAsync();
        var numbers = new List<long>();
        foreach (var contract in contracts)
        {
            var body = await (await BillAsync(client, contract, Year2021)).Content.ReadFromJsonAsync<JsonElement>(None);
            numbers.Add(long.Parse(body.GetProperty("bill").GetProperty("number").GetString()![5..], System.Globalization.CultureInfo.InvariantCulture));
        }

        numbers.Zip(numbers.Skip(1), (a, b) => b - a).ShouldAllBe(step => step == 1);
    }

    [Fact]
    public async Task A_missing_reading_at_the_period_end_is_estimated_and_stored_as_estimated()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 1000m), ("2021-06-30", 2810m)]);
        }

        using var client = await App.SignedInClientAsync();
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(None));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(None);
        body.GetProperty("bill").GetProperty("hasEstimates").GetBoolean().ShouldBeTrue();
        await using var check = App.OpenDb();
        var meterNumber = "Z" + contract[1..];
        var estimate = await check.Readings.Where(r => r.Kind == ReadingKind.Estimated && r.Date == new DateOnly(2021, 12, 31))
            .Join(check.Meters.Where(m => m.MeterNumber == meterNumber), r => r.MeterId, m => m.Id, (r, _) => r).SingleAsync(None);
        // No bill before: the average of 3,000 kWh a year spread linearly over 184 days after 2021-06-30 → 2,810 + 1,512 = 4,322
        estimate.Value.ShouldBe(4322m);
    }

    [Fact]
    public async Task Consumption_more_than_three_times_the_last_bill_is_held_for_a_clerk()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2019-12-31", 0m), ("2020-12-31", 1000m), ("2021-12-31", 5000m)]);
        }

        using var client = await App.SignedInClientAsync();
        (await BillAsync(client, contract, new { periodStart = "2020-01-01", periodEnd = "2020-12-31" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("reason").GetString().ShouldBe("consumptionTooHigh");
        var holds = await client.GetFromJsonAsync<JsonElement>("/api/billing/holds?pageSize=200", None);
        holds.GetProperty("items").EnumerateArray().ShouldContain(h => h.GetProperty("contractNumber").GetString() == contract && h.GetProperty("reason").GetString() == "consumptionTooHigh");
    }

    [Fact]
    public async Task Consumption_below_a_third_of_the_last_bill_is_held_for_a_clerk()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2019-12-31", 0m), ("2020-12-31", 3000m), ("2021-12-31", 3500m)]);
        }

        using var client = await App.SignedInClientAsync();
        (await BillAsync(client, contract, new { periodStart = "2020-01-01", periodEnd = "2020-12-31" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("reason").GetString().ShouldBe("consumptionTooLow");
    }

    [Fact]
    public async Task A_period_that_is_not_over_or_leaves_days_unbilled_is_refused()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2019-12-31", 0m), ("2020-12-31", 3000m), ("2021-12-31", 6000m)]);
        }

        using var client = await App.SignedInClientAsync();
        var future = await BillAsync(client, contract, new { periodStart = "2021-01-01", periodEnd = "2099-12-31" });
        (await BillAsync(client, contract, new { periodStart = "2020-01-01", periodEnd = "2020-06-30" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var gap = await BillAsync(client, contract, Year2021);

        future.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        gap.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await gap.Content.ReadAsStringAsync(None)).ShouldContain("the next period starts on 2020-07-01");
    }

    [Fact]
    public async Task A_falling_reading_without_a_roll_over_is_held_for_a_clerk()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 5000m), ("2021-12-31", 4000m)]);
        }

        using var client = await App.SignedInClientAsync();
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("reason").GetString().ShouldBe("readingDecreased");
    }

    [Fact]
    public async Task A_fall_that_would_mean_half_the_register_consumed_is_held_not_rolled_over()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 11_512m), ("2021-12-31", 10_600m)], digits: 6);
        }

        using var client = await App.SignedInClientAsync();
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("reason").GetString().ShouldBe("readingDecreased");
    }

    [Fact]
    public async Task A_falling_reading_of_a_register_with_digits_is_a_roll_over_and_billed()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 98_500m), ("2021-12-31", 1_000m)], digits: 5);
        }

        using var client = await App.SignedInClientAsync();
        var response = await BillAsync(client, contract, Year2021);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill").GetProperty("quantity").GetInt64().ShouldBe(2500);
    }
}

public sealed class AnnualBillApiOnSqliteTests(SqliteAppFixture fixture) : AnnualBillApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class AnnualBillApiOnPostgresTests(PostgresAppFixture fixture) : AnnualBillApiTests(fixture), IClassFixture<PostgresAppFixture>;
