using Stadtwerk.Core.Customers;
using System.Collections.Immutable;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tariffs;

/// <summary>A net price of a tariff valid from <see cref="ValidFrom"/> until the next one (Preisstand).</summary>
public sealed class TariffPrice
{
    private TariffPrice()
    {
    }

    public DateOnly ValidFrom { get; private set; }

    /// <summary>Net €/kWh (water: €/m³), Arbeitspreis.</summary>
    public decimal EnergyPrice { get; private set; }

    /// <summary>Net €/year, Grundpreis.</summary>
    public decimal BasePricePerYear { get; private set; }

    public static TariffPrice Create(DateOnly validFrom, decimal energyPrice, decimal basePricePerYear) => new()
    {
        ValidFrom = validFrom,
        EnergyPrice = Guard.NotNegative(energyPrice, nameof(energyPrice)),
        BasePricePerYear = Guard.NotNegative(basePricePerYear, nameof(basePricePerYear)),
    };
}

/// <summary>A product with dated prices for one commodity (Tarif), e.g. "Musterstadt Strom Basis".</summary>
public sealed class Tariff : IVersioned
{
    private readonly List<TariffPrice> prices = [];

    private Tariff()
    {
        Code = string.Empty;
        Name = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public Commodity Commodity { get; private set; }

    /// <summary>Prices in date order.</summary>
    public IReadOnlyList<TariffPrice> Prices => prices;

    public int Version { get; private set; }

    public static DomainResult<Tariff> Create(string code, string name, Commodity commodity, IEnumerable<TariffPrice> prices)
    {
        var errors = new List<FieldError>();
        if (!BusinessNumbers.IsValid(code))
        {
            errors.Add(new FieldError("code", BusinessNumbers.Rule));
        }

        var list = prices?.OrderBy(p => p.ValidFrom).ToList() ?? [];
        errors.AddRange(Check(name, list));
        if (errors.Count > 0)
        {
            return DomainResult<Tariff>.Invalid([.. errors]);
        }

        var tariff = new Tariff { Id = Guid.CreateVersion7(), Code = code.Trim(), Name = name.Trim(), Commodity = commodity };
        tariff.prices.AddRange(list);
        return DomainResult<Tariff>.Ok(tariff);
    }

    public DomainResult<Tariff> Update(string name, IEnumerable<TariffPrice> newPrices)
    {
        var list = newPrices?.OrderBy(p => p.ValidFrom).ToList() ?? [];
        var errors = Check(name, list);
        if (errors.Count > 0)
        {
            return DomainResult<Tariff>.Invalid([.. errors]);
        }

        Name = name.Trim();
        prices.Clear();
        prices.AddRange(list);
        return DomainResult<Tariff>.Ok(this);
    }

    /// <summary>The prices as the billing engine takes them.</summary>
    public ImmutableArray<PriceEntry> ToPriceEntries() =>
        [.. prices.OrderBy(p => p.ValidFrom).Select(p => PriceEntry.Create(p.ValidFrom, p.EnergyPrice, p.BasePricePerYear))];

    private static List<FieldError> Check(string? name, List<TariffPrice> prices)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors.Add(new FieldError("name", "must be 1 to 100 characters"));
        }

        if (prices.Count == 0)
        {
            errors.Add(new FieldError("prices", "a tariff needs at least one price"));
        }

        for (var i = 1; i < prices.Count; i++)
        {
            if (prices[i].ValidFrom == prices[i - 1].ValidFrom)
            {
                errors.Add(new FieldError("prices", $"two prices are valid from {prices[i].ValidFrom}"));
            }
        }

        return errors;
    }
}
