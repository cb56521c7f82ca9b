using System.Text.RegularExpressions;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>
/// The bill letters of every commodity, for a household and a business, as annual bill, cancellation and final bill,
/// read as a person reads them (pdftotext): each says only what is true for it. The pages are rendered to PNG in the
/// test output (letters/) to be looked at.
/// </summary>
public sealed partial class BillLetterPdfTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "letters");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, bool, BillKind> Letters()
    {
        var data = new TheoryData<string, bool, BillKind>();
        foreach (var commodity in new[] { "electricity", "gas", "water", "heat" })
        {
            foreach (var business in new[] { false, true })
            {
                foreach (var kind in new[] { BillKind.AnnualBill, BillKind.Cancellation, BillKind.FinalBill })
                {
                    data.Add(commodity, business, kind);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Letters))]
    public async Task Each_letter_reads_true_for_its_commodity_customer_and_kind(string commodity, bool business, BillKind kind)
    {
        var letter = Letter(commodity, business, kind, withMandate: true, estimatedEnd: false);
        var text = await TextAsync(letter, $"{commodity}-{(business ? "business" : "household")}-{kind}");

        // Grid charges and energy taxes exist for electricity and gas only.
        text.Contains("Netzentgelte", StringComparison.Ordinal).ShouldBe(commodity is "electricity" or "gas");
        text.Contains("Stromsteuer", StringComparison.Ordinal).ShouldBe(commodity == "electricity");
        text.Contains("Energiesteuer", StringComparison.Ordinal).ShouldBe(commodity == "gas");

        // A business is not compared with an average household.
        if (business)
        {
            text.ShouldNotContain("Durchschnittshaushalt");
        }

        if (kind == BillKind.Cancellation)
        {
            // A cancellation takes the bill back, nothing more: no payments, no credit, no new plan, no chart.
            text.ShouldContain("Stornorechnung");
            text.ShouldContain("Was die Stornorechnung aufhebt");
            text.ShouldNotContain("abzüglich geleisteter Abschläge");
            text.ShouldNotContain("Ihr neuer Abschlag");
            text.ShouldNotContain("Ihr Verbrauch im Vergleich");
        }
        else
        {
            text.ShouldContain("Ihre Abrechnung im Überblick");
        }
    }

    [Fact]
    public async Task A_credit_with_a_mandate_is_paid_out_in_the_letter_and_the_e_invoice_and_never_collected()
    {
        var letter = Letter("electricity", business: true, BillKind.AnnualBill, withMandate: true, estimatedEnd: false, credit: true);
        letter.Document.Balance.ShouldBeLessThan(0m);
        var text = await TextAsync(letter, "electricity-business-credit");
        text.ShouldContain("Wir überweisen Ihnen das Guthaben");
        text.ShouldNotContain("eingezogen");

        var xml = EInvoice.Write(letter, EInvoiceProfile.XRechnung);
        xml.ShouldContain("Das Guthaben überweisen wir bis");
        xml.ShouldNotContain("SEPA-Lastschrift eingezogen");
    }

    [Fact]
    public async Task An_estimated_reading_is_marked_on_page_one()
    {
        var letter = Letter("gas", business: false, BillKind.AnnualBill, withMandate: false, estimatedEnd: true);
        var pdf = await StoreAsync(letter, "gas-household-estimated");
        var first = Spaces().Replace(await PdfTools.RunAsync("pdftotext", "-layout", "-f", "1", "-l", "1", pdf, "-"), " ");
        first.ShouldContain("(Zählerstand geschätzt, siehe Seite 2)");
    }

    internal static BillLetter Letter(string commodity, bool business, BillKind kind, bool withMandate, bool estimatedEnd, bool credit = false, string? leitwegId = null)
    {
        var file = commodity switch
        {
            "gas" => "gas-2020-weighted-vat-change.input.json",
            "water" => "water-2020-intermediate-reading.input.json",
            _ => "electricity-2020-price-and-vat-change.input.json",
        };
        var json = File.ReadAllText(Path.Combine(SharedFiles.SpecExamples, file));
        if (commodity == "heat")
        {
            // No worked example for heat: the electricity one, billed as heat (kWh, 19 %).
            json = json.Replace("\"commodity\": \"electricity\"", "\"commodity\": \"heat\"", StringComparison.Ordinal);
        }

        if (credit)
        {
            // Installments far above the consumption: the bill ends in a credit.
            json = InstallmentAmounts().Replace(json, "\"amount\":400");
        }

        var input = BillInputJson.Parse(json).Value.ShouldNotBeNull();
        var bill = ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill;
        var address = PostalAddress.Create("Hauptstraße", "12", "12345", "Musterstadt");
        var details = business
            ? new CustomerDetails(CustomerKind.Business, null, null, "Bäckerei Korn GmbH", address, EmailAddress.Create("buchhaltung@korn.example"), null, null, ContactChannel.Email, leitwegId is null ? null : LeitwegId.Create(leitwegId))
            : new CustomerDetails(CustomerKind.Person, "Erika", "Mustermann", null, address, null, null, null, ContactChannel.Post);
        var customer = Customer.Create("K1000001", details).Value!;
        var type = input.Commodity;
        var tariff = Tariff.Create("T-" + commodity, "Musterstadt " + commodity, type, [TariffPrice.Create(new DateOnly(2018, 1, 1), 0.265m, 96m)]).Value!;
        var location = type is Commodity.Electricity or Commodity.Gas ? MarketLocationId.WithCheckDigit("5123456789") : null;
        var premise = Premise.Create("V2000001", new PremiseDetails(address, type, location, null, type == Commodity.Gas ? "Musterstadt" : null)).Value.ShouldNotBeNull();
        var bank = withMandate ? BankAccount.Create(Iban.Create("DE02120300000000202051"), null, "Erika Mustermann", "MSW-VK4000001", new DateOnly(2019, 1, 1)).Value! : null;
        var contract = Contract.Create("C3000001", customer, premise, new ContractTerms(tariff, new DateOnly(2019, 1, 1), null, "VK4000001", bank, null)).Value!;
        var now = new DateTimeOffset(2021, 1, 20, 9, 0, 0, TimeSpan.Zero);
        var issued = IssuedBill.Issue(kind == BillKind.Cancellation ? BillKind.AnnualBill : kind, 2021, 1, contract, input, bill, new DateOnly(2021, 1, 20), estimatedEnd, null, now);
        string? cancelledNumber = null;
        if (kind == BillKind.Cancellation)
        {
            cancelledNumber = issued.Number;
            issued = IssuedBill.Cancel(issued, 2021, 2, new DateOnly(2021, 2, 1), null, now);
        }

        var meters = input.Meters.Select(m => new LetterMeter(
            m.Number, m.Readings[0].Date, m.Readings[0].Value, ReadingKind.Actual, m.Readings[^1].Date, m.Readings[^1].Value, estimatedEnd ? ReadingKind.Estimated : ReadingKind.Actual)).ToList();
        return new BillLetter(new UtilityProfile(), issued, bill, input, customer, contract, premise, tariff, meters,
            new PreviousPeriod(BillingPeriod.Create(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)), bill.Quantity * 9 / 10), 3_000m, withMandate ? "DE98ZZZ09999999999" : null, cancelledNumber);
    }

    private static async Task<string> StoreAsync(BillLetter letter, string name)
    {
        Directory.CreateDirectory(Folder);
        var pdf = Path.Combine(Folder, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, BillLetterPdf.Render(letter), Ct);
        await PdfTools.RunAsync("pdftoppm", "-r", "60", "-png", pdf, Path.Combine(Folder, name));
        return pdf;
    }

    private static async Task<string> TextAsync(BillLetter letter, string name) =>
        Spaces().Replace(await PdfTools.RunAsync("pdftotext", "-layout", await StoreAsync(letter, name), "-"), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("\"amount\":\\s*\\d+(\\.\\d+)?")]
    private static partial Regex InstallmentAmounts();
}
