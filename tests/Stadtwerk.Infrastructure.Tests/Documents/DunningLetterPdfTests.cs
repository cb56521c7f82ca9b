using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>
/// The dunning letters as a person reads them: text extracted with pdftotext (poppler-utils), word boxes checked against the
/// margins and each other, every level rendered with pdftoppm for a look (letters/dunning-*.png in the test output).
/// </summary>
public sealed partial class DunningLetterPdfTests
{
    private static readonly UtilityProfile Utility = new();
    private static readonly DateOnly Today = new(2026, 12, 10);
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "letters");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<DunningLevel, Commodity> Levels()
    {
        var data = new TheoryData<DunningLevel, Commodity>();
        foreach (var commodity in new[] { Commodity.Electricity, Commodity.Water })
        {
            foreach (var level in Enum.GetValues<DunningLevel>())
            {
                data.Add(level, commodity);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Every_level_has_its_title_amounts_dates_and_bank_account(DunningLevel level, Commodity commodity)
    {
        var data = Letter(level, commodity);
        var (pdf, text) = await RenderAsync(data, $"dunning-{commodity.ToString().ToLowerInvariant()}-{(int)level}");

        var supply = commodity == Commodity.Electricity ? "Stromversorgung" : "Wasserversorgung";
        text.ShouldContain(level switch
        {
            DunningLevel.Reminder => "Zahlungserinnerung",
            DunningLevel.Notice => "Mahnung",
            DunningLevel.DisconnectionThreat => $"Androhung der Unterbrechung der {supply}",
            _ => $"Ankündigung der Unterbrechung der {supply}",
        });
        text.ShouldContain($"Gesamtbetrag {Euro(data.Total)}");
        text.ShouldContain($"bis zum {data.PayBy:dd.MM.yyyy}");
        text.ShouldContain("IBAN DE89 3704 0044 0532 0130 00 (Sparkasse Musterstadt");
        text.ShouldContain($"Verwendungszweck: {data.ContractAccountNumber}");
        text.ShouldContain("gegenstandslos");
        text.ShouldContain(data.Number);
        text.ShouldContain(data.CustomerNumber);
        foreach (var item in data.Items)
        {
            text.ShouldContain(item.Reference);
            text.ShouldContain(item.DueOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture));
            text.ShouldContain(Euro(item.Open));
        }

        if (level == DunningLevel.Notice)
        {
            text.ShouldContain($"Mahngebühr {Euro(2.50m)}");
        }
        else
        {
            text.ShouldNotContain("Mahngebühr");
        }

        var pages = level >= DunningLevel.DisconnectionThreat ? 2 : 1;
        (await PdfTools.RunAsync("pdfinfo", pdf)).ShouldMatch($@"Pages:\s+{pages}\b");
        text.ShouldContain($"Seite {pages} von {pages}");
    }

    [Fact]
    public async Task The_electricity_threat_names_the_law_the_counted_arrears_the_earliest_day_and_the_customers_rights()
    {
        var data = Letter(DunningLevel.DisconnectionThreat, Commodity.Electricity);
        var (_, text) = await RenderAsync(data, "dunning-threat-electricity");

        text.ShouldContain("§ 19 StromGVV");
        text.ShouldContain("frühestens vier Wochen nach dieser Androhung, nicht vor dem 07.01.2027");
        text.ShouldContain($"{Euro(1_111.20m)} (fällige, unbestrittene Beträge; die von Ihnen beanstandeten {Euro(61m)} haben wir abgezogen)");
        text.ShouldContain("mindestens acht Werktage vorher");
        text.ShouldContain("Abwendungsvereinbarung");
        text.ShouldContain("innerhalb einer Woche");
        text.ShouldContain("unverhältnismäßig");
        text.ShouldContain("Leben oder Gesundheit");
        text.ShouldContain("Kosten der Unterbrechung und der Wiederherstellung");
        text.ShouldContain("Jobcenter");
        text.ShouldContain("Antwortformular");
    }

    [Fact]
    public async Task The_electricity_announcement_names_the_day_the_grid_operator_and_offers_an_Abwendungsvereinbarung()
    {
        var data = Letter(DunningLevel.DisconnectionAnnouncement, Commodity.Electricity);
        var (_, text) = await RenderAsync(data, "dunning-announcement-electricity");

        text.ShouldContain("§ 19 StromGVV");
        text.ShouldContain("Unterbrechung ab 19.12.2026");
        text.ShouldContain("ab dem 19.12.2026");
        text.ShouldContain("Ein Techniker des Netzbetreibers Netze Musterstadt GmbH (Codenummer 9900000000003) unterbricht die Versorgung an Ihrem Zähler");
        text.ShouldContain("Unser Angebot: Abwendungsvereinbarung");
        text.ShouldContain($"in 12 zinsfreien Monatsraten zu je {Euro(92.60m)}");
        text.ShouldContain("solange Sie die laufenden Abschläge zahlen");
        text.ShouldContain("gegen Vorauszahlung");
        text.ShouldContain("Ich nehme das Angebot der Abwendungsvereinbarung an");
        text.ShouldContain("unverhältnismäßig");
        text.ShouldContain("Kosten der Unterbrechung und der Wiederherstellung");
    }

    [Fact]
    public async Task The_water_letters_rest_on_the_AVBWasserV_with_two_weeks()
    {
        var (_, threat) = await RenderAsync(Letter(DunningLevel.DisconnectionThreat, Commodity.Water), "dunning-threat-water");
        threat.ShouldContain("§ 33 AVBWasserV");
        threat.ShouldContain("frühestens zwei Wochen nach dieser Androhung, nicht vor dem 24.12.2026");
        threat.ShouldNotContain("StromGVV");
        threat.ShouldNotContain("100 €");

        var (_, announcement) = await RenderAsync(Letter(DunningLevel.DisconnectionAnnouncement, Commodity.Water), "dunning-announcement-water");
        announcement.ShouldContain("§ 33 AVBWasserV");
        announcement.ShouldContain("Ankündigung der Unterbrechung der Wasserversorgung");
        announcement.ShouldContain("ab dem 14.12.2026");
        announcement.ShouldContain("Abwendungsvereinbarung");
        announcement.ShouldContain($"in 6 zinsfreien Monatsraten zu je {Euro(18.40m)}");
    }

    [Fact]
    public async Task Many_items_continue_on_another_page_with_every_page_numbered()
    {
        var items = Enumerable.Range(1, 60).Select(i => new OverdueItem($"Abschlag {i:00}/2026", Today.AddDays(-200 + i), 10m)).ToList();
        var data = Letter(DunningLevel.Reminder, Commodity.Electricity) with { Items = items, Total = 600m };
        var (pdf, text) = await RenderAsync(data, "dunning-many-items");

        text.ShouldContain("Abschlag 60/2026");
        text.ShouldContain($"Gesamtbetrag {Euro(600m)}");
        text.ShouldContain("Fortsetzung");
        (await PdfTools.RunAsync("pdfinfo", pdf)).ShouldMatch(@"Pages:\s+2\b");
        text.ShouldContain("Seite 2 von 2");
    }

    /// <summary>The letter the policy would ask for, with one disputed installment.</summary>
    internal static DunningLetterData Letter(DunningLevel level, Commodity commodity)
    {
        var settings = new DunningSettings();
        List<OverdueItem> items = commodity == Commodity.Electricity
            ? [new("Jahresabrechnung 2026-0000012", new DateOnly(2026, 10, 15), 1_050.20m), new("Abschlag 11/2026", new DateOnly(2026, 11, 1), 61m, Disputed: true), new("Abschlag 12/2026", new DateOnly(2026, 12, 1), 61m)]
            : [new("Wasserrechnung 2026-0000031", new DateOnly(2026, 10, 15), 86.40m), new("Abschlag Wasser 11/2026", new DateOnly(2026, 11, 1), 24m, Disputed: true), new("Abschlag Wasser 12/2026", new DateOnly(2026, 12, 1), 24m)];
        var fee = level == DunningLevel.Notice ? settings.NoticeFee : 0m;
        var payBy = Today.AddDays(settings.PaymentDays);
        DateOnly? from = null;
        if (level == DunningLevel.DisconnectionThreat)
        {
            from = Today.AddDays(DunningPolicy.ThreatDays(commodity, settings));
        }
        else if (level == DunningLevel.DisconnectionAnnouncement)
        {
            from = DunningPolicy.AddWorkdays(Today, DunningPolicy.LeadWorkdays(commodity, settings));
            payBy = from.Value.AddDays(-1);
        }

        return new DunningLetterData(
            level,
            ["Erika Mustermann", "Lindenallee 17", "12345 Musterstadt"],
            "K1000008",
            "V2000015",
            "VK3000022",
            commodity,
            "Lindenallee 17, 12345 Musterstadt",
            Today,
            items,
            fee,
            items.Sum(item => item.Open) + fee,
            payBy,
            from,
            items.Where(item => item.Disputed).Sum(item => item.Open),
            $"M-{(int)level:000000}");
    }

    private static async Task<(string Pdf, string Text)> RenderAsync(DunningLetterData data, string name)
    {
        Directory.CreateDirectory(Folder);
        var pdf = Path.Combine(Folder, name + ".pdf");
        await File.WriteAllBytesAsync(pdf, DunningLetterPdf.Render(Utility, data), Ct);
        var text = Spaces().Replace(await PdfTools.RunAsync("pdftotext", "-layout", pdf, "-"), " ");
        await AssertLayoutAsync(pdf);
        await PdfTools.RunAsync("pdftoppm", "-r", "60", "-png", pdf, Path.Combine(Folder, name));
        return (pdf, text);
    }

    /// <summary>Every word stands within the margins (20 mm left and right, above the footer) and overlaps no other.</summary>
    internal static async Task AssertLayoutAsync(string pdf)
    {
        const double mm = 72 / 25.4;
        var html = await PdfTools.RunAsync("pdftotext", "-bbox", pdf, "-");
        var page = 0;
        foreach (var pageHtml in html.Split("<page ", StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            page++;
            var words = Words().Matches(pageHtml).Select(m => (
                X0: double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
                Y0: double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
                X1: double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
                Y1: double.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
                Text: m.Groups[5].Value)).ToList();
            words.ShouldNotBeEmpty();
            foreach (var w in words)
            {
                w.X0.ShouldBeGreaterThanOrEqualTo((20 * mm) - 1, $"page {page}: '{w.Text}' left of the margin");
                w.X1.ShouldBeLessThanOrEqualTo((190 * mm) + 1, $"page {page}: '{w.Text}' right of the margin");
                w.Y1.ShouldBeLessThanOrEqualTo((292 * mm) + 1, $"page {page}: '{w.Text}' below the page");
            }

            var body = words.Where(w => w.Y1 < 278 * mm).ToList();
            body.ShouldAllBe(w => w.Y1 < 276 * mm, $"page {page}: body text runs into the footer");
            for (var i = 0; i < words.Count; i++)
            {
                for (var j = i + 1; j < words.Count; j++)
                {
                    var (a, b) = (words[i], words[j]);
                    var overlap = Math.Min(a.X1, b.X1) - Math.Max(a.X0, b.X0) > 0.8 && Math.Min(a.Y1, b.Y1) - Math.Max(a.Y0, b.Y0) > 0.8;
                    overlap.ShouldBeFalse($"page {page}: '{a.Text}' overlaps '{b.Text}'");
                }
            }
        }

        page.ShouldBeGreaterThan(0);
    }

    private static string Euro(decimal amount) => amount.ToString("N2", CultureInfo.GetCultureInfo("de-DE")) + " €";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("<word xMin=\"([0-9.]+)\" yMin=\"([0-9.]+)\" xMax=\"([0-9.]+)\" yMax=\"([0-9.]+)\">([^<]*)</word>")]
    private static partial Regex Words();
}
