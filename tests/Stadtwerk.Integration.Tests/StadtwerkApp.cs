using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Stadtwerk.Infrastructure.Demo;
using Stadtwerk.Infrastructure.Identity;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests;

/// <summary>The real web application on a test database of one provider, with the demo's staff accounts.</summary>
public sealed class StadtwerkApp : WebApplicationFactory<Stadtwerk.Web.WebEntryPoint>
{
    private readonly TestDatabase database;
    private readonly bool loadDemo;
    private readonly bool billingWorker;
    private readonly int? smtpPort;
    private readonly IReadOnlyDictionary<string, string> settings;

    /// <param name="billingWorker">Whether the app bills the chunks of billing runs itself (Hangfire server on PostgreSQL, in-process on SQLite).</param>
    /// <param name="smtpPort">An SMTP server on localhost to send the outbox's e-mails to (the sender's own loop polls only hourly: tests drive it).</param>
    /// <param name="settings">More configuration (e.g. <c>Documents:EmailAttachment</c>), applied last.</param>
    public StadtwerkApp(TestDatabase database, bool loadDemo = false, bool billingWorker = false, int? smtpPort = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string>();
        this.database = database;
        this.loadDemo = loadDemo;
        this.billingWorker = billingWorker;
        this.smtpPort = smtpPort;
    }

    public TestDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", database.Settings.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:LoadOnFirstStart", loadDemo ? "true" : "false");
        builder.UseSetting("Demo:History", "false"); // a test that wants the demo's dunning history asks for it in settings
        builder.UseSetting("RateLimits:CalculatePerMinute", "1000");
        builder.UseSetting("BillingRuns:Worker", billingWorker ? "true" : "false");
        builder.UseSetting("BillingRuns:InvisibilitySeconds", "15");
        builder.UseSetting("Documents:Dispatch", "false");
        builder.UseSetting("Payments:Scheduled", "false");
        builder.UseSetting("Sepa:CreditorName", "Stadtwerke Musterstadt GmbH");
        builder.UseSetting("Sepa:CreditorId", "DE98ZZZ09999999999");
        builder.UseSetting("Sepa:Iban", "DE89370400440532013000");
        builder.UseSetting("Sepa:Bic", "COBADEFFXXX");
        if (smtpPort is { } port)
        {
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:Security", "None");
            builder.UseSetting("Smtp:PollSeconds", "3600");
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client signed in as a staff member with <paramref name="role"/> (a user is created on first use).</summary>
    public async Task<HttpClient> SignedInClientAsync(string role = StaffRoles.BillingClerk)
    {
        var userName = $"test-{role.ToLowerInvariant()}";
        using (var scope = Services.CreateScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
            await staff.EnsureRolesAsync();
            await staff.EnsureUserAsync(userName, $"{userName}@test.example", $"Test {role}", DemoUtility.StaffPassword, role);
        }

        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = DemoUtility.StaffPassword });
        login.IsSuccessStatusCode.ShouldBeTrue($"sign-in as {userName}: {await login.Content.ReadAsStringAsync()}");
        return client;
    }

    public StadtwerkDbContext OpenDb() => database.Open();
}
