using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shouldly;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>Uploading bank files, the clerk's list of unmatched payments and assigning one, through the API on both databases.</summary>
public abstract class PaymentsApiTests(AppFixture fixture)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private StadtwerkApp App => fixture.App;

    private static MultipartFormDataContent Upload(string xml, string fileName)
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(xml));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/xml");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private static StringContent Raw(string xml) => new(xml, Encoding.UTF8, "application/xml");

    [Fact]
    public async Task A_clerk_uploads_a_statement_and_assigns_the_payment_no_contract_was_found_for()
    {
        Core.Contracts.Contract known, other;
        await using (var db = App.OpenDb())
        {
            known = await PaymentScenario.ContractWithMandateAsync(db);
            other = await PaymentScenario.ContractWithMandateAsync(db);
        }

        var id = Guid.NewGuid().ToString("N")[..12];
        var statement = CamtXml.Statement(
            "API-" + id,
            TestEntry.Credit($"API-{id}-1", "2026-03-02", new TestTransaction(80.00m, "Erika Zahler", known.BankAccount!.Iban.Value, "Abschlag")),
            TestEntry.Credit($"API-{id}-2", "2026-03-02", new TestTransaction(23.45m, "E. Zahler", PaymentScenario.NewIban(), "fuer Marktplatz 3")));
        using var client = await App.SignedInClientAsync(StaffRoles.BillingClerk);

        var upload = await client.PostAsync("/api/payments/camt", Upload(statement, "kontoauszug.xml"), None);

        upload.StatusCode.ShouldBe(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync(None));
        var summary = await upload.Content.ReadFromJsonAsync<JsonElement>(None);
        summary.GetProperty("file").GetString().ShouldBe("kontoauszug.xml");
        summary.GetProperty("paymentsBooked").GetInt32().ShouldBe(1);
        summary.GetProperty("paymentsTotal").GetDecimal().ShouldBe(80.00m);
        summary.GetProperty("booked")[0].GetProperty("contractNumber").GetString().ShouldBe(known.ContractNumber);
        var unmatched = summary.GetProperty("unmatched").EnumerateArray().ShouldHaveSingleItem();
        unmatched.GetProperty("name").GetString().ShouldBe("E. Zahler");
        var transactionId = unmatched.GetProperty("id").GetGuid();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/payments/unmatched?pageSize=200", None);
        var listed = list.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == transactionId);
        (listed.GetProperty("amount").GetDecimal(), listed.GetProperty("kind").GetString(), listed.GetProperty("status").GetString()).ShouldBe((23.45m, "payment", "unmatched"));
        listed.GetProperty("remittanceInformation").GetString().ShouldBe("fuer Marktplatz 3");

        var assign = await client.PostAsJsonAsync($"/api/payments/{transactionId}/assign", new { contractNumber = other.ContractNumber }, None);

        assign.StatusCode.ShouldBe(HttpStatusCode.OK, await assign.Content.ReadAsStringAsync(None));
        var assigned = await assign.Content.ReadFromJsonAsync<JsonElement>(None);
        assigned.GetProperty("transaction").GetProperty("status").GetString().ShouldBe("matched");
        assigned.GetProperty("transaction").GetProperty("contractNumber").GetString().ShouldBe(other.ContractNumber);
        (assigned.GetProperty("ledgerKind").GetString(), assigned.GetProperty("ledgerAmount").GetDecimal()).ShouldBe(("installment", -23.45m));
        var account = await client.GetFromJsonAsync<JsonElement>($"/api/contracts/{other.ContractNumber}/account", None);
        account.GetProperty("balance").GetDecimal().ShouldBe(-23.45m);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/payments/unmatched?pageSize=200", None);
        after.GetProperty("items").EnumerateArray().ShouldNotContain(t => t.GetProperty("id").GetGuid() == transactionId);

        var again = await client.PostAsJsonAsync($"/api/payments/{transactionId}/assign", new { contractNumber = known.ContractNumber }, None);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await again.Content.ReadAsStringAsync(None)).ShouldContain($"booked on contract {other.ContractNumber} already");

        var repeated = await client.PostAsync("/api/payments/camt", Upload(statement, "kontoauszug.xml"), None);
        var repeatedSummary = await repeated.Content.ReadFromJsonAsync<JsonElement>(None);
        (repeatedSummary.GetProperty("paymentsBooked").GetInt32(), repeatedSummary.GetProperty("alreadyImported").GetInt32()).ShouldBe((0, 2));
    }

    [Fact]
    public async Task The_xml_may_be_the_request_body_and_a_malformed_one_is_a_bad_request()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var statement = CamtXml.Statement("RAW-" + id, TestEntry.Credit($"RAW-{id}", "2026-03-03", new TestTransaction(5.00m, "Unbekannt", null, "?")));
        using var client = await App.SignedInClientAsync(StaffRoles.BillingClerk);

        var raw = await client.PostAsync("/api/payments/camt?fileName=auszug-0303.xml", Raw(statement), None);
        var malformed = await client.PostAsync("/api/payments/camt", Raw(statement[..300]), None);
        var empty = await client.PostAsync("/api/payments/camt", Raw(string.Empty), None);
        var noFile = await client.PostAsync("/api/payments/camt", new MultipartFormDataContent { { new StringContent("x"), "note" } }, None);

        raw.StatusCode.ShouldBe(HttpStatusCode.OK, await raw.Content.ReadAsStringAsync(None));
        var summary = await raw.Content.ReadFromJsonAsync<JsonElement>(None);
        (summary.GetProperty("file").GetString(), summary.GetProperty("unmatched").GetArrayLength()).ShouldBe(("auszug-0303.xml", 1));
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await malformed.Content.ReadFromJsonAsync<JsonElement>(None);
        problem.GetProperty("errors").GetProperty("file")[0].GetString()!.ShouldStartWith("upload.xml: not well-formed XML: ");
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        noFile.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noFile.Content.ReadAsStringAsync(None)).ShouldContain("send the bank file as the form field 'file'");
    }

    [Fact]
    public async Task Assigning_checks_the_transaction_the_contract_and_the_currency()
    {
        using var client = await App.SignedInClientAsync(StaffRoles.BillingClerk);
        var sample = await File.ReadAllTextAsync(Path.Combine(CamtXml.SampleFolder("camt054"), "ch-dd-returns-camt054.001.04.xml"), None);
        var upload = await client.PostAsync("/api/payments/camt", Upload(sample, "ch-dd-returns.xml"), None);
        upload.StatusCode.ShouldBe(HttpStatusCode.OK, await upload.Content.ReadAsStringAsync(None));
        var summary = await upload.Content.ReadFromJsonAsync<JsonElement>(None);
        summary.GetProperty("unmatched").GetArrayLength().ShouldBe(5);
        var swiss = summary.GetProperty("unmatched")[0].GetProperty("id").GetGuid();
        string contractNumber;
        await using (var db = App.OpenDb())
        {
            contractNumber = (await PaymentScenario.ContractWithMandateAsync(db)).ContractNumber;
        }

        var chf = await client.PostAsJsonAsync($"/api/payments/{swiss}/assign", new { contractNumber }, None);
        var unknownContract = await client.PostAsJsonAsync($"/api/payments/{swiss}/assign", new { contractNumber = "C-GIBTESNICHT" }, None);
        var noContract = await client.PostAsJsonAsync($"/api/payments/{swiss}/assign", new { }, None);
        var unknownTransaction = await client.PostAsJsonAsync($"/api/payments/{Guid.NewGuid()}/assign", new { contractNumber }, None);

        chf.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await chf.Content.ReadAsStringAsync(None)).ShouldContain("the transaction is in CHF; contract accounts are kept in EUR");
        unknownContract.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknownContract.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("errors").GetProperty("contractNumber")[0].GetString().ShouldBe("contract C-GIBTESNICHT does not exist");
        noContract.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        unknownTransaction.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_billing_staff_import_bank_files()
    {
        using var agent = await App.SignedInClientAsync(StaffRoles.Agent);
        using var anonymous = App.CreateClient();

        (await agent.PostAsync("/api/payments/camt", Raw("<Document/>"), None)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/api/payments/unmatched", None)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await anonymous.GetAsync("/api/payments/unmatched", None)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class PaymentsApiOnSqliteTests(SqliteAppFixture fixture) : PaymentsApiTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class PaymentsApiOnPostgresTests(PostgresAppFixture fixture) : PaymentsApiTests(fixture), IClassFixture<PostgresAppFixture>;
