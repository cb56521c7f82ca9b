using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Integration.Tests.Api;

/// <summary>The master-data API as a client uses it, on SQLite and on PostgreSQL (the two subclasses below).</summary>
public abstract class MasterDataApiTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    /// <summary>Numbers unique per test so that tests sharing the database do not collide.</summary>
    private static string Unique(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    [Fact]
    public async Task The_health_endpoint_checks_the_database()
    {
        using var client = App.CreateClient();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative), None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(None)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task Staff_APIs_need_a_signed_in_staff_member()
    {
        using var client = App.CreateClient();

        (await client.GetAsync(new Uri("/api/customers", UriKind.Relative), None)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.PostAsJsonAsync("/api/auth/login", new { userName = "nobody", password = "wrong-password" }, None)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Only_clerks_and_administrators_change_tariffs()
    {
        using var agent = await App.SignedInClientAsync(StaffRoles.Agent);

        (await agent.GetAsync(new Uri("/api/tariffs", UriKind.Relative), None)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.PostAsJsonAsync("/api/tariffs", Tariff(Unique("T"), "electricity"), None)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_clerk_creates_the_master_data_of_a_contract_and_finds_it_again()
    {
        using var client = await App.SignedInClientAsync();
        var (customer, premise, tariff, contract, meter) = (Unique("K"), Unique("V"), Unique("T"), Unique("C"), Unique("Z"));

        (await client.PostAsJsonAsync("/api/tariffs", Tariff(tariff, "electricity"), None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/premises", Premise(premise), None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await client.PostAsJsonAsync("/api/customers", Customer(customer), None);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe($"/api/customers/{customer}");
        (await client.PostAsJsonAsync("/api/contracts", Contract(contract, customer, premise, tariff, "DE89 3704 0044 0532 0130 00"), None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/meters", new { meterNumber = meter, premiseNumber = premise, digits = 6, installedOn = "2019-05-01" }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = "2020-12-31", value = 4012.5, kind = "customerReported", source = "portal" }, None)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var found = await client.GetFromJsonAsync<JsonElement>($"/api/customers?q={customer.ToLowerInvariant()}", None);
        found.GetProperty("total").GetInt32().ShouldBe(1);
        found.GetProperty("items")[0].GetProperty("displayName").GetString().ShouldBe("Müller, Anna");
        var byPhone = await client.GetFromJsonAsync<JsonElement>("/api/customers?phone=0351%20123%204567&pageSize=200", None);
        byPhone.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("customerNumber").GetString()).ShouldContain(customer);
        var byIban = await client.GetFromJsonAsync<JsonElement>("/api/contracts?iban=DE89370400440532013000&pageSize=200", None);
        byIban.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("contractNumber").GetString()).ShouldContain(contract);
        var stored = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{contract}", None);
        stored.GetProperty("bankAccount").GetProperty("iban").GetString().ShouldBe("DE89370400440532013000");
        stored.GetProperty("installmentPlan").GetProperty("dues").GetArrayLength().ShouldBe(11);
        var reading = await client.GetFromJsonAsync<JsonElement>($"/api/meters/{meter}/readings/2020-12-31", None);
        reading.GetProperty("value").GetDecimal().ShouldBe(4012.5m);
        reading.GetProperty("kind").GetString().ShouldBe("customerReported");
    }

    [Fact]
    public async Task Lists_come_in_pages()
    {
        using var client = await App.SignedInClientAsync();
        var prefix = Unique("P");
        for (var i = 0; i < 3; i++)
        {
            (await client.PostAsJsonAsync("/api/customers", Customer($"{prefix}{i}"), None)).EnsureSuccessStatusCode();
        }

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/customers?q={prefix}&page=2&pageSize=2", None);

        page.GetProperty("total").GetInt32().ShouldBe(3);
        page.GetProperty("page").GetInt32().ShouldBe(2);
        page.GetProperty("items").GetArrayLength().ShouldBe(1);
        page.GetProperty("items")[0].GetProperty("customerNumber").GetString().ShouldBe($"{prefix}2");
    }

    [Fact]
    public async Task An_invalid_IBAN_is_rejected_naming_the_field()
    {
        using var client = await App.SignedInClientAsync();
        var (customer, premise, tariff) = (Unique("K"), Unique("V"), Unique("T"));
        await client.PostAsJsonAsync("/api/tariffs", Tariff(tariff, "electricity"), None);
        await client.PostAsJsonAsync("/api/premises", Premise(premise), None);
        await client.PostAsJsonAsync("/api/customers", Customer(customer), None);

        var response = await client.PostAsJsonAsync("/api/contracts", Contract(Unique("C"), customer, premise, tariff, "DE89 3704 0044 0532 0130 01"), None);

        var errors = await Errors(response, HttpStatusCode.BadRequest);
        errors.ShouldContainKey("bankAccount.iban");
        errors["bankAccount.iban"][0].ShouldContain("check digits");
    }

    [Fact]
    public async Task An_unknown_commodity_is_rejected_naming_the_field()
    {
        using var client = await App.SignedInClientAsync();
        var premise = Premise(Unique("V")) with { Commodity = "steam" };

        var errors = await Errors(await client.PostAsJsonAsync("/api/premises", premise, None), HttpStatusCode.BadRequest);

        errors["commodity"][0].ShouldBe("'steam' is unknown; expected electricity, gas, water, heat");
    }

    [Fact]
    public async Task A_reading_before_the_meter_was_installed_is_rejected()
    {
        using var client = await App.SignedInClientAsync();
        var (premise, meter) = (Unique("V"), Unique("Z"));
        await client.PostAsJsonAsync("/api/premises", Premise(premise), None);
        await client.PostAsJsonAsync("/api/meters", new { meterNumber = meter, premiseNumber = premise, installedOn = "2020-03-01" }, None);

        var errors = await Errors(await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = "2020-02-28", value = 10 }, None), HttpStatusCode.BadRequest);

        errors["date"][0].ShouldBe($"meter {meter} was installed on 2020-03-01, after 2020-02-28");
    }

    [Fact]
    public async Task A_negative_reading_is_rejected()
    {
        using var client = await App.SignedInClientAsync();
        var (premise, meter) = (Unique("V"), Unique("Z"));
        await client.PostAsJsonAsync("/api/premises", Premise(premise), None);
        await client.PostAsJsonAsync("/api/meters", new { meterNumber = meter, premiseNumber = premise, installedOn = "2020-03-01" }, None);

        var errors = await Errors(await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = "2020-06-30", value = -5 }, None), HttpStatusCode.BadRequest);

        errors["value"][0].ShouldBe("must not be negative");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_rejected_naming_the_field()
    {
        using var client = await App.SignedInClientAsync();
        var (premise, meter) = (Unique("V"), Unique("Z"));
        await client.PostAsJsonAsync("/api/premises", Premise(premise), None);
        await client.PostAsJsonAsync("/api/meters", new { meterNumber = meter, premiseNumber = premise, installedOn = "2020-03-01" }, None);

        var errors = await Errors(await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = "2020-06-30", value = "viel" }, None), HttpStatusCode.BadRequest);

        errors.ShouldContainKey("value");
    }

    [Fact]
    public async Task A_duplicate_customer_number_is_rejected_naming_the_field()
    {
        using var client = await App.SignedInClientAsync();
        var number = Unique("K");
        (await client.PostAsJsonAsync("/api/customers", Customer(number), None)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var errors = await Errors(await client.PostAsJsonAsync("/api/customers", Customer(number), None), HttpStatusCode.Conflict);

        errors["customerNumber"][0].ShouldBe($"customer number {number} is already taken");
    }

    [Fact]
    public async Task An_update_based_on_a_stale_version_is_refused()
    {
        using var client = await App.SignedInClientAsync();
        var number = Unique("K");
        var created = await (await client.PostAsJsonAsync("/api/customers", Customer(number), None)).Content.ReadFromJsonAsync<JsonElement>(None);
        var version = created.GetProperty("version").GetInt32();

        var first = await client.PutAsJsonAsync($"/api/customers/{number}", Customer(number) with { LastName = "Schmidt", Version = version }, None);
        var second = await client.PutAsJsonAsync($"/api/customers/{number}", Customer(number) with { LastName = "Schulze", Version = version }, None);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("version").GetInt32().ShouldBe(version + 1);
        (await Errors(second, HttpStatusCode.Conflict)).ShouldContainKey("version");
        (await client.GetFromJsonAsync<JsonElement>($"/api/customers/{number}", None)).GetProperty("lastName").GetString().ShouldBe("Schmidt");
    }

    [Fact]
    public async Task Calculate_is_public_and_gives_the_spec_output()
    {
        using var client = App.CreateClient();
        var input = await File.ReadAllTextAsync(Path.Combine(Stadtwerk.Core.Tests.SharedFiles.SpecExamples, "gas-2020-weighted-vat-change.input.json"), None);
        var expected = await File.ReadAllTextAsync(Path.Combine(Stadtwerk.Core.Tests.SharedFiles.SpecExamples, "gas-2020-weighted-vat-change.expected.json"), None);

        using var content = new StringContent(input, System.Text.Encoding.UTF8, "application/json");
        var response = await client.PostAsync(new Uri("/api/billing/calculate", UriKind.Relative), content, None);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(None)).ShouldBe(expected);
    }

    [Fact]
    public async Task Calculate_answers_bad_input_with_problem_details()
    {
        using var client = App.CreateClient();
        using var content = new StringContent("""{ "commodity": "steam" }""", System.Text.Encoding.UTF8, "application/json");

        var response = await client.PostAsync(new Uri("/api/billing/calculate", UriKind.Relative), content, None);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("detail").GetString()
            .ShouldBe("unknown commodity 'steam' (expected electricity, gas, water or heat)");
    }

    [Fact]
    public async Task The_start_page_the_API_page_and_the_OpenAPI_document_load()
    {
        using var client = App.CreateClient();

        (await client.GetStringAsync(new Uri("/", UriKind.Relative), None)).ShouldContain("Stadtwerk läuft");
        (await client.GetAsync(new Uri("/api-docs/v1", UriKind.Relative), None)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", None);
        openApi.GetProperty("paths").TryGetProperty("/api/customers", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Staff_pages_send_strangers_to_the_sign_in_page()
    {
        using var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(new Uri("/intern", UriKind.Relative), None);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/anmeldung");
    }

    private static async Task<Dictionary<string, string[]>> Errors(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(None);
        response.StatusCode.ShouldBe(expected, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonSerializer.Deserialize<ProblemBody>(body, JsonSerializerOptions.Web)!.Errors;
    }

    private static object Tariff(string code, string commodity) => new
    {
        code,
        name = "Test Strom",
        commodity,
        prices = new[] { new { validFrom = "2019-01-01", energyPrice = 0.28m, basePricePerYear = 96m }, new { validFrom = "2020-04-01", energyPrice = 0.30m, basePricePerYear = 102m } },
    };

    private static PremiseBody Premise(string number) => new(
        number, new { street = "Hauptstraße", houseNumber = "12a", postalCode = "01067", city = "Musterstadt" }, "electricity", NextMalo(), null, null);

    private static CustomerBody Customer(string number) => new(
        number, "person", "Anna", "Müller", null, new { street = "Hauptstraße", houseNumber = "12a", postalCode = "01067", city = "Musterstadt" },
        "anna.mueller@example.de", "0351 123 4567", null, "email", null);

    private static object Contract(string number, string customer, string premise, string tariff, string iban) => new
    {
        contractNumber = number,
        customerNumber = customer,
        premiseNumber = premise,
        tariffCode = tariff,
        startDate = "2020-01-01",
        contractAccountNumber = "VK" + number,
        bankAccount = new { iban, holder = "Anna Müller", mandateReference = "M-" + number, mandateSignedOn = "2019-12-01" },
        installmentPlan = new { amount = 68, firstDue = "2020-02-28", count = 11 },
    };

    private static int maloCounter = Random.Shared.Next(100_000_000, 900_000_000);

    private static string NextMalo() => Stadtwerk.Core.Premises.MarketLocationId.WithCheckDigit("5" + Interlocked.Increment(ref maloCounter).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)).Value;

    private sealed record ProblemBody(Dictionary<string, string[]> Errors);

    private sealed record PremiseBody(string PremiseNumber, object Address, string Commodity, string MarketLocationId, string? MeteringLocationId, string? NetworkArea);

    private sealed record CustomerBody(string CustomerNumber, string Kind, string FirstName, string LastName, string? CompanyName, object Address, string Email, string Phone, string? MobilePhone, string PreferredChannel, int? Version);
}

public sealed class MasterDataApiOnSqliteTests(SqliteAppFixture fixture) : MasterDataApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class MasterDataApiOnPostgresTests(PostgresAppFixture fixture) : MasterDataApiTests(fixture), IClassFixture<PostgresAppFixture>;
