using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>The demo utility "Stadtwerke Musterstadt": names, its staff (one per role) and the settings that mark it.</summary>
public static class DemoUtility
{
    public const string Name = "Stadtwerke Musterstadt";

    /// <summary>Settings key holding the utility's display name.</summary>
    public const string NameSetting = "utility.name";

    /// <summary>Settings key present when the demo data was loaded (value: the seed).</summary>
    public const string DemoSetting = "demo.seed";

    public const int Seed = 20_250_101;

    /// <summary>The demo's staff: one user per role, all with the same documented password.</summary>
    public const string StaffPassword = "Musterstadt-2025";

    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> Staff =
    [
        ("admin", "Anna Administratorin", Identity.StaffRoles.Administrator),
        ("abrechnung", "Bernd Abrechner", Identity.StaffRoles.BillingClerk),
        ("beratung", "Clara Beraterin", Identity.StaffRoles.Agent),
        ("kundenbuero", "Dieter Kundenbüro", Identity.StaffRoles.OfficeStaff),
        ("teamleitung", "Eva Teamleiterin", Identity.StaffRoles.TeamLead),
    ];
}

/// <summary>
/// Everything the demo generator produces, ready to be stored. <see cref="MistypedReadings"/>: the customers' own
/// readings entered with a digit missing, as happens; the billing run holds those bills for a clerk.
/// </summary>
public sealed record DemoData(
    IReadOnlyList<Tariff> Tariffs,
    IReadOnlyList<GasConversionFactor> GasConversionFactors,
    IReadOnlyList<Premise> Premises,
    IReadOnlyList<Customer> Customers,
    IReadOnlyList<Contract> Contracts,
    IReadOnlyList<Meter> Meters,
    IReadOnlyList<Reading> Readings,
    IReadOnlySet<Guid> MistypedReadings);

public sealed record DemoSummary(int Customers, int BusinessCustomers, int Premises, int Contracts, int Meters, int Readings, int Tariffs, string? History = null)
{
    public override string ToString() =>
        $"{Customers} customers ({BusinessCustomers} businesses), {Premises} premises, {Contracts} contracts, {Meters} meters, {Readings} readings, {Tariffs} tariffs{(History is null ? string.Empty : "; " + History)}";
}
