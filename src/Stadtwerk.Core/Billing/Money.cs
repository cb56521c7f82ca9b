namespace Stadtwerk.Core.Billing;

/// <summary>The one place where money and quantities are rounded (half away from zero, as the spec says).</summary>
public static class Money
{
    /// <summary>Rounds an amount of euros to whole cents, half away from zero.</summary>
    public static decimal RoundToCents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds an amount of euros up to the next whole euro (installment amounts).</summary>
    public static decimal RoundUpToEuro(decimal amount) => Math.Ceiling(amount);

    /// <summary>Rounds a metered quantity to a whole unit (kWh or m³), half away from zero.</summary>
    public static long RoundToWholeUnit(decimal quantity) => (long)Math.Round(quantity, 0, MidpointRounding.AwayFromZero);
}
