using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Payments;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>
/// Every kind of PDF the project makes passes <c>qpdf --check</c> (qpdf, installed by scripts/test.sh) without a warning:
/// cross-reference tables (also after the hybrid e-invoice's incremental XMP update), stream lengths, complete Flate
/// streams. The forms and the installment-plan letter read their data from a database: SQLite in memory here.
/// </summary>
public sealed class PdfCheckTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "qpdf");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Kinds() =>
    [
        "bill-letter", "bill-letter-cancellation", "bill-letter-final", "zugferd-factur-x", "zugferd-xrechnung",
        "dunning-reminder", "dunning-announcement", "print-batch", "installment-plan",
        "form-bank-change", "form-move-report", "form-reading-card", "form-installment-change", "reading-cards",
    ];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Qpdf_finds_no_warning_and_no_error(string kind)
    {
        var pdf = await RenderAsync(kind);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, kind + ".pdf");
        await File.WriteAllBytesAsync(file, pdf, Ct);

        // qpdf exits with 3 on warnings and 2 on errors; PdfTools fails the test on any exit code but 0.
        var check = await PdfTools.RunAsync("qpdf", "--check", file);
        check.ShouldContain("No syntax or stream encoding errors found");
        check.ShouldNotContain("WARNING");

        // Decoding every stream (fonts, ToUnicode maps, attachments too, which --check leaves alone) finds nothing either.
        await PdfTools.RunAsync("qpdf", "--decode-level=all", "--object-streams=disable", file, Path.Combine(Folder, kind + ".decoded.pdf"));
        PdfStreamsShouldBeComplete(pdf);
        if (kind == "installment-plan")
        {
            // The letterhead's reference block (shared with the bill letter) stays inside the right margin.
            await DunningLetterPdfTests.AssertLayoutAsync(file);
        }
    }

    /// <summary>Every FlateDecode stream ends with its final deflate block and the Adler-32 checksum (RFC 1950).</summary>
    private static void PdfStreamsShouldBeComplete(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var streams = System.Text.RegularExpressions.Regex.Matches(text, @"\d+ \d+ obj\s*<<((?:(?!endobj).)*?)>>\s*stream\r?\n", System.Text.RegularExpressions.RegexOptions.Singleline);
        streams.Count.ShouldBeGreaterThan(0);
        foreach (System.Text.RegularExpressions.Match stream in streams)
        {
            if (!stream.Groups[1].Value.Contains("/FlateDecode", StringComparison.Ordinal))
            {
                continue;
            }

            var length = System.Text.RegularExpressions.Regex.Match(stream.Groups[1].Value, @"/Length (\d+)(?! \d+ R)");
            if (!length.Success)
            {
                continue; // an indirect length (in a read document): qpdf checks it
            }

            var data = pdf.AsSpan(stream.Index + stream.Length, int.Parse(length.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            using var zlib = new System.IO.Compression.ZLibStream(new MemoryStream(data), System.IO.Compression.CompressionMode.Decompress);
            using var plain = new MemoryStream();
            Should.NotThrow(() => zlib.CopyTo(plain), $"stream at offset {stream.Index}");
            var adler = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(data.Length - 4));
            adler.ShouldBe(Adler32(plain.ToArray()), $"the Adler-32 checksum of the stream at offset {stream.Index}");
        }
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        return (b << 16) | a;
    }

    private static async Task<byte[]> RenderAsync(string kind)
    {
        var letter = BillLetterPdfTests.Letter("gas", business: false, BillKind.AnnualBill, withMandate: true, estimatedEnd: false);
        switch (kind)
        {
            case "bill-letter":
                return BillLetterPdf.Render(letter);
            case "bill-letter-cancellation":
                return BillLetterPdf.Render(BillLetterPdfTests.Letter("electricity", business: true, BillKind.Cancellation, withMandate: false, estimatedEnd: false));
            case "bill-letter-final":
                return BillLetterPdf.Render(BillLetterPdfTests.Letter("water", business: false, BillKind.FinalBill, withMandate: false, estimatedEnd: true));
            case "zugferd-factur-x":
                return ZugferdPdf.Render(BillLetterPdfTests.Letter("electricity", business: true, BillKind.AnnualBill, withMandate: true, estimatedEnd: false));
            case "zugferd-xrechnung":
                return ZugferdPdf.Render(BillLetterPdfTests.Letter("heat", business: true, BillKind.AnnualBill, withMandate: true, estimatedEnd: false, leitwegId: "04011000-1234512345-06"));
            case "dunning-reminder":
                return DunningLetterPdf.Render(new UtilityProfile(), DunningLetterPdfTests.Letter(DunningLevel.Reminder, Commodity.Electricity));
            case "dunning-announcement":
                return DunningLetterPdf.Render(new UtilityProfile(), DunningLetterPdfTests.Letter(DunningLevel.DisconnectionAnnouncement, Commodity.Water));
            case "print-batch":
                var items = new[] { BillLetterPdf.Render(letter), ZugferdPdf.Render(BillLetterPdfTests.Letter("water", business: true, BillKind.AnnualBill, withMandate: false, estimatedEnd: false)) }
                    .Select((pdf, i) => new PrintItem(pdf, $"2021-000000{i + 1}", "K1000001", "Erika Mustermann", "12345", "Musterstadt")).ToList();
                return PrintManifest.Compose(items, "bill_number").Pdf;
            default:
                return await FromDatabaseAsync(kind);
        }
    }

    /// <summary>The documents made from the database: forms, reading cards (forms merged), installment-plan letter.</summary>
    private static async Task<byte[]> FromDatabaseAsync(string kind)
    {
        await using var database = await InMemoryDatabase.CreateAsync(Ct);
        var db = database.Db;
        var address = PostalAddress.Create("Hauptstraße", "12", "12345", "Musterstadt");
        var customer = Customer.Create("K1000001", new CustomerDetails(CustomerKind.Person, "Erika", "Mustermann", null, address, null, null, null, ContactChannel.Post)).Value!;
        var tariff = Tariff.Create("T-STROM", "Musterstadt Strom", Commodity.Electricity, [TariffPrice.Create(new DateOnly(2018, 1, 1), 0.265m, 96m)]).Value!;
        var premise = Premise.Create("V2000001", new PremiseDetails(address, Commodity.Electricity, MarketLocationId.WithCheckDigit("5123456789"), null, null)).Value!;
        var meter = Meter.Create("1ESY1160000001", premise, 6, new DateOnly(2019, 1, 1), null).Value!;
        var bank = BankAccount.Create(Iban.Create("DE02120300000000202051"), null, "Erika Mustermann", "MSW-VK4000001", new DateOnly(2019, 1, 1)).Value!;
        var plan = InstallmentPlan.Create(84m, new DateOnly(2021, 2, 15), 11).Value!;
        var contract = Contract.Create("C3000001", customer, premise, new ContractTerms(tariff, new DateOnly(2019, 1, 1), null, "VK4000001", bank, plan)).Value!;
        db.AddRange(customer, tariff, premise, meter, contract);
        await db.SaveChangesAsync(Ct);

        var utility = new UtilityProfile();
        var sepa = new SepaSettings("Stadtwerke Musterstadt GmbH", "DE98ZZZ09999999999", "DE89370400440532013000", "COBADEFFXXX");
        if (kind == "installment-plan")
        {
            var clock = new FixedClock(new DateTimeOffset(2021, 1, 20, 9, 0, 0, TimeSpan.Zero));
            return (await new InstallmentPlanLetters(db, utility, sepa, clock).RenderAsync("C3000001", Ct)).ShouldNotBeNull();
        }

        var forms = new CustomerForms(db, utility, sepa);
        if (kind == "reading-cards")
        {
            var cards = await forms.RenderManyAsync(["C3000001"], FormKind.ReadingCard, "Bitte lesen Sie Ihren Zähler am 31.12.2020 ab.", Ct);
            var card = cards["C3000001"].Pdf;
            return PrintManifest.Compose([new PrintItem(card, "C3000001", "K1000001", "Erika Mustermann", "12345", "Musterstadt"), new PrintItem(card, "C3000001", "K1000001", "Erika Mustermann", "12345", "Musterstadt")], "contract_number").Pdf;
        }

        FormCode.TryParseKind(kind["form-".Length..], out var formKind).ShouldBeTrue();
        return (await forms.RenderAsync("C3000001", formKind, Ct)).ShouldNotBeNull().Pdf;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
