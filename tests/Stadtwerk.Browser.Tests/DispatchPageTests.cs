using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>The dispatch page: where the letters are, and a print batch made from it.</summary>
[Collection(SharedBrowser.Name)]
public sealed class DispatchPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_sees_where_the_letters_are_and_makes_a_print_batch_whose_pdf_and_manifest_open()
    {
        var page = await browser.SignedInPageAsync("/abrechnung");
        await page.GetByRole(AriaRole.Link, new() { Name = "Versand und Druck" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/versand");
        (await page.Locator("#dispatch-counts").InnerTextAsync()).ShouldContain("Warten auf den Druck");

        // Bills of ten contracts: some of their customers get letters by post, so something waits for print.
        for (var n = 3000100; n < 3000110; n++)
        {
            await page.APIRequest.PostAsync($"/api/contracts/C{n}/bills", new() { DataObject = new { periodStart = "2021-01-01", periodEnd = "2021-12-31" } });
        }

        await browser.DispatchLettersAsync();
        await page.ReloadAsync();
        (await page.Locator("[data-field=to-print]").InnerTextAsync()).ShouldNotStartWith("0");
        var button = page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Druckstapel erstellen") });
        (await button.IsEnabledAsync()).ShouldBeTrue("a letter waits for print");
        await button.ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"^Druckstapel \d+ erstellt: \d+ Briefe, \d+ Seiten");
        (await page.Locator("[data-field=to-print]").InnerTextAsync()).ShouldStartWith("0");
        var row = page.Locator("#print-batches tbody tr").First;
        var pdf = await page.APIRequest.GetAsync(await row.GetByRole(AriaRole.Link, new() { Name = "PDF" }).GetAttributeAsync("href") ?? "/");
        pdf.Status.ShouldBe(200);
        (await pdf.BodyAsync()).Take(5).ToArray().ShouldBe("%PDF-"u8.ToArray());
        browser.Questions.TryGetValue(page, out var asked).ShouldBeTrue();
        asked!.ShouldContain(q => q.StartsWith("Alle wartenden Briefe", StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dispatch.png"), FullPage = true });
    }
}
