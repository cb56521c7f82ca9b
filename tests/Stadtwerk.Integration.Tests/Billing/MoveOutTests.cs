using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Move-out with final bill and the next customer's move-in, on SQLite and PostgreSQL.</summary>
public abstract class MoveOutTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    [Fact]
    public async Task A_move_out_ends_the_contract_issues_the_final_bill_stops_installments_and_moves_the_next_customer_in()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 1000m)], installment: 50m);
        }

        using var client = await App.SignedInClientAsync();
        var newCustomer = "K" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        (await client.PostAsJsonAsync("/api/customers", new
        {
            customerNumber = newCustomer, kind = "person", firstName = "Ben", lastName = "Neumann",
            address = new { street = "Hauptstraße", houseNumber = "1", postalCode = "12345", city = "Musterstadt" },
        }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var newContract = "N" + newCustomer[1..];

        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/move-out", new
        {
            date = "2021-06-30", finalReading = 2500, source = "agent", newCustomerNumber = newCustomer, newContractNumber = newContract,
        }, None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(None));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(None);
        var finalBill = body.GetProperty("finalBill");
        finalBill.GetProperty("kind").GetString().ShouldBe("finalBill");
        finalBill.GetProperty("periodStart").GetString().ShouldBe("2021-01-01");
        finalBill.GetProperty("periodEnd").GetString().ShouldBe("2021-06-30");
        finalBill.GetProperty("quantity").GetInt64().ShouldBe(1500);
        finalBill.GetProperty("paid").GetDecimal().ShouldBe(300m, "the six installments of January to June");
        body.GetProperty("newContractNumber").GetString().ShouldBe(newContract);

        var ended = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        ended.GetProperty("endDate").GetString().ShouldBe("2021-06-30");
        ended.GetProperty("installmentPlan").GetProperty("dues").EnumerateArray().Select(d => d.GetString()).ShouldAllBe(d => string.CompareOrdinal(d, "2021-06-30") <= 0);
        var bill = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{finalBill.GetProperty("number").GetString()}", None);
        bill.GetProperty("output").TryGetProperty("nextInstallment", out _).ShouldBeFalse("a final bill proposes no new installments");
        var moved = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{newContract}", None);
        moved.GetProperty("startDate").GetString().ShouldBe("2021-07-01");
        moved.GetProperty("customerNumber").GetString().ShouldBe(newCustomer);

        // The newcomer's first bill starts from the same reading.
        var meter = "Z" + contract[1..];
        (await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = "2021-12-31", value = 3100 }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var first = await client.PostAsJsonAsync($"/api/contracts/{newContract}/bills", new { periodStart = "2021-07-01", periodEnd = "2021-12-31" }, None);
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(None));
        (await first.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("bill").GetProperty("quantity").GetInt64().ShouldBe(600);
    }

    [Fact]
    public async Task A_final_reading_below_the_last_reading_is_refused_writing_nothing_and_the_right_one_moves_out()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 1000m)]);
        }

        using var client = await App.SignedInClientAsync();
        var newCustomer = "K" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await client.PostAsJsonAsync("/api/customers", new
        {
            customerNumber = newCustomer, kind = "person", lastName = "Neumann",
            address = new { street = "Hauptstraße", houseNumber = "1", postalCode = "12345", city = "Musterstadt" },
        }, None);
        var request = new { date = "2021-06-30", finalReading = 900, newCustomerNumber = newCustomer, newContractNumber = "N" + newCustomer[1..] };

        // A meter does not run backwards: refused like any implausible reading, and nothing is half-written.
        var first = await client.PostAsJsonAsync($"/api/contracts/{contract}/move-out", request, None);
        first.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await first.Content.ReadAsStringAsync(None);
        problem.ShouldContain("finalReading");
        problem.ShouldContain("below the last reading");
        var meter = "Z" + contract[1..];
        (await client.GetAsync($"/api/meters/{meter}/readings/2021-06-30", None)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the reading is not stored");
        (await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None)).GetProperty("endDate").ValueKind.ShouldBe(JsonValueKind.Null, "the contract goes on");
        (await client.GetFromJsonAsync<JsonElement>($"/api/contracts?customerNumber={newCustomer}", None)).GetProperty("total").GetInt32().ShouldBe(0, "no move-in");

        var second = await client.PostAsJsonAsync($"/api/contracts/{contract}/move-out", request with { finalReading = 2500 }, None);
        second.StatusCode.ShouldBe(HttpStatusCode.OK, await second.Content.ReadAsStringAsync(None));
        (await second.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("finalBill").GetProperty("quantity").GetInt64().ShouldBe(1500);
        var contracts = await client.GetFromJsonAsync<JsonElement>($"/api/contracts?customerNumber={newCustomer}", None);
        contracts.GetProperty("total").GetInt32().ShouldBe(1, "the move-in is made once");
    }

    [Fact]
    public async Task A_move_out_before_the_contract_started_is_refused_naming_the_field()
    {
        string contract;
        await using (var db = App.OpenDb())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 1000m)]);
        }

        using var client = await App.SignedInClientAsync();
        var response = await client.PostAsJsonAsync($"/api/contracts/{contract}/move-out", new { date = "2017-06-30", finalReading = 900 }, None);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(None)).ShouldContain("\"date\"");
    }
}

public sealed class MoveOutOnSqliteTests(SqliteAppFixture fixture) : MoveOutTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class MoveOutOnPostgresTests(PostgresAppFixture fixture) : MoveOutTests(fixture), IClassFixture<PostgresAppFixture>;
