using Microsoft.Playwright;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests;

namespace Stadtwerk.Browser.Tests;

/// <summary>
/// The application with the demo utility on SQLite, served by Kestrel on a free local port, and one headless
/// Chromium. Screenshots go to the test output folder (screenshots/) for people to look at.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private TestDatabase? database;
    private StadtwerkApp? app;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: scripts/test.sh installs Debian's chromium (apt-get install chromium).");
        }

        database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        app.UseKestrel(0);
        app.StartServer();
        BaseAddress = app.ClientOptions.BaseAddress;
        Directory.CreateDirectory(ScreenshotFolder);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        // Irreversible acts ask first (confirm): a clerk says yes; what was asked is kept for the tests to check.
        var asked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Questions.AddOrUpdate(page, asked);
        page.Dialog += async (_, dialog) =>
        {
            asked.Enqueue(dialog.Message);
            await dialog.AcceptAsync();
        };
        return page;
    }

    /// <summary>The questions (confirm dialogs) each page asked, in order; every one was answered yes.</summary>
    public System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> Questions { get; } = new();

    /// <summary>A page signed in through the sign-in form as the demo's billing clerk, at <paramref name="path"/>.</summary>
    /// <summary>Makes and sends the queued letters now, as the dispatch worker would (the test host does not run it on a timer).</summary>
    public async Task<int> DispatchLettersAsync()
    {
        using var scope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateScope(app!.Services);
        return await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Stadtwerk.Infrastructure.Documents.BillDispatch>(scope.ServiceProvider).DispatchQueuedAsync(CancellationToken.None);
    }

    public async Task<IPage> SignedInPageAsync(string path, string userName = "abrechnung")
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/anmeldung?ReturnUrl=" + Uri.EscapeDataString(path));
        await page.GetByLabel("Benutzername").FillAsync(userName);
        await page.GetByLabel("Passwort").FillAsync(Stadtwerk.Infrastructure.Demo.DemoUtility.StaffPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden" }).ClickAsync();
        await page.WaitForURLAsync("**" + path);
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>All browser tests share one application and one Chromium and run one after the other: on two cores,
/// several demo loads and browsers at once only make every test slower.</summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
