using Microsoft.Playwright;
using Shouldly;
using Stadtwerk.Core.Tests;

namespace Stadtwerk.Browser.Tests;

/// <summary>A clerk reads in a real bank statement in the browser and books a payment no contract was found for.</summary>
[Collection(SharedBrowser.Name)]
public sealed class PaymentsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_imports_a_bank_statement_and_assigns_an_unmatched_payment()
    {
        var page = await browser.SignedInPageAsync("/abrechnung/zahlungen");

        await page.GetByLabel("CAMT.053-Kontoauszug oder CAMT.054-Avis (XML)").SetInputFilesAsync(Path.Combine(SharedFiles.Root, "bank", "camt053", "de-vrbank-camt053.001.02.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Einlesen" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("de-vrbank-camt053.001.02.xml eingelesen");
        var unmatched = page.Locator("table").Last.Locator("tbody tr");
        (await unmatched.CountAsync()).ShouldBeGreaterThan(0, "the sample's payments name no contract of the demo utility");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "payments.png"), FullPage = true });

        var firstPayment = unmatched.Filter(new() { HasText = "Zahlung" }).First;
        await firstPayment.GetByPlaceholder("Vertrag").FillAsync("C3000010");
        await firstPayment.GetByRole(AriaRole.Button, new() { Name = "Buchen" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("auf Vertrag C3000010 gebucht");
    }
}
