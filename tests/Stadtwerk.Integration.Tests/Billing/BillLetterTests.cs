using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The bill letter of a demo customer after the January run, as a person reads it: text extracted with pdftotext
/// (poppler-utils) must hold the items of shared/spec/bill-contents.md the letter covers; pdftoppm renders it.
/// </summary>
public sealed class BillLetterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_household_electricity_bill_letter_has_the_required_contents_on_two_pages()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        (await client.PostAsJsonAsync("/api/billing-runs", new { commodity = "electricity", periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await BillingRunTests.WaitAsync(client, 1)).GetProperty("status").GetString().ShouldBe("completed");

        await using var db = app.OpenDb();
        // A household's letter (a business is compared with no household group); billing-run numbers follow no fixed order.
        var bill = await (from b in db.IssuedBills
                          join c in db.Contracts on b.ContractId equals c.Id
                          join k in db.Customers on c.CustomerId equals k.Id
                          where c.BankAccount != null && b.Balance > 0 && k.Kind == Stadtwerk.Core.Customers.CustomerKind.Person
                          orderby b.Number
                          select new { b.Number, c.ContractNumber, c.ContractAccountNumber, Mandate = c.BankAccount!.MandateReference, c.CustomerId }).FirstAsync(Ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == bill.CustomerId, Ct);

        var response = await client.GetAsync($"/api/bills/{bill.Number}/pdf", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var folder = Path.Combine(AppContext.BaseDirectory, "letters");
        Directory.CreateDirectory(folder);
        var pdf = Path.Combine(folder, "electricity-bill.pdf");
        await File.WriteAllBytesAsync(pdf, await response.Content.ReadAsByteArrayAsync(Ct), Ct);

        var info = await RunAsync("pdfinfo", pdf);
        info.ShouldMatch(@"Pages:\s+2\b");
        info.ShouldContain("A4");
        var fonts = await RunAsync("pdffonts", pdf);
        fonts.ShouldContain("DejaVu Sans");
        fonts.Split('\n').Where(line => line.Contains("DejaVu", StringComparison.Ordinal)).ShouldAllBe(line => line.Contains(" yes yes ", StringComparison.Ordinal), "the font is embedded");
        var text = (await RunAsync("pdftotext", "-layout", pdf, "-")).ReplaceLineEndings(" ");
        string[] required =
        [
            // All bills: supplier, customer numbers, bill number and date, period, supply address.
            "Stadtwerke Musterstadt GmbH", "Am Wasserturm 1", "Amtsgericht Musterstadt HRB 12345", "USt-IdNr. DE123456789", "Telefon", "kundenservice@",
            customer.CustomerNumber, bill.ContractAccountNumber, bill.ContractNumber, bill.Number, "Rechnungsdatum",
            "Jahresabrechnung Strom für 01.01.2021 bis 31.12.2021", "Lieferadresse",
            // Meters with how each reading was obtained, consumption, prices, net, VAT per rate, gross, installments, balance.
            "Zählerstände", "Art der Ermittlung", "Arbeitspreis", "Grundpreis/Jahr", "Summe netto", "Umsatzsteuer 19 %", "Rechnungsbetrag brutto",
            "abzüglich geleisteter Abschläge", "Nachzahlung",
            // What happens with the balance: SEPA debit with pre-notification, creditor ID and mandate; the new plan with dates.
            "SEPA-Lastschrift", "Gläubiger-ID DE98ZZZ09999999999", $"Mandatsreferenz {bill.Mandate}", "Vorabankündigung", "Ihr neuer Abschlag", "fällig am",
            // Electricity (EnWG § 40): MaLo, grid and meter operator, tariff and terms, comparisons, disputes, switch, efficiency, fuel mix.
            // The demo contract ran since 2015, but no earlier period was billed in this system: no comparison value, and
            // no claim that this is the first bill.
            "Marktlokation (MaLo)", "Netzbetreiber", "Messstellenbetreiber", "Tarif", "kündbar", "Vorperiode: kein Vergleichswert vorhanden", "Vergleichsgruppe",
            "Schlichtungsstelle Energie e.V., Friedrichstraße 133, 10117 Berlin", "Bundesnetzagentur", "Lieferantenwechsel", "Energieeffizienz", "Stromkennzeichnung",
            "kostenlos",
            // The portal registration code of the customer.
            $"Ihr Registrierungscode: {new Stadtwerk.Infrastructure.Documents.PortalRegistrationCode("demo-secret-change-me").For(customer.CustomerNumber)}",
        ];
        foreach (var item in required)
        {
            text.ShouldContain(item, Case.Sensitive, $"the letter names '{item}'");
        }

        // Rendered for people to look at (test output folder, letters/).
        await RunAsync("pdftoppm", "-r", "80", "-png", pdf, Path.Combine(folder, "electricity-bill"));
        File.Exists(Path.Combine(folder, "electricity-bill-1.png")).ShouldBeTrue();
        (await client.GetAsync("/api/bills/2099-0000001/pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // On request, forms travel with the letter: here the SEPA mandate, prefilled, after the two pages.
        var enclosed = Path.Combine(folder, "electricity-bill-with-mandate.pdf");
        await File.WriteAllBytesAsync(enclosed, await client.GetByteArrayAsync($"/api/bills/{bill.Number}/pdf?enclose=bank-change", Ct), Ct);
        (await RunAsync("pdfinfo", enclosed)).ShouldMatch(@"Pages:\s+3\b");
        var enclosedText = (await RunAsync("pdftotext", "-layout", enclosed, "-")).ReplaceLineEndings(" ");
        enclosedText.ShouldContain("SEPA-Lastschriftmandat");
        enclosedText.ShouldContain($"STW1|BANK|{customer.CustomerNumber}|{bill.ContractNumber}");
        (await client.GetAsync($"/api/bills/{bill.Number}/pdf?enclose=tax-return", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // A customer who transfers: the due date, the utility's account and a GiroCode.
        var transfer = await (from b in db.IssuedBills
                              join c in db.Contracts on b.ContractId equals c.Id
                              where c.BankAccount == null && b.Balance > 0
                              orderby b.Number
                              select b.Number).FirstAsync(Ct);
        var transferPdf = Path.Combine(folder, "electricity-bill-transfer.pdf");
        await File.WriteAllBytesAsync(transferPdf, await client.GetByteArrayAsync($"/api/bills/{transfer}/pdf", Ct), Ct);
        var transferText = (await RunAsync("pdftotext", "-layout", transferPdf, "-")).ReplaceLineEndings(" ");
        transferText.ShouldContain("Bitte überweisen Sie den Betrag bis zum");
        transferText.ShouldContain("DE89370400440532013000");
        transferText.ShouldContain("GiroCode");
        await RunAsync("pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", transferPdf, Path.Combine(folder, "electricity-bill-transfer"));
    }

    private static async Task<string> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing: scripts/test.sh installs poppler-utils from Debian ({e.Message})", e);
        }

        using (process)
        {
            var output = await process.StandardOutput.ReadToEndAsync(Ct);
            await process.WaitForExitAsync(Ct);
            process.ExitCode.ShouldBe(0, $"{program}: {await process.StandardError.ReadToEndAsync(Ct)}");
            return output;
        }
    }
}
