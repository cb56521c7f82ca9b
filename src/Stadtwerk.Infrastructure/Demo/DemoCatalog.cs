using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>
/// The fixed facts of the demo utility "Stadtwerke Musterstadt": its town, tariffs, gas network areas, banks,
/// phone ranges and e-mail domains. Nothing here is random; the generator draws from these lists.
/// </summary>
internal static class DemoCatalog
{
    public const string Town = "Musterstadt";

    /// <summary>The day before the first billed year: every supply point running then has a reading on it.</summary>
    public static readonly DateOnly FirstReadingDay = new(2019, 12, 31);

    public static readonly DateOnly EndOf2020 = new(2020, 12, 31);

    /// <summary>The last reading day of the demo: the 2021 annual reading.</summary>
    public static readonly DateOnly LastReadingDay = new(2021, 12, 31);

    /// <summary>The town's postal codes, each one gas network area (Netzgebiet) of the town's gas grid.</summary>
    public static readonly IReadOnlyList<(string PostalCode, string NetworkArea)> Districts =
    [
        ("12345", "Musterstadt-Mitte"),
        ("12347", "Musterstadt-Nord"),
        ("12349", "Musterstadt-Süd"),
    ];

    /// <summary>The market partner number of the town's network operator (6 digits of the MeLo), per commodity.</summary>
    public const string ElectricityOperatorNumber = "004711";

    public const string GasOperatorNumber = "004712";

    public const string ElectricityBasic = "STROM-BASIS";
    public const string ElectricityGreen = "STROM-OEKO";
    public const string ElectricityBusiness = "STROM-GEWERBE";
    public const string GasComfort = "GAS-KOMFORT";
    public const string GasBusiness = "GAS-GEWERBE";
    public const string Water = "WASSER";
    public const string DistrictHeat = "FERNWAERME";

    private static readonly DateOnly Price2019 = new(2019, 1, 1);
    private static readonly DateOnly Price2020 = new(2020, 4, 1);
    private static readonly DateOnly Price2021 = new(2021, 1, 1);
    private static readonly DateOnly Price2021Summer = new(2021, 7, 1);

    /// <summary>
    /// The tariffs with their net prices (€/kWh, water €/m³; base €/year): a change in spring 2020, one at the start
    /// of 2021 (the CO₂ price on gas and heat) and one in summer 2021.
    /// </summary>
    public static IReadOnlyList<(string Code, string Name, Commodity Commodity, (DateOnly From, decimal Energy, decimal Base)[] Prices)> Tariffs { get; } =
    [
        (ElectricityBasic, "Musterstadt Strom Basis", Commodity.Electricity,
            [(Price2019, 0.2650m, 96.00m), (Price2020, 0.2790m, 102.00m), (Price2021, 0.2890m, 108.00m), (Price2021Summer, 0.2990m, 114.00m)]),
        (ElectricityGreen, "Musterstadt Strom Öko", Commodity.Electricity,
            [(Price2019, 0.2780m, 102.00m), (Price2020, 0.2920m, 108.00m), (Price2021, 0.3020m, 114.00m), (Price2021Summer, 0.3150m, 120.00m)]),
        (ElectricityBusiness, "Musterstadt Strom Gewerbe", Commodity.Electricity,
            [(Price2019, 0.2480m, 138.00m), (Price2020, 0.2590m, 144.00m), (Price2021, 0.2690m, 150.00m), (Price2021Summer, 0.2790m, 150.00m)]),
        (GasComfort, "Musterstadt Gas Komfort", Commodity.Gas,
            [(Price2019, 0.0590m, 120.00m), (Price2020, 0.0610m, 126.00m), (Price2021, 0.0665m, 132.00m), (Price2021Summer, 0.0710m, 132.00m)]),
        (GasBusiness, "Musterstadt Gas Gewerbe", Commodity.Gas,
            [(Price2019, 0.0550m, 180.00m), (Price2020, 0.0570m, 186.00m), (Price2021, 0.0625m, 192.00m), (Price2021Summer, 0.0665m, 192.00m)]),
        (Water, "Musterstadt Wasser", Commodity.Water,
            [(Price2019, 2.05m, 84.00m), (Price2020, 2.15m, 84.00m), (Price2021, 2.30m, 90.00m), (Price2021Summer, 2.42m, 90.00m)]),
        (DistrictHeat, "Musterstadt Fernwärme", Commodity.Heat,
            [(Price2019, 0.0830m, 180.00m), (Price2020, 0.0860m, 186.00m), (Price2021, 0.0940m, 192.00m), (Price2021Summer, 0.0990m, 198.00m)]),
    ];

    /// <summary>Fictitious banks: bank code (BLZ, 8 digits, shaped like real ones) and BIC.</summary>
    public static readonly IReadOnlyList<(string BankCode, string Bic, int Weight)> Banks =
    [
        ("12350000", "MUSPDE21XXX", 40), // Sparkasse Musterstadt
        ("12360010", "GENMDE21MST", 25), // Volksbank Musterstadt eG
        ("12340024", "MUBADEFFXXX", 12), // Musterbank, Filiale Musterstadt
        ("12370055", "DIRKDEB1XXX", 13), // Direktbank
        ("12380099", "POMUDE2MXXX", 10), // Postbank-like
    ];

    /// <summary>
    /// Landline numbers that are never assigned to anyone: the Bundesnetzagentur's "Drama Numbers" for media
    /// productions (five ranges of 1000). Demo data must not ring real people.
    /// </summary>
    public static readonly IReadOnlyList<string> PhoneRanges = ["030 23125", "069 90009", "040 66969", "0221 4710", "089 99998"];

    /// <summary>E-mail domains under the reserved top-level domain .example (RFC 2606): demo mail reaches no one.</summary>
    public static readonly IReadOnlyList<string> EmailDomains = ["mail.example", "post.example", "web.example", "netz.example", "musterstadt-online.example"];

    /// <summary>Company name patterns; {L} and {K} are last names, {F} a first name, {S} a street.</summary>
    public static readonly IReadOnlyList<string> CompanyPatterns =
    [
        "Bäckerei {L}", "Metzgerei {L}", "Konditorei {L}", "{L} GmbH", "{L} & {K} GmbH", "Autohaus {L} GmbH & Co. KG",
        "Elektro {L} KG", "Sanitär {L} GmbH", "Zahnarztpraxis Dr. {L}", "Steuerberatung {L} & Partner", "Blumen {L}",
        "{L} Bau GmbH", "Malerbetrieb {L} e.K.", "Schreinerei {L}", "Gasthaus {L}", "Hotel {L} KG", "Physiotherapie {F} {L}",
        "Optik {L}", "Kfz-Werkstatt {L} OHG", "Getränkemarkt {L}", "Friseursalon {F} {L}", "Dachdeckerei {L} GmbH",
        "Apotheke in der {S}", "Café {F}", "Fahrschule {L}", "Druckerei {L} & Söhne KG", "Gärtnerei {L}", "Tierarztpraxis Dr. {L}",
        "Reinigung {L}", "{L} Immobilien GmbH",
    ];

    public static Tariff[] CreateTariffs() =>
    [
        .. Tariffs.Select(t => Required(Tariff.Create(
            t.Code,
            t.Name,
            t.Commodity,
            t.Prices.Select(p => TariffPrice.Create(p.From, p.Energy, p.Base))))),
    ];

    public static T Required<T>(Core.DomainResult<T> result)
        where T : class =>
        result.Value ?? throw new InvalidOperationException(
            $"demo data broke a rule of {typeof(T).Name}: {string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"))}");
}
