using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Hangfire;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using Serilog;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Demo;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Identity;
using Stadtwerk.Infrastructure.Messaging;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;
using Stadtwerk.Web.Hosting;

namespace Stadtwerk.Web;

/// <summary>Composes the web host: logging, database, staff sign-in, API, pages.</summary>
public static class StadtwerkWebApplication
{
    public const string CalculatePolicy = "calculate";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSerilog(
            (services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"),
            preserveStaticLogger: true);

        var database = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddStadtwerkDatabase(database);
        builder.Services.AddHostedService<DatabasePreparation>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services.AddIdentity<StaffUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Lockout.MaxFailedAccessAttempts = 5;
            })
            .AddEntityFrameworkStores<StadtwerkDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/anmeldung";
            options.LogoutPath = "/anmeldung/abmelden";
            options.AccessDeniedPath = "/anmeldung/kein-zugriff";
            options.Cookie.Name = "stadtwerk.staff";
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicies.MasterData, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.BillingClerk, StaffRoles.Agent, StaffRoles.TeamLead, StaffRoles.OfficeStaff))
            .AddPolicy(ApiPolicies.Tariffs, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.BillingClerk))
            .AddPolicy(ApiPolicies.Billing, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.BillingClerk, StaffRoles.TeamLead))
            .AddPolicy(ApiPolicies.Cases, p => p.RequireRole(StaffRoles.Administrator, StaffRoles.BillingClerk, StaffRoles.Agent, StaffRoles.TeamLead, StaffRoles.OfficeStaff));

        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(CalculatePolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = builder.Configuration.GetValue("RateLimits:CalculatePerMinute", 120), Window = TimeSpan.FromMinutes(1) }));
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestBodyHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        builder.Services.AddScoped<StaffAccounts>();
        builder.Services.AddScoped<DemoLoader>();
        builder.Services.AddScoped<DemoArrears>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Billing").Get<BillingSettings>() ?? new BillingSettings());
        builder.Services.AddScoped<BillContract>();
        builder.Services.AddScoped<ContractOverviews>();
        builder.Services.AddScoped<CancelBill>();
        builder.Services.AddScoped<CorrectBill>();
        builder.Services.AddScoped<ConfirmConsumption>();
        builder.Services.AddScoped<Stadtwerk.Infrastructure.Payments.PaymentImporter>();
        builder.Services.AddScoped<MoveOut>();
        builder.Services.AddScoped<ChangeInstallment>();
        builder.Services.AddScoped<AgreeSettlement>();
        builder.Services.AddScoped<Stadtwerk.Infrastructure.Metering.ReadingCampaigns>();
        builder.Services.AddScoped<Stadtwerk.Infrastructure.Metering.ReadingEntries>();
        builder.Services.AddScoped<Stadtwerk.Infrastructure.Payments.DirectDebitRejections>();
        builder.Services.AddScoped<Stadtwerk.Infrastructure.Cases.CaseQueries>();
        builder.Services.AddBillDocuments(builder.Configuration);
        builder.Services.AddPayments(builder.Configuration, database, builder.Configuration.GetValue("BillingRuns:Worker", true));

        builder.Services.AddEmail(builder.Configuration.GetSection("Smtp").Get<Stadtwerk.Infrastructure.Messaging.SmtpSettings>() ?? new Stadtwerk.Infrastructure.Messaging.SmtpSettings());
        builder.Services.AddBillingRuns(database, builder.Configuration.GetSection("BillingRuns").Get<BillingRunOptions>() ?? new BillingRunOptions());
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Stadtwerk API";
            document.Info.Description = "Master data and billing of a municipal utility. Staff APIs need a signed-in staff member (cookie from POST /api/auth/login); POST /api/billing/calculate is public.";
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks().AddDbContextCheck<StadtwerkDbContext>("database");
        builder.Services.AddLocalization(options => options.ResourcesPath = "Resources");
        builder.Services.AddRazorPages().AddViewLocalization();
        builder.Services.AddAntiforgery();

        var app = builder.Build();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();

        app.UseStatusCodePages();
        // German first; English when chosen (query ?culture=en-GB or the cookie the language switch sets), never guessed from the browser.
        var localization = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("de-DE"),
            SupportedCultures = [new CultureInfo("de-DE"), new CultureInfo("en-GB")],
            SupportedUICultures = [new CultureInfo("de-DE"), new CultureInfo("en-GB")],
        };
        localization.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        app.UseRequestLocalization(localization);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapOpenApi();
        app.MapScalarApiReference("/api-docs", options =>
        {
            options.WithTitle("Stadtwerk API").WithOpenApiRoutePattern("/openapi/v1.json");
            options.Telemetry = false;
            options.ShowDeveloperTools = DeveloperToolsVisibility.Never;
            options.Agent = new ScalarAgentOptions { Disabled = true };
            options.Mcp = new ScalarMcpOptions { Disabled = true };
        });
        app.MapHealthChecks("/health");
        app.MapStadtwerkApi();
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // The job engine's own dashboard (servers, queues, retries) for those who run billing; the app's sign-in guards it.
            app.MapHangfireDashboard(
                "/hangfire",
                new DashboardOptions { Authorization = [], AsyncAuthorization = [], AppPath = "/abrechnung/laeufe", DashboardTitle = "Stadtwerk: Abrechnungsläufe (Hangfire)" },
                app.Services.GetRequiredService<BillingJobStorage>().Storage)
                .RequireAuthorization(ApiPolicies.Billing);
        }

        Api.Documents.DocumentDownloads.Map(app);
        app.MapGet("/sprache/{culture}", (HttpContext context, string culture, string? returnUrl) =>
        {
            var chosen = culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en-GB" : "de-DE";
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax });
            return Results.LocalRedirect(returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/");
        }).ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}

/// <summary>Names this assembly for WebApplicationFactory (the CLI has a Program class of its own).</summary>
public sealed class WebEntryPoint;
