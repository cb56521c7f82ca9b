using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>The language switch covers every clerk page: after "English" no page shows German words of its own.</summary>
[Collection(SharedBrowser.Name)]
public sealed partial class EnglishPagesTests(BrowserFixture browser)
{
    /// <summary>
    /// Words of the pages' German that English never uses. Proper names (Stadtwerke Musterstadt, streets, customers) hold none
    /// of them; umlauts alone would hit names like Müller or Mühlenweg, so they are not on the list.
    /// </summary>
    private static readonly string[] GermanWords =
    [
        " und ", " oder ", " der ", " die ", " das ", " nicht ", " für ", " mit ", " vom ", " bis ", "Bitte", "Keine", "Noch ", "erstellt",
        "Rechnung", "Vertrag", "Verträge", "Zähler", "Sparte", "Abschl", "Lastschrift", "Mahnung", "Vorgang", "Vorgänge", "Klärf",
        "Zeitraum", "Stand ", "Fällig", "fällig", "Betrag", "Saldo", "Gebühr", "Erstattung", "Auszahlung", "Überweisung", "Druckstapel",
        "Ableseaktion", "Einzug", "Abrechnung", "Brief", "Kunde", "Grund", "Datum", "gesendet", "zurück", "Uhr",
    ];

    /// <summary>
    /// Data the pages show as it is stored, not their own words: the demo's item references ("Abschlag 03/2027"), the banks'
    /// return reasons, and the cases' subjects and details (written in German when the case was opened).
    /// </summary>
    [GeneratedRegex(@"Abschlag (\d{2}/\d{4}|\d{4}-\d{2}-\d{2})|Rechnung \d{4}-\d{7}|Vorgang V-?\d+|Stadtwerke Musterstadt")]
    private static partial Regex StoredData();

    [Fact]
    public async Task Every_clerk_page_reads_English_after_the_switch_and_German_again_after_switching_back()
    {
        var page = await browser.SignedInPageAsync("/abrechnung");
        await page.GetByRole(AriaRole.Link, new() { Name = "English", Exact = true }).ClickAsync();
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        async Task<string> StatusAsync() => await page.GetByRole(AriaRole.Status).Last.InnerTextAsync();

        // A contract of its own (the other tests bill contracts up to C3000900): a supplying one from C3001500 on.
        // A bill with To before From is refused, in English.
        string? contract = null;
        for (var n = 3001500; n < 3001600 && contract is null; n++)
        {
            var number = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"C{n}");
            var response = await page.Context.APIRequest.GetAsync($"/api/contracts/{number}");
            if (response.Ok && (await response.JsonAsync())!.Value is var json
                && json.GetProperty("startDate").GetString() is { } start && string.CompareOrdinal(start, "2021-01-01") <= 0
                && (!json.TryGetProperty("endDate", out var end) || end.ValueKind == System.Text.Json.JsonValueKind.Null))
            {
                contract = number;
            }
        }

        contract.ShouldNotBeNull("a demo contract from C3001500 on supplies through 2021");
        await page.GotoAsync($"/abrechnung/vertraege/{contract}");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2021-12-31");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2021-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue bill" }).ClickAsync();
        (await StatusAsync()).ShouldBe("Please give a valid period (To not before From).");

        // The bill of the period the form proposes (the one after the last bill: a billing run of another test
        // may have billed 2021 already) is issued or held, in English, with the amount the English way.
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue bill" }).ClickAsync();
        (await StatusAsync()).ShouldMatch(@"^(Bill \d{4}-\d{7} issued: balance -?[\d,]+\.\d{2} €\.|Held for a clerk: .+)$");
        browser.Questions.TryGetValue(page, out var asked).ShouldBeTrue();
        asked!.ShouldContain("Issue the bill for this period? Once issued, only a cancellation can undo it.");
        await AssertEnglishAsync(page, $"/abrechnung/vertraege/{contract}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "contract-en.png"), FullPage = true });

        // A billing run of this one contract, for the run page (the demo has none of its own).
        var started = await page.APIRequest.PostAsync("/api/billing-runs", new() { DataObject = new { periodEndFrom = "2022-12-31", periodEndTo = "2022-12-31", contractNumbers = new[] { contract } } });
        started.Status.ShouldBe(202, await started.TextAsync());
        var run = started.Headers["location"].Split('/')[^1];

        string[] pages =
        [
            "/abrechnung", "/abrechnung/klaerfaelle", "/abrechnung/versand", "/abrechnung/laeufe", $"/abrechnung/laeufe/{run}",
            "/abrechnung/einzug", "/abrechnung/erstattungen", "/abrechnung/zahlungen", "/abrechnung/mahnwesen", "/abrechnung/abschlaege",
            "/abrechnung/ableseaktionen", "/vorgaenge",
        ];
        foreach (var path in pages)
        {
            await AssertEnglishAsync(page, path);
        }

        // A bill's own page.
        await page.GotoAsync($"/abrechnung/vertraege/{contract}");
        var bill = await page.Locator("h2:has-text('Bills') + div table tbody tr td a").First.GetAttributeAsync("href");
        await AssertEnglishAsync(page, bill!);

        germanFound.ShouldBeEmpty($"German in English mode:\n{string.Join('\n', germanFound)}");

        // Back to German: the same contract page is German again.
        await page.GotoAsync($"/abrechnung/vertraege/{contract}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/abrechnung/vertraege/{contract}");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe($"Vertrag {contract}");
        var german = await page.Locator("main").InnerTextAsync();
        german.ShouldContain("Jahresabrechnung erstellen");
        german.ShouldContain("Zählerstände");
        german.ShouldNotContain("Issue the annual bill");
    }

    private readonly List<string> germanFound = [];

    private async Task AssertEnglishAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        response!.Status.ShouldBe(200, path);
        var text = StoredData().Replace(await page.TitleAsync() + "\n" + await page.Locator("main").InnerTextAsync(), string.Empty);
        // The cases' subjects and details are stored data: leave out the cells that show them.
        foreach (var stored in await page.Locator("td:has(> strong)").AllInnerTextsAsync())
        {
            text = text.Replace(stored, string.Empty, StringComparison.Ordinal);
        }

        var found = GermanWords.Where(word => text.Contains(word, StringComparison.Ordinal))
            .Select(word => $"\"{word}\" in: {Around(text, word)}")
            .ToList();
        germanFound.AddRange(found.Select(f => $"{path}: {f}"));
    }

    private static string Around(string text, string word)
    {
        var at = text.IndexOf(word, StringComparison.Ordinal);
        var start = Math.Max(0, at - 50);
        return text[start..Math.Min(text.Length, at + word.Length + 50)].ReplaceLineEndings(" ");
    }
}
