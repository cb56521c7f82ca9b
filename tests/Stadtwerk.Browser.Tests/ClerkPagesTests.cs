using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>A billing clerk at work in the browser: find a contract, issue its annual bill, see it and the account.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ClerkPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_finds_a_demo_contract_issues_its_annual_bill_and_sees_it_booked()
    {
        var page = await browser.SignedInPageAsync("/abrechnung");

        await page.GetByLabel("Vertrag, Vertragskonto oder Kundennummer").FillAsync("C300001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Suchen" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "C3000010" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/vertraege/C3000010");
        await page.GetByLabel("Von").FillAsync("2021-01-01");
        await page.GetByLabel("Bis").FillAsync("2021-12-31");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechnung erstellen" }).ClickAsync();

        var message = await page.GetByRole(AriaRole.Status).Last.InnerTextAsync();
        message.ShouldMatch(@"^Rechnung \d{4}-\d{7} erstellt: Saldo -?[\d.]+,\d{2} €\.$");
        var billRows = page.Locator("table").Nth(0).Locator("tbody tr");
        (await billRows.CountAsync()).ShouldBe(1);
        (await billRows.First.InnerTextAsync()).ShouldContain("01.01.2021 – 31.12.2021");
        (await page.Locator("table").Last.InnerTextAsync()).ShouldContain("Rechnung");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "clerk-contract.png"), FullPage = true });

        await page.GotoAsync("/abrechnung/vertraege/C3000010");
        (await page.Locator("table").Nth(0).Locator("tbody tr").CountAsync()).ShouldBe(1, "coming back shows the bill and bills nothing twice");

        // The prefilled form to send the customer (or to print for a visit) is one click away.
        var form = await page.GetByRole(AriaRole.Link, new() { Name = "Bankverbindung und SEPA-Mandat" }).GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(form!);
        pdf.Status.ShouldBe(200);
        pdf.Headers["content-type"].ShouldBe("application/pdf");

        await page.GetByRole(AriaRole.Button, new() { Name = "Neu berechnen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Last.InnerTextAsync()).ShouldMatch(@"storniert \(\d{4}-\d{7}\) und neu berechnet: Rechnung \d{4}-\d{7}");
        (await page.Locator("table").Nth(0).Locator("tbody tr").CountAsync()).ShouldBe(3, "the bill, its cancellation and the corrected bill");

        await page.GetByLabel("Neuer Abschlag (ganze Euro)").FillAsync("35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschlag ändern" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).Last.InnerTextAsync()).ShouldContain("35,00 €");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "clerk-correction.png"), FullPage = true });
    }

    [Fact]
    public async Task A_clerk_goes_through_a_row_of_actions_on_one_contract_without_a_reload_and_each_irreversible_act_asks_first()
    {
        var page = await browser.SignedInPageAsync("/abrechnung");
        async Task<string> StatusAsync() => await page.GetByRole(AriaRole.Status).Last.InnerTextAsync();
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        var iso = System.Globalization.CultureInfo.InvariantCulture;

        // 1. Bill the period the form proposes (an electricity contract whose bill is not held: the demo holds a few).
        string? contract = null;
        for (var n = 3000030; n < 3000090 && contract is null; n++)
        {
            await page.GotoAsync($"/abrechnung/vertraege/C{n}");
            if (await page.GetByRole(AriaRole.Button, new() { Name = "Rechnung erstellen" }).CountAsync() == 0
                || !(await page.Locator("dl.facts").InnerTextAsync()).Contains("Strom,", StringComparison.Ordinal)
                || await page.Locator("#klaerfall").CountAsync() > 0)
            {
                continue;
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Rechnung erstellen" }).ClickAsync();
            if ((await StatusAsync()).StartsWith("Rechnung ", StringComparison.Ordinal))
            {
                contract = $"C{n}";
            }
        }

        contract.ShouldNotBeNull("a demo electricity contract between C3000030 and C3000089 can be billed");
        (await StatusAsync()).ShouldMatch(@"^Rechnung \d{4}-\d{7} erstellt");
        var billed = decimal.Parse((await page.Locator("h2:has-text('Rechnungen') + div table tbody tr td:nth-child(4)").First.InnerTextAsync()).Split(' ')[0], german);

        // 2. Change the installment: the next form posts to its own handler.
        await page.GetByLabel("Neuer Abschlag (ganze Euro)").FillAsync("80");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abschlag ändern" }).ClickAsync();
        (await StatusAsync()).ShouldMatch("^(Abschlag ab|Die Senkung|80,00)");

        // 3. A reading card for the end of the next period comes in with a digit too many: the clerk enters it.
        var nextEnd = await page.GetByLabel("Bis").InputValueAsync();
        var last = decimal.Parse(await page.Locator("h2:has-text('Zählerstände') + div table tbody tr td:nth-child(3)").First.InnerTextAsync(), german);
        await page.GetByText("Zählerstand korrigieren oder erfassen").ClickAsync();
        await page.GetByLabel("Ablesetag").FillAsync(nextEnd);
        await page.GetByLabel("Stand", new() { Exact = true }).FillAsync((last + 10 * billed).ToString(iso));
        await page.GetByLabel("Grund", new() { Exact = true }).FillAsync("Ablesekarte per Post");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zählerstand erfassen" }).ClickAsync();
        (await StatusAsync()).ShouldContain("erfasst");

        // 4. Billing the next period holds the bill for the clerk (ten times the consumption), and the page says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechnung erstellen" }).ClickAsync();
        (await StatusAsync()).ShouldStartWith("Zur Klärung zurückgestellt");
        (await page.Locator("#klaerfall").InnerTextAsync()).ShouldContain("Klärfall");

        // 5. The clerk corrects the reading, with a reason that the audit keeps.
        await page.GetByLabel("Zählerstand", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.GetByLabel("Richtiger Stand").FillAsync((last + billed).ToString(iso));
        await page.GetByLabel("Grund der Korrektur").FillAsync("Tippfehler: eine Ziffer zu viel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zählerstand korrigieren" }).ClickAsync();
        (await StatusAsync()).ShouldContain("korrigiert");
        (await page.Locator("#reading-changes").InnerTextAsync()).ShouldContain("Tippfehler: eine Ziffer zu viel");

        // 6. Billing the held period again (the form proposes it) issues the bill and closes the case.
        (await page.GetByLabel("Bis").InputValueAsync()).ShouldBe(nextEnd);
        await page.GetByRole(AriaRole.Button, new() { Name = "Rechnung erstellen" }).ClickAsync();
        (await StatusAsync()).ShouldMatch(@"^Rechnung \d{4}-\d{7} erstellt");
        (await page.Locator("#klaerfall").CountAsync()).ShouldBe(0);

        // 7. Cancel the newest bill, 8. re-bill the other one.
        await page.GetByRole(AriaRole.Button, new() { Name = "Stornieren" }).First.ClickAsync();
        (await StatusAsync()).ShouldContain("storniert mit Stornobeleg");
        await page.GetByRole(AriaRole.Button, new() { Name = "Neu berechnen" }).First.ClickAsync();
        (await StatusAsync()).ShouldMatch(@"storniert \(\d{4}-\d{7}\) und neu berechnet");

        // 9. A move-out with a final reading below the last one is refused; 10. with none (estimated) it is done.
        var from = DateOnly.ParseExact(await page.GetByLabel("Von").InputValueAsync(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var readings = await page.Locator("h2:has-text('Zählerstände') + div table tbody tr td:nth-child(3)").AllInnerTextsAsync();
        var below = Math.Max(0m, readings.Min(r => decimal.Parse(r, System.Globalization.CultureInfo.GetCultureInfo("de-DE"))) - 1);
        await page.GetByLabel("Auszugstag").FillAsync(from.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Zählerstand (leer: schätzen)").FillAsync(below.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Auszug erfassen" }).ClickAsync();
        (await StatusAsync()).ShouldContain("Auszug nicht möglich");
        await page.GetByLabel("Auszugstag").FillAsync(from.AddDays(9).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Auszug erfassen" }).ClickAsync();
        (await StatusAsync()).ShouldMatch("^Auszug zum .*(Schlussrechnung|zurückgestellt)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "clerk-day.png"), FullPage = true });

        // Every irreversible act asked first: three bills, the cancellation, the re-bill, two move-outs.
        browser.Questions.TryGetValue(page, out var asked).ShouldBeTrue();
        var questions = asked!.ToList();
        questions.Count(q => q.StartsWith("Rechnung für diesen Zeitraum erstellen", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3);
        questions.ShouldContain(q => q.Contains("stornieren? Der Stornobeleg", StringComparison.Ordinal));
        questions.ShouldContain(q => q.Contains("stornieren und neu berechnen", StringComparison.Ordinal));
        questions.Count(q => q.StartsWith("Auszug erfassen", StringComparison.Ordinal)).ShouldBe(2);

        // This one contract now has a reading of the next year's end: the January run's proposal stays on 2021.
        await page.GotoAsync("/abrechnung/laeufe");
        (await page.GetByLabel("… und spätestens am").InputValueAsync()).ShouldBe("2021-12-31");
    }
}
