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

    public static TheoryData<string, bool, BillKind, bool> Letters()
    {
        var data = new TheoryData<string, bool, BillKind, bool>();
        foreach (var commodity in new[] { "electricity", "gas", "water", "heat" })
        {
            foreach (var business in new[] { false, true })
            {
                foreach (var (kind, correction) in new[] { (BillKind.AnnualBill, false), (BillKind.Cancellation, false), (BillKind.AnnualBill, true), (BillKind.FinalBill, false) })
                {
                    data.Add(commodity, business, kind, correction);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Letters))]
    public async Task Each_letter_reads_true_for_its_commodity_customer_and_kind(string commodity, bool business, BillKind kind, bool correction)
    {
        var letter = Letter(commodity, business, kind, withMandate: true, estimatedEnd: false, correction: correction);
        var text = await TextAsync(letter, $"{commodity}-{(business ? "business" : "household")}-{(correction ? "Correction" : kind.ToString())}");

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
            text.ShouldContain("Einzelheiten der aufgehobenen Rechnung 2021-0000001");
            text.ShouldContain("Aufgehobener Rechnungsbetrag brutto");
        }
        else
        {
            text.ShouldContain("Ihre Abrechnung im Überblick");
            // The previous period is the same days one year before: "Vorjahr", with its dates.
            text.ShouldContain("Vorjahr 01.01.2019 – 31.12.2019 (365 Tage)");
            text.ShouldContain("Dieser Zeitraum 01.01.2020 – 31.12.2020 (366 Tage)");
        }

        // Every reading and use with its unit, the same decimals on every row: m³ with three, kWh as the register shows.
        switch (commodity)
        {
            case "gas":
                text.ShouldContain("7GMT0012345 31.12.2019 8.123,400 m³ 31.12.2020 9.841,200 m³ 1.717,800 m³");
                text.ShouldContain("7GMT0012345 1.717,800 m³ 0,9636 11,214 kWh/m³ 18.562 kWh");
                text.ShouldContain("kWh = m³ × Zustandszahl × Brennwert (zusammen 10,8058104 kWh je m³), je Ablesezeitraum auf volle kWh gerundet.");
                text.ShouldContain("18.562 kWh (1.717,800 m³ Gas)");
                break;
            case "water":
                text.ShouldContain("W-88213 31.12.2019 512,370 m³ 30.06.2020 561,900 m³ 49,530 m³");
                text.ShouldContain("W-88213 30.06.2020 561,900 m³ 31.12.2020 609,020 m³ 47,120 m³");
                text.ShouldContain("Abgerechnet werden volle m³ je Ablesezeitraum: 49,530 m³ → 50 m³, 47,120 m³ → 47 m³, zusammen 97 m³.");
                break;
            default:
                text.ShouldContain("1ESY1160000001 31.12.2019 41.250 kWh 31.12.2020 44.012 kWh 2.762 kWh");
                text.ShouldNotContain("Umrechnung");
                break;
        }

        if (kind == BillKind.FinalBill)
        {
            // The supply ends: no new installments, nothing to change about them, the contract's end on page 2.
            text.ShouldContain("Schlussrechnung");
            text.ShouldNotContain("Ihr neuer Abschlag");
            text.ShouldNotContain("Abschlag ändern");
            text.ShouldContain("Vertragsende 31.12.2020");
        }

        if (correction)
        {
            text.ShouldContain("Korrigierte Jahresabrechnung");
            text.ShouldContain("wir haben Ihre Rechnung 2021-0000001 für diesen Zeitraum korrigiert; diese Rechnung ersetzt sie.");
        }
    }

    [Fact]
    public async Task A_previous_period_of_other_length_is_named_Vorperiode_with_its_days_and_compared_per_day()
    {
        // A final bill for a quarter after a billed year.
        var previous = new PreviousPeriod(BillingPeriod.Create(new DateOnly(2019, 7, 1), new DateOnly(2019, 12, 31)), 1_500);
        var text = await TextAsync(Letter("electricity", business: false, BillKind.FinalBill, withMandate: true, estimatedEnd: false, previous: previous), "electricity-household-previous-half-year");
        text.ShouldContain("Vorperiode 01.07.2019 – 31.12.2019 (184 Tage) 1.500 kWh");
        text.ShouldNotContain("Vorjahr");
        text.ShouldContain("Die Zeiträume sind verschieden lang; je Tag: 8,2 kWh in der Vorperiode, 7,5 kWh in diesem Zeitraum.");
    }

    [Fact]
    public async Task A_previous_period_before_a_gap_is_named_as_the_last_billed_one()
    {
        var previous = new PreviousPeriod(BillingPeriod.Create(new DateOnly(2018, 1, 1), new DateOnly(2018, 12, 31)), 2_500);
        var text = await TextAsync(Letter("gas", business: true, BillKind.AnnualBill, withMandate: true, estimatedEnd: false, previous: previous), "gas-business-previous-gap");
        text.ShouldContain("Zuletzt abgerechnet 01.01.2018 – 31.12.2018 (365 Tage) 2.500 kWh");
        text.ShouldNotContain("Vorjahr");
    }

    [Theory]
    [InlineData(2019, "Vorperiode: kein Vergleichswert vorhanden")]
    [InlineData(2020, "Vorperiode: keine, dies ist der erste Abrechnungszeitraum Ihres Vertrags")]
    public async Task Without_a_previous_bill_the_letter_says_so_and_draws_no_bar(int contractStartYear, string label)
    {
        // 2019: the contract ran before, but that period was not billed in this system (migrated readings only).
        var letter = Letter("water", business: false, BillKind.AnnualBill, withMandate: true, estimatedEnd: false, withoutPrevious: true, contractStart: new DateOnly(contractStartYear, 1, 1));
        var text = await TextAsync(letter, $"water-household-no-previous-{contractStartYear}");
        text.ShouldContain(label);
        text.ShouldNotContain("Vorjahr");
        text.ShouldNotContain(" 0 m³");
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

    /// <summary>
    /// A letter from a worked example of the spec (heat: the electricity one). <paramref name="correction"/> makes the bill
    /// a correction of a cancelled one; <paramref name="previous"/> replaces the previous period (by default the year
    /// before, 90 % of this consumption), <paramref name="withoutPrevious"/> leaves it out.
    /// </summary>
    internal static BillLetter Letter(
        string commodity, bool business, BillKind kind, bool withMandate, bool estimatedEnd, bool credit = false, string? leitwegId = null,
        bool correction = false, PreviousPeriod? previous = null, bool withoutPrevious = false, DateOnly? contractStart = null)
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
        // A final bill ends the contract on the last day it bills.
        var end = kind == BillKind.FinalBill ? input.Period.End : (DateOnly?)null;
        var contract = Contract.Create("C3000001", customer, premise, new ContractTerms(tariff, contractStart ?? new DateOnly(2019, 1, 1), end, "VK4000001", bank, null)).Value!;
        var now = new DateTimeOffset(2021, 1, 20, 9, 0, 0, TimeSpan.Zero);
        var issued = IssuedBill.Issue(kind == BillKind.Cancellation ? BillKind.AnnualBill : kind, 2021, 1, contract, input, bill, new DateOnly(2021, 1, 20), estimatedEnd, null, now);
        string? cancelledNumber = null;
        if (kind == BillKind.Cancellation || correction)
        {
            cancelledNumber = issued.Number;
            var cancellation = IssuedBill.Cancel(issued, 2021, 2, new DateOnly(2021, 2, 1), null, now);
            issued = correction ? IssuedBill.Issue(kind, 2021, 3, contract, input, bill, new DateOnly(2021, 2, 1), estimatedEnd, null, now, replaces: issued) : cancellation;
        }

        var meters = input.Meters.Select(m => new LetterMeter(
            m.Number, m.Readings[0].Date, m.Readings[0].Value, ReadingKind.Actual, m.Readings[^1].Date, m.Readings[^1].Value, estimatedEnd ? ReadingKind.Estimated : ReadingKind.Actual)
        {
            Between = [.. m.Readings.Skip(1).SkipLast(1).Select(r => new LetterReading(r.Date, r.Value, ReadingKind.CustomerReported))],
        }).ToList();
        var previousPeriod = withoutPrevious ? null : previous ?? new PreviousPeriod(BillingPeriod.Create(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)), bill.Quantity * 9 / 10);
        var comparison = new Stadtwerk.Infrastructure.Billing.BillingSettings().AverageAnnualQuantity(type);
        return new BillLetter(new UtilityProfile(), issued, bill, input, customer, contract, premise, tariff, meters,
            previousPeriod, comparison, withMandate ? "DE98ZZZ09999999999" : null, cancelledNumber);
    }

    private static async Task<string> StoreAsync(BillLetter letter, string name)
    {
        Directory.CreateDirectory(Folder);
        var pdf = Path.Combine(Folder, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, BillLetterPdf.Render(letter), Ct);
        await PdfTools.RunAsync("pdftoppm", "-r", "60", "-png", pdf, Path.Combine(Folder, name));
        return pdf;
    }

    /// <summary>The letter's text as pdftotext reads it, after checking that no word leaves the margins or overlaps another.</summary>
    private static async Task<string> TextAsync(BillLetter letter, string name)
    {
        var pdf = await StoreAsync(letter, name);
        await DunningLetterPdfTests.AssertLayoutAsync(pdf);
        return Spaces().Replace(await PdfTools.RunAsync("pdftotext", "-layout", pdf, "-"), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("\"amount\":\\s*\\d+(\\.\\d+)?")]
    private static partial Regex InstallmentAmounts();
}
