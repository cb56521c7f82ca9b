namespace Stadtwerk.Core.Billing;

/// <summary>What a utility supplies (Sparte).</summary>
public enum Commodity
{
    Electricity,
    Gas,
    Water,
    Heat,
}

/// <summary>How an interval's quantity is spread over its days (Abgrenzung).</summary>
public enum Proration
{
    /// <summary>Every day weighs the same.</summary>
    Linear,

    /// <summary>A day weighs its month's heating share (Gradtagzahl) divided by the month's days.</summary>
    Weighted,
}

/// <summary>The unit quantities are billed in.</summary>
public enum QuantityUnit
{
    KilowattHour,
    CubicMetre,
}

public static class CommodityRules
{
    /// <summary>Gas and heat follow the heating season; electricity and water are spread evenly.</summary>
    public static Proration DefaultProration(this Commodity commodity) =>
        commodity is Commodity.Gas or Commodity.Heat ? Proration.Weighted : Proration.Linear;

    /// <summary>Water is billed in m³; electricity, gas (after conversion) and heat in kWh.</summary>
    public static QuantityUnit BilledUnit(this Commodity commodity) =>
        commodity == Commodity.Water ? QuantityUnit.CubicMetre : QuantityUnit.KilowattHour;

    /// <summary>Reads a commodity by its name, in any case (electricity, Gas, ...); numbers are not names.</summary>
    public static bool TryParse(string? text, out Commodity commodity)
    {
        commodity = default;
        return !string.IsNullOrWhiteSpace(text) && !char.IsDigit(text.Trim()[0]) && !text.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out commodity) && Enum.IsDefined(commodity);
    }
}
