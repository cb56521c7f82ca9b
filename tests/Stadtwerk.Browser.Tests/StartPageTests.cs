using Microsoft.Playwright;
using Shouldly;
using Stadtwerk.Infrastructure.Demo;

namespace Stadtwerk.Browser.Tests;

/// <summary>What a new user sees first: the start page with the demo utility, the API page, the sign-in.</summary>
[Collection(SharedBrowser.Name)]
public sealed class StartPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_start_page_shows_the_running_demo_utility_in_German()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/");

        response!.Status.ShouldBe(200);
        (await page.TitleAsync()).ShouldContain(DemoUtility.Name);
        (await page.Locator("h1").InnerTextAsync()).ShouldBe(DemoUtility.Name);
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Stadtwerk läuft");
        var customers = await page.Locator(".figures div").First.Locator("dd").InnerTextAsync();
        customers.ShouldMatch(@"^\d\.\d{3}$", "about 2,000 customers, written the German way (2.000)");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "start-page.png"), FullPage = true });
    }

    [Fact]
    public async Task The_start_page_and_the_sign_in_switch_to_English_and_back()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("Stadtwerk is running");
        (await page.Locator(".figures div").First.Locator("dd").InnerTextAsync()).ShouldMatch(@"^\d,\d{3}$");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("en");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "start-page-en.png"), FullPage = true });
        await page.GotoAsync("/anmeldung");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Staff sign-in");

        await page.GetByRole(AriaRole.Link, new() { Name = "Deutsch" }).ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Anmeldung für Mitarbeitende");
    }

    [Fact]
    public async Task The_API_page_renders_the_documented_endpoints()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "API-Dokumentation" }).ClickAsync();
        await page.WaitForURLAsync("**/api-docs/**");
        await page.GetByText("Stadtwerk API").First.WaitForAsync(new() { Timeout = 15_000 });

        (await page.ContentAsync()).ShouldContain("/api/billing/calculate");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "api-page.png") });
    }

    [Fact]
    public async Task A_demo_clerk_signs_in_and_sees_the_staff_page()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/intern");
        page.Url.ShouldContain("/anmeldung");
        await page.GetByLabel("Benutzername").FillAsync("abrechnung");
        await page.GetByLabel("Passwort").FillAsync(DemoUtility.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/intern");

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Willkommen, Bernd Abrechner");
        (await page.ContentAsync()).ShouldContain("Abrechnung");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "staff-page.png") });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_in_German()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/anmeldung");
        await page.GetByLabel("Benutzername").FillAsync("abrechnung");
        await page.GetByLabel("Passwort").FillAsync("falsch-falsch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();

        (await page.GetByRole(AriaRole.Alert).InnerTextAsync()).ShouldBe("Benutzername oder Passwort ist falsch.");
    }
}
