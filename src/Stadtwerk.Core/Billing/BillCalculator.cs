using System.Collections.Immutable;

namespace Stadtwerk.Core.Billing;

/// <summary>
/// The billing engine: turns a <see cref="BillInput"/> into a <see cref="Bill"/> exactly as
/// spec/billing-calculation.md defines it (coverage, roll-over, gas conversion, segments, lines, totals, plan).
/// Pure: no clock, no I/O.
/// </summary>
public static class BillCalculator
{
    /// <summary>Σ over a line's days of 1 / (days of the day's year) is computed over this common denominator (365 × 366).</summary>
    private const long YearDenominator = 365 * 366;

    public static CalculationResult Calculate(BillInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var period = input.Period;
        if (input.Commodity == Commodity.Gas && input.Gas is null)
        {
            return Reject("gas needs conversion factors: gas.zustandszahl and gas.brennwert");
        }

        var firstPrice = input.Prices[0].From;
        if (firstPrice > period.Start)
        {
            return Reject($"no price for {period.Start}..{firstPrice.AddDays(-1)}: the first price entry is from {firstPrice}");
        }

        var firstVat = input.Vat[0].From;
        if (firstVat > period.Start)
        {
            return Reject($"no VAT rate for {period.Start}..{firstVat.AddDays(-1)}: the first VAT entry is from {firstVat}");
        }

        var intervals = new List<ReadingInterval>(input.Meters.Length * 2);
        if (CollectIntervals(input, intervals) is { } intervalError)
        {
            return Reject(intervalError);
        }

        intervals.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Order.CompareTo(b.Order));
        if (CheckCoverage(period, intervals) is { } coverageError)
        {
            return Reject(coverageError);
        }

        var lines = BuildLines(input, intervals);
        return new CalculationResult.Calculated(Total(input, lines));
    }

    private static CalculationResult.Rejected Reject(Text reason) => new(reason);

    /// <summary>Rules 1 and 2: the intervals between consecutive readings of each meter and their whole quantities.</summary>
    private static Text? CollectIntervals(BillInput input, List<ReadingInterval> intervals)
    {
        var factor = input.Commodity == Commodity.Gas ? input.Gas!.Factor : 1m;
        foreach (var meter in input.Meters)
        {
            var readings = meter.Readings;
            if (readings.Length < 2)
            {
                return $"meter {meter.Number}: needs at least two readings to measure a quantity, has {readings.Length}";
            }

            var rollOver = meter.RollOver;
            for (var i = 0; i < readings.Length; i++)
            {
                var reading = readings[i];
                if (rollOver is { } capacity && reading.Value >= capacity)
                {
                    return $"meter {meter.Number}: reading {reading.Value} on {reading.Date} does not fit its {meter.Digits} digits";
                }

                if (i == 0)
                {
                    continue;
                }

                var previous = readings[i - 1];
                if (reading.Date <= previous.Date)
                {
                    if (reading.Date == previous.Date)
                    {
                        return $"meter {meter.Number}: two readings on {reading.Date}";
                    }

                    return $"meter {meter.Number}: readings are not in date order ({previous.Date} before {reading.Date})";
                }

                var difference = reading.Value - previous.Value;
                if (difference < 0)
                {
                    if (rollOver is not { } capacity2)
                    {
                        return $"meter {meter.Number}: reading falls from {previous.Value} on {previous.Date} to {reading.Value} on {reading.Date} and the meter has no digits for a roll-over";
                    }

                    difference += capacity2;
                }

                var quantity = Money.RoundToWholeUnit(difference * factor);
                intervals.Add(new ReadingInterval(previous.Date.AddDays(1), reading.Date, meter.Number, quantity, intervals.Count));
            }
        }

        return null;
    }

    /// <summary>Rule 1: the intervals of all meters tile the period exactly.</summary>
    private static Text? CheckCoverage(BillingPeriod period, List<ReadingInterval> intervals)
    {
        var expected = period.Start;
        string? previousMeter = null;
        foreach (var interval in intervals)
        {
            if (interval.Start < period.Start)
            {
                return $"meter {interval.Meter}: reading on {interval.Start.AddDays(-1)} lies before the period; the first reading must be dated {period.Start.AddDays(-1)}";
            }

            if (interval.Start > expected)
            {
                return $"meter {interval.Meter}: readings leave {expected}..{interval.Start.AddDays(-1)} uncovered";
            }

            if (interval.Start < expected)
            {
                var overlapEnd = interval.End < expected ? interval.End : expected.AddDays(-1);
                return $"meters {previousMeter} and {interval.Meter}: readings overlap on {interval.Start}..{overlapEnd}";
            }

            if (interval.End > period.End)
            {
                return $"meter {interval.Meter}: reading on {interval.End} lies after the period end {period.End}";
            }

            expected = interval.End.AddDays(1);
            previousMeter = interval.Meter;
        }

        if (expected <= period.End)
        {
            return $"meter {previousMeter}: readings leave {expected}..{period.End} uncovered";
        }

        return null;
    }

    /// <summary>Rules 3 and 4: segments by price entry and VAT rate, quantities by largest remainder, merged into lines.</summary>
    private static List<LineDraft> BuildLines(BillInput input, List<ReadingInterval> intervals)
    {
        var prices = input.Prices;
        var vat = input.Vat;
        var lines = new List<LineDraft>(4);
        var segments = new List<LineDraft>(4);
        foreach (var interval in intervals)
        {
            segments.Clear();
            var day = interval.Start;
            var afterInterval = interval.End.AddDays(1);
            while (day <= interval.End)
            {
                var priceIndex = IndexAt(prices, day, static p => p.From);
                var vatIndex = IndexAt(vat, day, static v => v.From);
                var rate = vat[vatIndex].Rate;
                var next = afterInterval;
                if (priceIndex + 1 < prices.Length && prices[priceIndex + 1].From < next)
                {
                    next = prices[priceIndex + 1].From;
                }

                for (var j = vatIndex + 1; j < vat.Length && vat[j].From < next; j++)
                {
                    if (vat[j].Rate != rate)
                    {
                        next = vat[j].From;
                        break;
                    }
                }

                segments.Add(new LineDraft(day, next.AddDays(-1), priceIndex, rate, 0));
                day = next;
            }

            AppendSegments(lines, segments, interval.Quantity, input.Proration);
        }

        return lines;
    }

    /// <summary>Distributes an interval's quantity over its segments (largest remainder) and merges them into the lines.</summary>
    private static void AppendSegments(List<LineDraft> lines, List<LineDraft> segments, long quantity, Proration proration)
    {
        Span<long> weights = segments.Count <= 16 ? stackalloc long[segments.Count] : new long[segments.Count];
        Span<long> parts = segments.Count <= 16 ? stackalloc long[segments.Count] : new long[segments.Count];
        for (var i = 0; i < segments.Count; i++)
        {
            weights[i] = DayWeights.Of(segments[i].From, segments[i].To, proration);
        }

        LargestRemainder.Distribute(quantity, weights, parts);
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i] with { Quantity = parts[i] };
            if (lines.Count > 0 && lines[^1].Continues(segment))
            {
                lines[^1] = lines[^1] with { To = segment.To, Quantity = lines[^1].Quantity + segment.Quantity };
            }
            else
            {
                lines.Add(segment);
            }
        }
    }

    /// <summary>Rules 4 to 6: money per line, VAT per rate, totals, balance and the next installment plan.</summary>
    private static Bill Total(BillInput input, List<LineDraft> drafts)
    {
        var lines = ImmutableArray.CreateBuilder<BillLine>(drafts.Count);
        long quantity = 0;
        var net = 0m;
        foreach (var draft in drafts)
        {
            var price = input.Prices[draft.PriceIndex];
            var energyNet = Money.RoundToCents(draft.Quantity * price.Energy);
            var baseNet = Money.RoundToCents(price.BasePerYear * YearFraction(draft.From, draft.To) / YearDenominator);
            lines.Add(new BillLine(
                draft.From, draft.To, draft.To.DayNumber - draft.From.DayNumber + 1, draft.Quantity,
                price.Energy, energyNet, price.BasePerYear, baseNet, draft.VatRate));
            quantity += draft.Quantity;
            net += energyNet + baseNet;
        }

        var vat = VatPerRate(lines);
        var gross = net;
        foreach (var entry in vat)
        {
            gross += entry.Amount;
        }

        var paid = 0m;
        foreach (var installment in input.Installments)
        {
            paid += installment.Amount;
        }

        var plan = input.Plan is { } request ? NextPlan(input, quantity, request) : null;
        return new Bill(input.Commodity.BilledUnit(), quantity, lines.MoveToImmutable(), net, vat, gross, paid, gross - paid, plan);
    }

    /// <summary>Σ over the days of 1 / (days in that day's year), times <see cref="YearDenominator"/>: an exact integer.</summary>
    private static long YearFraction(DateOnly from, DateOnly to)
    {
        long numerator = 0;
        for (var year = from.Year; year <= to.Year; year++)
        {
            var first = year == from.Year ? from : new DateOnly(year, 1, 1);
            var last = year == to.Year ? to : new DateOnly(year, 12, 31);
            long days = last.DayNumber - first.DayNumber + 1;
            numerator += days * (YearDenominator / (DateTime.IsLeapYear(year) ? 366 : 365));
        }

        return numerator;
    }

    private static ImmutableArray<VatTotal> VatPerRate(ImmutableArray<BillLine>.Builder lines)
    {
        var rates = new List<(decimal Rate, decimal Net)>(2);
        foreach (var line in lines)
        {
            var index = rates.Count - 1;
            while (index >= 0 && rates[index].Rate != line.VatRate)
            {
                index--;
            }

            if (index < 0)
            {
                rates.Add((line.VatRate, line.Net));
            }
            else
            {
                rates[index] = (rates[index].Rate, rates[index].Net + line.Net);
            }
        }

        rates.Sort(static (a, b) => b.Rate.CompareTo(a.Rate));
        var totals = ImmutableArray.CreateBuilder<VatTotal>(rates.Count);
        foreach (var (rate, net) in rates)
        {
            totals.Add(new VatTotal(rate, net, Money.RoundToCents(net * rate)));
        }

        return totals.MoveToImmutable();
    }

    /// <summary>Rule 6: the annual quantity scaled to 365 days, priced as of the day after the period, split into whole euros.</summary>
    private static NextInstallmentPlan NextPlan(BillInput input, long quantity, PlanRequest request)
    {
        long days = input.Period.Days;
        var annualQuantity = ((2 * quantity * 365) + days) / (2 * days);
        var dayAfter = input.Period.End.AddDays(1);
        var price = input.Prices[IndexAt(input.Prices, dayAfter, static p => p.From)];
        var rate = input.Vat[IndexAt(input.Vat, dayAfter, static v => v.From)].Rate;
        var annualGross = ((annualQuantity * price.Energy) + price.BasePerYear) * (1 + rate);
        var amount = Money.RoundUpToEuro(annualGross / request.Count);
        return new NextInstallmentPlan(annualQuantity, amount, request.Count, InstallmentSchedule.DueDates(request.FirstDue, request.Count));
    }

    /// <summary>The index of the entry valid on <paramref name="day"/> (the last one starting on or before it); entries are in date order.</summary>
    private static int IndexAt<T>(ImmutableArray<T> entries, DateOnly day, Func<T, DateOnly> from)
    {
        for (var i = entries.Length - 1; i >= 0; i--)
        {
            if (from(entries[i]) <= day)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"No entry is valid on {day.ToIso()}; coverage was checked before.");
    }

    private readonly record struct ReadingInterval(DateOnly Start, DateOnly End, string Meter, long Quantity, int Order);

    private readonly record struct LineDraft(DateOnly From, DateOnly To, int PriceIndex, decimal VatRate, long Quantity)
    {
        public bool Continues(LineDraft next) =>
            next.From == To.AddDays(1) && next.PriceIndex == PriceIndex && next.VatRate == VatRate;
    }
}
