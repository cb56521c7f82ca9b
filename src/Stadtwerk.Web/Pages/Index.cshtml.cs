using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Demo;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Pages;

/// <summary>The public start page: shows that the system runs, on which database, and with how much data.</summary>
public sealed class IndexModel(StadtwerkDbContext db, DatabaseSettings database, TimeProvider clock) : PageModel
{

    public string UtilityName { get; private set; } = DemoUtility.Name;

    public string DatabaseName => database.Provider == DatabaseProvider.Sqlite ? "SQLite (eingebettet)" : "PostgreSQL";

    public string Now => TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("g", CultureInfo.CurrentCulture);

    public int Customers { get; private set; }

    public int BusinessCustomers { get; private set; }

    public int Contracts { get; private set; }

    public int Meters { get; private set; }

    public int Readings { get; private set; }

    public int Tariffs { get; private set; }

    public IReadOnlyList<(string Commodity, int Count)> ContractsByCommodity { get; private set; } = [];

    public string Figure(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public async Task OnGetAsync(CancellationToken ct)
    {
        UtilityName = await db.Settings.Where(s => s.Key == DemoUtility.NameSetting).Select(s => s.Value).FirstOrDefaultAsync(ct) ?? DemoUtility.Name;
        Customers = await db.Customers.CountAsync(ct);
        BusinessCustomers = await db.Customers.CountAsync(c => c.Kind == CustomerKind.Business, ct);
        Contracts = await db.Contracts.CountAsync(ct);
        Meters = await db.Meters.CountAsync(ct);
        Readings = await db.Readings.CountAsync(ct);
        Tariffs = await db.Tariffs.CountAsync(ct);
        var byCommodity = await db.Contracts.GroupBy(c => c.Commodity).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        ContractsByCommodity = [.. byCommodity.OrderBy(g => g.Key).Select(g => (GermanName(g.Key), g.Count))];
    }

    public static string GermanName(Commodity commodity) => Stadtwerk.Web.Pages.German.Commodity(commodity);
}
