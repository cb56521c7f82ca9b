using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>
/// The clerk's pages on the screens they are used on: a 1366×768 laptop and a tablet (768×1024 portrait, 1024×768
/// landscape). The page itself never scrolls sideways (wide tables scroll inside their own box), and no control sits
/// past the right edge. Screenshots go to the screenshot folder, named by page and size.
/// </summary>
[Collection(SharedBrowser.Name)]
public sealed class ClerkLayoutTests(BrowserFixture browser)
{
    private static readonly string[] Pages =
    [
        "/abrechnung",
        "/abrechnung/vertraege/C3000001",
        "/abrechnung/laeufe",
        "/abrechnung/klaerfaelle",
        "/abrechnung/abschlaege",
        "/abrechnung/einzug",
        "/abrechnung/erstattungen",
        "/abrechnung/zahlungen",
        "/abrechnung/mahnwesen",
        "/abrechnung/versand",
        "/abrechnung/ableseaktionen",
        "/vorgaenge",
    ];

    [Theory]
    [InlineData(1366, 768)]
    [InlineData(768, 1024)]
    [InlineData(1024, 768)]
    public async Task Every_clerk_page_fits_the_screen_and_only_tables_scroll_sideways(int width, int height)
    {
        var page = await browser.SignedInPageAsync("/abrechnung");
        await page.SetViewportSizeAsync(width, height);
        var problems = new List<string>();
        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(path);
            response!.Status.ShouldBe(200, path);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            if (overflow > 0)
            {
                problems.Add($"{path}: the page is {overflow} px wider than the {width} px screen");
            }

            // Controls and text outside a scrolling table box must end inside the screen.
            var outside = await page.EvaluateAsync<string[]>(@"(width) => [...document.querySelectorAll('main button, main input, main select, main textarea, main label, main h1, main h2, main p')]
                .filter(e => !e.closest('.table-scroll') && e.getClientRects().length > 0 && e.getBoundingClientRect().right > width + 1)
                .slice(0, 5).map(e => e.tagName.toLowerCase() + ' ' + (e.id || e.name || e.textContent.trim().slice(0, 40)))", width);
            problems.AddRange(outside.Select(o => $"{path}: {o} ends past the right edge"));
            var name = path.Trim('/').Replace('/', '-');
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"layout-{width}x{height}-{name}.png"), FullPage = true });
        }

        problems.ShouldBeEmpty();
    }
}
