using System.Collections.Immutable;

namespace Stadtwerk.Core.Billing;

/// <summary>The German statutory VAT rates per commodity (UStG § 12, the 2020 reduction, the 2022–2024 gas reduction).</summary>
public static class StatutoryVat
{
    private static readonly ImmutableArray<VatRate> ElectricityRates =
    [
        VatRate.Create(new DateOnly(2007, 1, 1), 0.19m),
        VatRate.Create(new DateOnly(2020, 7, 1), 0.16m),
        VatRate.Create(new DateOnly(2021, 1, 1), 0.19m),
    ];

    private static readonly ImmutableArray<VatRate> GasAndHeatRates =
    [
        VatRate.Create(new DateOnly(2007, 1, 1), 0.19m),
        VatRate.Create(new DateOnly(2020, 7, 1), 0.16m),
        VatRate.Create(new DateOnly(2021, 1, 1), 0.19m),
        VatRate.Create(new DateOnly(2022, 10, 1), 0.07m),
        VatRate.Create(new DateOnly(2024, 4, 1), 0.19m),
    ];

    private static readonly ImmutableArray<VatRate> WaterRates =
    [
        VatRate.Create(new DateOnly(2007, 1, 1), 0.07m),
        VatRate.Create(new DateOnly(2020, 7, 1), 0.05m),
        VatRate.Create(new DateOnly(2021, 1, 1), 0.07m),
    ];

    public static ImmutableArray<VatRate> For(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => ElectricityRates,
        Commodity.Gas or Commodity.Heat => GasAndHeatRates,
        Commodity.Water => WaterRates,
        _ => throw new ArgumentOutOfRangeException(nameof(commodity), commodity, "Unknown commodity."),
    };
}
