using Deque.AxeCore.Playwright;
using Shouldly;
using Stadtwerk.Infrastructure.Demo;

namespace Stadtwerk.Browser.Tests;

/// <summary>The pages pass axe-core's WCAG 2.1 A/AA rules: labels, contrast, landmarks, names of buttons and links.</summary>
[Collection(SharedBrowser.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/", false)]
    [InlineData("/anmeldung", false)]
    [InlineData("/intern", true)]
    [InlineData("/abrechnung?q=C300001", true)]
    [InlineData("/abrechnung/vertraege/C3000010", true)]
    [InlineData("/abrechnung/klaerfaelle", true)]
    [InlineData("/abrechnung/abschlaege", true)]
    [InlineData("/abrechnung/zahlungen", true)]
    [InlineData("/abrechnung/laeufe", true)]
    [InlineData("/abrechnung/ableseaktionen", true)]
    public async Task A_page_has_no_WCAG_violations(string path, bool signedIn)
    {
        var page = await browser.NewPageAsync();
        if (signedIn)
        {
            await page.GotoAsync("/anmeldung");
            await page.GetByLabel("Benutzername").FillAsync("abrechnung");
            await page.GetByLabel("Passwort").FillAsync(DemoUtility.StaffPassword);
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
            await page.WaitForURLAsync("**/intern");
        }

        await page.GotoAsync(path);
        var result = await page.RunAxe(new Deque.AxeCore.Commons.AxeRunOptions
        {
            RunOnly = new Deque.AxeCore.Commons.RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });

        result.Passes.ShouldNotBeEmpty("axe checked the page");
        result.Violations.Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Take(3).Select(n => string.Join(" ", n.Target)))})").ShouldBeEmpty();
    }
}
