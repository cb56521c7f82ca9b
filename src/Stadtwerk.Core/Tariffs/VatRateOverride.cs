using System.Collections.Immutable;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tariffs;

/// <summary>
/// A VAT rate the utility sets for a commodity from a date, overriding or extending the statutory table
/// (for a future change of the law before the software knows it).
/// </summary>
public sealed class VatRateOverride
{
    private VatRateOverride()
    {
    }

    public Guid Id { get; private set; }

    public Commodity Commodity { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public decimal Rate { get; private set; }

    public static VatRateOverride Create(Commodity commodity, DateOnly validFrom, decimal rate) => new()
    {
        Id = Guid.CreateVersion7(),
        Commodity = commodity,
        ValidFrom = validFrom,
        Rate = VatRate.Create(validFrom, rate).Rate,
    };

    /// <summary>The statutory table of <paramref name="commodity"/> with the overrides applied (an override replaces an entry of the same date).</summary>
    public static ImmutableArray<VatRate> Table(Commodity commodity, IEnumerable<VatRateOverride> overrides)
    {
        var byDate = StatutoryVat.For(commodity).ToDictionary(v => v.From);
        foreach (var entry in overrides.Where(o => o.Commodity == commodity))
        {
            byDate[entry.ValidFrom] = VatRate.Create(entry.ValidFrom, entry.Rate);
        }

        return [.. byDate.Values.OrderBy(v => v.From)];
    }
}

/// <summary>Zustandszahl and Brennwert of a gas network area for a period (from the network operator).</summary>
public sealed class GasConversionFactor
{
    private GasConversionFactor()
    {
        NetworkArea = string.Empty;
    }

    public Guid Id { get; private set; }

    public string NetworkArea { get; private set; }

    public DateOnly ValidFrom { get; private set; }

    public DateOnly ValidTo { get; private set; }

    public decimal StateFactor { get; private set; }

    public decimal CalorificValue { get; private set; }

    public static GasConversionFactor Create(string networkArea, DateOnly validFrom, DateOnly validTo, decimal stateFactor, decimal calorificValue)
    {
        Guard.NotBlank(networkArea, nameof(networkArea));
        BillingPeriod.Create(validFrom, validTo);
        var conversion = GasConversion.Create(stateFactor, calorificValue);
        return new GasConversionFactor
        {
            Id = Guid.CreateVersion7(),
            NetworkArea = networkArea.Trim(),
            ValidFrom = validFrom,
            ValidTo = validTo,
            StateFactor = conversion.StateFactor,
            CalorificValue = conversion.CalorificValue,
        };
    }

    public GasConversion ToConversion() => GasConversion.Create(StateFactor, CalorificValue);
}
