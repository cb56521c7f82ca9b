using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>The January run in the browser: a clerk starts it for one commodity, watches it, and gets the work list.</summary>
[Collection(SharedBrowser.Name)]
public sealed class BillingRunPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_starts_the_electricity_run_for_2021_watches_it_finish_and_sees_the_held_contracts()
    {
        var page = await browser.SignedInPageAsync("/abrechnung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Abrechnungsläufe" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/laeufe");

        // The demo's readings end in 2021: the form proposes its January run.
        (await page.GetByLabel("Abrechnungszeitraum endet frühestens am").InputValueAsync()).ShouldBe("2021-01-01");
        (await page.GetByLabel("… und spätestens am").InputValueAsync()).ShouldBe("2021-12-31");
        await page.GetByLabel("Sparte").SelectOptionAsync("electricity");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "billing-runs.png"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abrechnungslauf starten" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/laeufe/*");
        (await page.Locator("h1").InnerTextAsync()).ShouldStartWith("Abrechnungslauf ");

        // The page follows the run live and shows the report when it is done.
        await page.Locator("[data-field=status]", new() { HasText = "abgeschlossen" }).WaitForAsync(new() { Timeout = 120_000 });
        (await page.Locator("[data-field=percent]").InnerTextAsync()).ShouldBe("100");
        var totals = await page.Locator("table").First.InnerTextAsync();
        totals.ShouldContain("Strom");
        totals.ShouldContain("kWh");
        var held = page.Locator("table").Nth(1).Locator("tbody tr");
        (await held.CountAsync()).ShouldBeGreaterThan(0, "the demo's mistyped readings are on the work list");
        (await held.First.InnerTextAsync()).ShouldContain("Zählerstand gesunken");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "billing-run-report.png"), FullPage = true });

        await page.GotoAsync("/abrechnung/laeufe");
        (await page.Locator("table tbody tr").First.InnerTextAsync()).ShouldContain("abgeschlossen");
    }
}
