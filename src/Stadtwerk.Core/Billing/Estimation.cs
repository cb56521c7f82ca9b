namespace Stadtwerk.Core.Billing;

/// <summary>
/// Hochrechnung: a meter state for a day nobody read the meter. The reference consumption (the last billed
/// period's, or else an average annual quantity of comparable customers) is spread over the days with the same
/// day weights as the proration, added to the last actual reading and rounded to a whole unit.
/// </summary>
public static class Estimation
{
    /// <summary>
    /// The estimated state at the end of <paramref name="day"/>, from the last actual reading before it.
    /// <paramref name="referenceQuantity"/> was consumed over <paramref name="referencePeriod"/> (meter units).
    /// A register with <paramref name="digits"/> rolls over past 10^digits.
    /// </summary>
    public static decimal EstimateReading(
        MeterReading lastActual,
        DateOnly day,
        decimal referenceQuantity,
        BillingPeriod referencePeriod,
        Proration proration,
        int? digits)
    {
        ArgumentNullException.ThrowIfNull(lastActual);
        if (day <= lastActual.Date)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "An estimate lies after the last actual reading.");
        }

        Guard.NotNegative(referenceQuantity, nameof(referenceQuantity));
        var referenceWeight = DayWeights.Of(referencePeriod.Start, referencePeriod.End, proration);
        var weight = DayWeights.Of(lastActual.Date.AddDays(1), day, proration);
        var consumption = referenceQuantity * weight / referenceWeight;
        var estimate = Money.RoundToWholeUnit(lastActual.Value + consumption);
        if (digits is { } d)
        {
            var capacity = (long)Math.Pow(10, d);
            estimate %= capacity;
        }

        return estimate;
    }

    /// <summary>
    /// The state on <paramref name="day"/> between two readings: their consumption spread with the day weights,
    /// rounded to a whole unit (a roll-over between them is respected).
    /// </summary>
    public static decimal Interpolate(MeterReading before, MeterReading after, DateOnly day, Proration proration, int? digits)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (day <= before.Date || day >= after.Date)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "The day lies between the two readings.");
        }

        var capacity = digits is { } d ? (decimal)Math.Pow(10, d) : 0m;
        var consumption = after.Value - before.Value;
        if (consumption < 0 && digits is not null)
        {
            consumption += capacity;
        }

        var share = (decimal)DayWeights.Of(before.Date.AddDays(1), day, proration) / DayWeights.Of(before.Date.AddDays(1), after.Date, proration);
        var estimate = Money.RoundToWholeUnit(before.Value + (consumption * share));
        return digits is null ? estimate : estimate % capacity;
    }

    /// <summary>The reference period of an average annual quantity: one common (non-leap) calendar year.</summary>
    public static BillingPeriod StandardYear { get; } = BillingPeriod.Create(new DateOnly(2001, 1, 1), new DateOnly(2001, 12, 31));
}

/// <summary>Why a bill is held for a clerk (Klärfall) instead of being issued.</summary>
public enum HoldReason
{
    /// <summary>More than three times the previous period's consumption per day.</summary>
    ConsumptionTooHigh,

    /// <summary>Less than a third of the previous period's consumption per day.</summary>
    ConsumptionTooLow,

    /// <summary>A reading below the one before, without a meter change or a roll-over the register allows.</summary>
    ReadingDecreased,

    /// <summary>Readings, prices or factors the bill needs are missing or inconsistent.</summary>
    DataIncomplete,
}

/// <summary>
/// Plausibility of a period's consumption against the previous billed period, scaled by the proration's day weights
/// (so a summer period of a gas customer compares with the little gas summer days use, not with a winter average).
/// </summary>
public static class Plausibility
{
    public const decimal Factor = 3m;

    /// <summary>The hold reason, or null when the consumption is plausible or there is nothing to compare with.</summary>
    public static HoldReason? Check(long quantity, BillingPeriod period, long? previousQuantity, BillingPeriod? previousPeriod, Proration proration)
    {
        if (previousQuantity is not { } previous || previousPeriod is not { } before || previous <= 0)
        {
            return null;
        }

        var expected = (decimal)previous * DayWeights.Of(period.Start, period.End, proration) / DayWeights.Of(before.Start, before.End, proration);
        if (quantity > expected * Factor)
        {
            return HoldReason.ConsumptionTooHigh;
        }

        return quantity < expected / Factor ? HoldReason.ConsumptionTooLow : null;
    }
}
