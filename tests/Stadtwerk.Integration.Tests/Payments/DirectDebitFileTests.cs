using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests.Billing;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>
/// After the January run: the SEPA direct-debit files (pain.008.001.08) of the balance date and of the first
/// installment, checked against the ISO schema in ../shared/schemas, with sums and sequence types that add up.
/// </summary>
public abstract class DirectDebitFileTests(DatabaseProvider provider)
{
    private static readonly XNamespace Ns = Pain008.Namespace;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_files_of_the_balance_and_the_first_installment_pass_the_ISO_schema_and_add_up()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();

        // The water customers signed new mandates lately (the demo's others were used by the old system: collected as RCUR).
        await using (var setup = app.OpenDb())
        {
            await setup.Database.ExecuteSqlRawAsync("UPDATE contracts SET bank_mandate_last_used_on = NULL, bank_mandate_signed_on = '2026-11-02' WHERE commodity = 'Water'", Ct);
        }

        var started = await client.PostAsJsonAsync("/api/billing-runs", new { commodity = "water", periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31" }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await BillingRunTests.WaitAsync(client, 1)).GetProperty("status").GetString().ShouldBe("completed");

        var today = UtilityCalendar.Today(DateTimeOffset.UtcNow);
        var balanceDate = today.AddDays(IssuedBill.PaymentTermDays);
        var installmentDate = ContractBilling.FirstInstallmentDue(today);
        await using var db = app.OpenDb();

        // The run wrote the balances' entries; the installments' come from the collection run of their due date.
        (await db.DirectDebits.CountAsync(d => d.DueOn == installmentDate, Ct)).ShouldBe(0);
        var collection = await client.PostAsJsonAsync("/api/collection-runs", new { dueOn = Iso(installmentDate) }, Ct);
        collection.StatusCode.ShouldBe(HttpStatusCode.OK, await collection.Content.ReadAsStringAsync(Ct));
        var balances = await db.DirectDebits.AsNoTracking().Where(d => d.DueOn == balanceDate).ToListAsync(Ct);
        var installments = await db.DirectDebits.AsNoTracking().Where(d => d.DueOn == installmentDate).ToListAsync(Ct);
        balances.ShouldNotBeEmpty();
        installments.ShouldNotBeEmpty();

        // The balances first: every mandate is collected for the first time (FRST).
        var first = await CreateAsync(client, balanceDate);
        first.GetProperty("transactions").GetInt32().ShouldBe(balances.Count);
        first.GetProperty("first").GetInt32().ShouldBe(balances.Count);
        first.GetProperty("controlSum").GetDecimal().ShouldBe(balances.Sum(d => d.Amount));
        var xml = await client.GetStringAsync($"/api/direct-debit-files/{first.GetProperty("messageId").GetString()}", Ct);
        CheckAgainstSharedSchema(xml, balances);

        // Then the installments: RCUR for a mandate collected before, FRST for the others.
        var second = await CreateAsync(client, installmentDate);
        var collectedBefore = balances.Select(b => b.MandateReference).ToHashSet(StringComparer.Ordinal);
        second.GetProperty("recurring").GetInt32().ShouldBe(installments.Count(i => collectedBefore.Contains(i.MandateReference)));
        second.GetProperty("first").GetInt32().ShouldBe(installments.Count(i => !collectedBefore.Contains(i.MandateReference)));
        var installmentXml = await client.GetStringAsync($"/api/direct-debit-files/{second.GetProperty("messageId").GetString()}", Ct);
        var document = CheckAgainstSharedSchema(installmentXml, installments);
        document.Descendants(Ns + "SeqTp").Select(e => e.Value).Order().ShouldBe(["FRST", "RCUR"]);
        document.Descendants(Ns + "ReqdColltnDt").Select(e => e.Value).Distinct().ShouldBe([installmentDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        document.Descendants(Ns + "CdtrSchmeId").Select(e => e.Descendants(Ns + "Id").Last().Value).Distinct().ShouldBe(["DE98ZZZ09999999999"]);

        (await db.DirectDebits.CountAsync(d => d.Status == DirectDebitStatus.Open && (d.DueOn == balanceDate || d.DueOn == installmentDate), Ct)).ShouldBe(0);
        var again = await client.PostAsJsonAsync("/api/direct-debit-files", new { collectionDate = Iso(installmentDate) }, Ct);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict, "nothing goes to the bank twice");
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("no open direct debit is due");
        var past = await client.PostAsJsonAsync("/api/direct-debit-files", new { collectionDate = Iso(today) }, Ct);
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // The bank rejects one transaction of the balance file and the whole FRST payment information of the installments.
        var firstMessage = first.GetProperty("messageId").GetString()!;
        var secondMessage = second.GetProperty("messageId").GetString()!;
        var oneDebit = balances[0];
        var firstPaymentInformation = document.Descendants(Ns + "PmtInf").Single(p => p.Element(Ns + "PmtTpInf")!.Element(Ns + "SeqTp")!.Value == "FRST").Element(Ns + "PmtInfId")!.Value;
        var transactionReport = Report(firstMessage, $"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{firstMessage}.0</OrgnlPmtInfId><PmtInfSts>PART</PmtInfSts><TxInfAndSts><OrgnlEndToEndId>{oneDebit.Id:N}</OrgnlEndToEndId><TxSts>RJCT</TxSts><StsRsnInf><Rsn><Cd>AC04</Cd></Rsn><AddtlInf>Konto aufgelöst</AddtlInf></StsRsnInf></TxInfAndSts></OrgnlPmtInfAndSts>");
        var read = await client.PostAsync("/api/direct-debit-files/status-reports", new StringContent(transactionReport, System.Text.Encoding.UTF8, "application/xml"), Ct);
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync(Ct));
        (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected").GetInt32().ShouldBe(1);
        var paymentReport = Report(secondMessage, $"<OrgnlPmtInfAndSts><OrgnlPmtInfId>{firstPaymentInformation}</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts><StsRsnInf><Rsn><Cd>MS03</Cd></Rsn></StsRsnInf></OrgnlPmtInfAndSts>");
        var wholeRead = await client.PostAsync("/api/direct-debit-files/status-reports", new StringContent(paymentReport, System.Text.Encoding.UTF8, "application/xml"), Ct);
        (await wholeRead.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rejected").GetInt32().ShouldBe(second.GetProperty("first").GetInt32());
        var readTwice = await client.PostAsync("/api/direct-debit-files/status-reports", new StringContent(transactionReport, System.Text.Encoding.UTF8, "application/xml"), Ct);
        var twice = await readTwice.Content.ReadFromJsonAsync<JsonElement>(Ct);
        twice.GetProperty("rejected").GetInt32().ShouldBe(0, "a report read twice changes nothing");
        twice.GetProperty("alreadyKnown").GetInt32().ShouldBe(1);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/direct-debits?status=rejected", Ct);
        list.GetArrayLength().ShouldBe(1 + second.GetProperty("first").GetInt32());
        list.EnumerateArray().ShouldContain(d => d.GetProperty("rejectionReason").GetString() == "AC04 Konto aufgelöst");
        (await client.PostAsync("/api/direct-debit-files/status-reports", new StringContent("<no/>", System.Text.Encoding.UTF8, "application/xml"), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Every rejected debit opened one case for the staff, even though a report was read twice.
        twice.GetProperty("casesOpened").GetArrayLength().ShouldBe(0);
        var cases = await client.GetFromJsonAsync<JsonElement>("/api/cases?kind=rejectedDebit", Ct);
        cases.GetProperty("total").GetInt32().ShouldBe(1 + second.GetProperty("first").GetInt32());
        var contractOfOne = await db.Contracts.AsNoTracking().Where(c => c.Id == oneDebit.ContractId).Select(c => c.ContractNumber).SingleAsync(Ct);
        var caseOfOne = cases.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("contractNumber").GetString() == contractOfOne && c.GetProperty("details").GetString()!.Contains(oneDebit.Reference, StringComparison.Ordinal));
        caseOfOne.GetProperty("status").GetString().ShouldBe("open");
        caseOfOne.GetProperty("details").GetString()!.ShouldContain("AC04: Konto erloschen (Konto aufgelöst)");
        caseOfOne.GetProperty("subject").GetString().ShouldStartWith("Lastschrift abgelehnt: ");
        var number = caseOfOne.GetProperty("number").GetString()!;
        number.ShouldMatch(@"^V-\d{6}$");

        // A clerk closes it with what was done; a second close, or one without a resolution, is refused.
        (await client.PostAsJsonAsync($"/api/cases/{number}/close", new { resolution = " " }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var closed = await client.PostAsJsonAsync($"/api/cases/{number}/close", new { resolution = "Kundin angerufen, neue IBAN erfasst", version = caseOfOne.GetProperty("version").GetInt32() }, Ct);
        closed.StatusCode.ShouldBe(HttpStatusCode.OK, await closed.Content.ReadAsStringAsync(Ct));
        var closedCase = await closed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        closedCase.GetProperty("status").GetString().ShouldBe("closed");
        closedCase.GetProperty("closedBy").GetString().ShouldStartWith("test-");
        (await client.PostAsJsonAsync($"/api/cases/{number}/close", new { resolution = "noch einmal" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await client.GetFromJsonAsync<JsonElement>("/api/cases?status=open&kind=rejectedDebit", Ct)).GetProperty("total").GetInt32().ShouldBe(second.GetProperty("first").GetInt32());
        (await client.GetAsync("/api/cases/V-999999", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/cases?status=pending", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void The_shared_bank_status_reports_read_as_rejections()
    {
        var folder = Path.Combine(SharedFiles.Root, "bank", "pain002");
        var payment = Pain002Reader.Read(File.ReadAllText(Path.Combine(folder, "ch-postfinance-rjct-pain002.001.10.xml")));
        payment.ShouldHaveSingleItem().ShouldBe(new StatusRejection("MSG-02-QRR-SCOR", "PMTINF-02", null, "AC01 0999;CH7280005000088877766 Lastkonto unbekannt"));
        var transaction = Pain002Reader.Read(File.ReadAllText(Path.Combine(folder, "ch-postfinance-rjct-pain002.001.03.ch.02.xml")));
        transaction.ShouldNotBeEmpty();
        transaction.ShouldAllBe(r => r.Reason.StartsWith("AC01", StringComparison.Ordinal));
    }

    private static string Report(string originalMessage, string payments) =>
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\"><CstmrPmtStsRpt>"
        + "<GrpHdr><MsgId>BANK-1</MsgId><CreDtTm>2026-12-01T06:00:00Z</CreDtTm></GrpHdr>"
        + $"<OrgnlGrpInfAndSts><OrgnlMsgId>{originalMessage}</OrgnlMsgId><OrgnlMsgNmId>pain.008.001.08</OrgnlMsgNmId></OrgnlGrpInfAndSts>"
        + payments + "</CstmrPmtStsRpt></Document>";

    [Fact]
    public void The_projects_own_check_accepts_the_sample_and_rejects_the_broken_copies()
    {
        var samples = Path.Combine(SharedFiles.Root, "schemas", "samples");
        Pain008.Validate(File.ReadAllText(Path.Combine(samples, "sepajs-pain.008.001.08.xml"))).ShouldBeEmpty();
        var wrongSums = Pain008.Validate(File.ReadAllText(Path.Combine(samples, "negative", "neg-pain.xml")));
        wrongSums.ShouldContain(p => p.Contains("control sum 190.51", StringComparison.Ordinal));
        wrongSums.ShouldContain(p => p.Contains("fails the check digits", StringComparison.Ordinal));
        Pain008.Validate(File.ReadAllText(Path.Combine(samples, "negative", "neg-pain-xsd.xml"))).ShouldNotBeEmpty();
    }

    private static async Task<JsonElement> CreateAsync(HttpClient client, DateOnly date)
    {
        var response = await client.PostAsJsonAsync("/api/direct-debit-files", new { collectionDate = Iso(date) }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Validates against ../shared/schemas/pain/pain.008.001.08.xsd and checks counts and sums against the entries.</summary>
    private static XDocument CheckAgainstSharedSchema(string xml, List<DirectDebit> entries)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(Pain008.Namespace, Path.Combine(SharedFiles.Root, "schemas", "pain", "pain.008.001.08.xsd"));
        var document = XDocument.Parse(xml);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
        var header = document.Descendants(Ns + "GrpHdr").Single();
        header.Element(Ns + "NbOfTxs")!.Value.ShouldBe(entries.Count.ToString(CultureInfo.InvariantCulture));
        decimal.Parse(header.Element(Ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture).ShouldBe(entries.Sum(e => e.Amount));
        foreach (var payment in document.Descendants(Ns + "PmtInf"))
        {
            var amounts = payment.Descendants(Ns + "InstdAmt").Select(a => decimal.Parse(a.Value, CultureInfo.InvariantCulture)).ToList();
            payment.Element(Ns + "NbOfTxs")!.Value.ShouldBe(amounts.Count.ToString(CultureInfo.InvariantCulture));
            decimal.Parse(payment.Element(Ns + "CtrlSum")!.Value, CultureInfo.InvariantCulture).ShouldBe(amounts.Sum());
        }

        document.Descendants(Ns + "MndtId").Select(m => m.Value).Order(StringComparer.Ordinal).ShouldBe(entries.Select(e => e.MandateReference).Order(StringComparer.Ordinal));
        Pain008.Validate(xml).ShouldBeEmpty();
        return document;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class DirectDebitFileOnSqliteTests() : DirectDebitFileTests(DatabaseProvider.Sqlite);

public sealed class DirectDebitFileOnPostgresTests() : DirectDebitFileTests(DatabaseProvider.Postgres);
