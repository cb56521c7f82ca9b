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

    /// <summary>
    /// What the pages show depends on the data (an empty list has no table), so the browser check above cannot see
    /// every table. Every table of every page sits in its own scrolling box, whatever rows it gets.
    /// </summary>
    [Fact]
    public void Every_table_of_every_page_scrolls_inside_its_own_box()
    {
        var pages = Path.Combine(RepositoryRoot(), "src", "Stadtwerk.Web", "Pages");
        var unwrapped = new List<string>();
        foreach (var file in Directory.EnumerateFiles(pages, "*.cshtml", SearchOption.AllDirectories))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].TrimStart().StartsWith("<table", StringComparison.Ordinal))
                {
                    continue;
                }

                var before = lines.Take(i).LastOrDefault(l => l.Trim().Length > 0) ?? "";
                if (!before.Contains("class=\"table-scroll\"", StringComparison.Ordinal))
                {
                    unwrapped.Add($"{Path.GetRelativePath(pages, file)}:{i + 1}");
                }
            }
        }

        unwrapped.ShouldBeEmpty();
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Stadtwerk.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Stadtwerk.slnx above {AppContext.BaseDirectory}.");
    }
}
