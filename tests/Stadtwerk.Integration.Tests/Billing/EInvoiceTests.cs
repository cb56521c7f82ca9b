using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The e-invoices of demo business customers after the January run (one paying by SEPA direct debit, one by
/// transfer), as XRechnung and as Factur-X: the XSD and every official rule set without a finding; the shared
/// samples pass the same checks and the broken copies fail them.
/// </summary>
public sealed class EInvoiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_e_invoices_of_business_bills_pass_the_XSD_and_the_EN16931_XRechnung_and_Factur_X_rules()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        string[] contracts;
        await using (var db = app.OpenDb())
        {
            var business = from c in db.Contracts
                           join k in db.Customers on c.CustomerId equals k.Id
                           where k.Kind == CustomerKind.Business && k.Email != null && c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1)
                           orderby c.ContractNumber
                           select new { c.ContractNumber, Debit = c.BankAccount != null };
            contracts = [
                (await business.FirstAsync(b => b.Debit, Ct)).ContractNumber,
                (await business.FirstAsync(b => !b.Debit, Ct)).ContractNumber,
            ];
        }

        (await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", contractNumbers = contracts }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await BillingRunTests.WaitAsync(client, 1)).GetProperty("billed").GetInt32().ShouldBe(2);
        await using var check = app.OpenDb();
        var numbers = await check.IssuedBills.OrderBy(b => b.Number).Select(b => b.Number).ToListAsync(Ct);
        var folder = Path.Combine(AppContext.BaseDirectory, "e-invoices");
        Directory.CreateDirectory(folder);
        foreach (var number in numbers)
        {
            foreach (var (profile, rules) in new[] { ("xrechnung", new[] { EInvoiceValidation.En16931, EInvoiceValidation.XRechnung }), ("factur-x", new[] { EInvoiceValidation.En16931, EInvoiceValidation.FacturX }) })
            {
                var response = await client.GetAsync($"/api/bills/{number}/e-invoice?profile={profile}", Ct);
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
                var file = Path.Combine(folder, $"{number}-{profile}.xml");
                await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
                EInvoiceValidation.Xsd(file).ShouldBeEmpty($"{number} {profile}: XSD");
                foreach (var rule in rules)
                {
                    (await EInvoiceValidation.SchematronAsync(file, rule, Ct)).ShouldBeEmpty($"{number} {profile}: {Path.GetFileName(rule)}");
                }

                var xml = await File.ReadAllTextAsync(file, Ct);
                xml.ShouldContain("<ram:TotalPrepaidAmount>");
                xml.ShouldContain("<ram:BillingSpecifiedPeriod>");
            }
        }

        var debit = await File.ReadAllTextAsync(Path.Combine(folder, $"{numbers[0]}-xrechnung.xml"), Ct) + await File.ReadAllTextAsync(Path.Combine(folder, $"{numbers[1]}-xrechnung.xml"), Ct);
        debit.ShouldContain("<ram:TypeCode>59</ram:TypeCode>");
        debit.ShouldContain("<ram:CreditorReferenceID>DE98ZZZ09999999999</ram:CreditorReferenceID>");
        debit.ShouldContain("<ram:DirectDebitMandateID>");
        debit.ShouldContain("<ram:TypeCode>58</ram:TypeCode>");

        // The hybrid ZUGFeRD PDF: the letter with factur-x.xml attached, which a PDF tool extracts, and which passes the rules.
        var hybrid = Path.Combine(folder, $"{numbers[0]}-zugferd.pdf");
        await File.WriteAllBytesAsync(hybrid, await client.GetByteArrayAsync($"/api/bills/{numbers[0]}/e-invoice?profile=zugferd-pdf", Ct), Ct);
        (await Tool("pdfdetach", "-list", hybrid)).ShouldContain("factur-x.xml");
        var extracted = Path.Combine(folder, $"{numbers[0]}-extracted-factur-x.xml");
        await Tool("pdfdetach", "-save", "1", "-o", extracted, hybrid);
        (await File.ReadAllTextAsync(extracted, Ct)).ShouldBe(await File.ReadAllTextAsync(Path.Combine(folder, $"{numbers[0]}-factur-x.xml"), Ct));
        (await EInvoiceValidation.SchematronAsync(extracted, EInvoiceValidation.FacturX, Ct)).ShouldBeEmpty();
        (await Tool("pdfinfo", hybrid)).ShouldMatch(@"Pages:\s+2\b");

        // A household gets no e-invoice.
        var household = await (from b in check.IssuedBills
                               join c in check.Contracts on b.ContractId equals c.Id
                               join k in check.Customers on c.CustomerId equals k.Id
                               where k.Kind == CustomerKind.Person
                               select b.Number).FirstOrDefaultAsync(Ct);
        if (household is not null)
        {
            (await client.GetAsync($"/api/bills/{household}/e-invoice", Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        }
    }

    [Fact]
    public async Task A_public_sector_customer_with_a_Leitweg_ID_gets_XRechnung_with_it_as_buyer_reference()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        string contract;
        string customerNumber;
        await using (var db = app.OpenDb())
        {
            var found = await (from c in db.Contracts
                               join k in db.Customers on c.CustomerId equals k.Id
                               where k.Kind == CustomerKind.Business && k.Email != null && c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1)
                               orderby c.ContractNumber descending
                               select new { c.ContractNumber, k.CustomerNumber }).FirstAsync(Ct);
            (contract, customerNumber) = (found.ContractNumber, found.CustomerNumber);
        }

        // The clerk records the Leitweg-ID; a mistyped one is refused with the reason.
        var customer = await client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/customers/{customerNumber}", Ct);
        object Request(string leitwegId) => new
        {
            kind = "business",
            companyName = customer.GetProperty("companyName").GetString(),
            address = customer.GetProperty("address"),
            email = customer.GetProperty("email").GetString(),
            phone = customer.GetProperty("phone").GetString(),
            preferredChannel = customer.GetProperty("preferredChannel").GetString(),
            version = customer.GetProperty("version").GetInt32(),
            leitwegId,
        };
        var wrong = await client.PutAsJsonAsync($"/api/customers/{customerNumber}", Request("04011000-1234512345-07"), Ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("has the check digits 07, but its address gives 06");
        var saved = await client.PutAsJsonAsync($"/api/customers/{customerNumber}", Request("04011000-1234512345-06"), Ct);
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync(Ct));
        (await saved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("leitwegId").GetString().ShouldBe("04011000-1234512345-06");

        (await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", contractNumbers = new[] { contract } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await BillingRunTests.WaitAsync(client, 1)).GetProperty("billed").GetInt32().ShouldBe(1);
        await using var check = app.OpenDb();
        var number = await check.IssuedBills.Select(b => b.Number).SingleAsync(Ct);
        var folder = Path.Combine(AppContext.BaseDirectory, "e-invoices");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{number}-leitweg-xrechnung.xml");
        await File.WriteAllBytesAsync(file, await client.GetByteArrayAsync($"/api/bills/{number}/e-invoice?profile=xrechnung", Ct), Ct);
        (await File.ReadAllTextAsync(file, Ct)).ShouldContain("<ram:BuyerReference>04011000-1234512345-06</ram:BuyerReference>");
        EInvoiceValidation.Xsd(file).ShouldBeEmpty();
        (await EInvoiceValidation.SchematronAsync(file, EInvoiceValidation.En16931, Ct)).ShouldBeEmpty();
        (await EInvoiceValidation.SchematronAsync(file, EInvoiceValidation.XRechnung, Ct)).ShouldBeEmpty();

        // The hybrid PDF carries the XRechnung (ZUGFeRD profile XRECHNUNG) for such a buyer, as xrechnung.xml like FeRD's sample.
        var hybrid = Path.Combine(folder, $"{number}-leitweg-zugferd.pdf");
        await File.WriteAllBytesAsync(hybrid, await client.GetByteArrayAsync($"/api/bills/{number}/e-invoice?profile=zugferd-pdf", Ct), Ct);
        var listed = await Tool("pdfdetach", "-list", hybrid);
        listed.ShouldContain("xrechnung.xml");
        listed.ShouldNotContain("factur-x.xml");
        var extracted = Path.Combine(folder, $"{number}-leitweg-extracted.xml");
        await Tool("pdfdetach", "-save", "1", "-o", extracted, hybrid);
        var inside = await File.ReadAllTextAsync(extracted, Ct);
        inside.ShouldContain("urn:xeinkauf.de:kosit:xrechnung_3.0");
        inside.ShouldContain("<ram:BuyerReference>04011000-1234512345-06</ram:BuyerReference>");
        (await EInvoiceValidation.SchematronAsync(extracted, EInvoiceValidation.XRechnung, Ct)).ShouldBeEmpty();
        var raw = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(hybrid, Ct));
        raw.ShouldContain("<fx:ConformanceLevel>XRECHNUNG</fx:ConformanceLevel>");
        raw[raw.LastIndexOf("<x:xmpmeta", StringComparison.Ordinal)..].ShouldContain("<fx:DocumentFileName>xrechnung.xml</fx:DocumentFileName>");
    }

    internal static async Task<string> Tool(string program, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        process.ExitCode.ShouldBe(0, $"{program}: {await process.StandardError.ReadToEndAsync(Ct)}");
        return output;
    }

    [Fact]
    public async Task The_shared_samples_pass_the_same_checks_and_the_broken_copies_fail_them()
    {
        var samples = Path.Combine(SharedFiles.Root, "schemas", "samples");
        var xrechnung = Path.Combine(samples, "XRECHNUNG_Einfach.xml");
        EInvoiceValidation.Xsd(xrechnung).ShouldBeEmpty();
        (await EInvoiceValidation.SchematronAsync(xrechnung, EInvoiceValidation.XRechnung, Ct)).ShouldBeEmpty();
        (await EInvoiceValidation.SchematronAsync(xrechnung, EInvoiceValidation.En16931, Ct)).ShouldBeEmpty();
        var facturX = Path.Combine(samples, "EN16931_Einfach.xml");
        EInvoiceValidation.Xsd(facturX).ShouldBeEmpty();
        (await EInvoiceValidation.SchematronAsync(facturX, EInvoiceValidation.FacturX, Ct)).ShouldBeEmpty();

        var negative = Path.Combine(samples, "negative");
        EInvoiceValidation.Xsd(Path.Combine(negative, "neg-xsd.xml")).ShouldNotBeEmpty();
        (await EInvoiceValidation.SchematronAsync(Path.Combine(negative, "neg-xr-nobt10.xml"), EInvoiceValidation.XRechnung, Ct)).ShouldContain(f => f.Contains("BR-DE-15", StringComparison.Ordinal));
        (await EInvoiceValidation.SchematronAsync(Path.Combine(negative, "neg-total.xml"), EInvoiceValidation.En16931, Ct)).ShouldNotBeEmpty();
    }
}
