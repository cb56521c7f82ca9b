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
}
