namespace Stadtwerk.Core.Billing;

/// <summary>
/// Exact day weights for spreading a quantity over days. Weighted days weigh their month's per-mille
/// heating share (Gradtagzahl) divided by the month's days; since shares of 40/3 and months of 28–31 days
/// make these weights rational, every weight is scaled to an integer over the common denominator
/// 3 × lcm(28, 29, 30, 31), so sums and proportions are exact.
/// </summary>
public static class DayWeights
{
    /// <summary>lcm(28, 29, 30, 31): every month length divides it.</summary>
    private const long MonthLengthMultiple = 377_580;

    /// <summary>Three times the per-mille shares Jan..Dec (170, 150, 130, 80, 40, 40/3, 40/3, 40/3, 30, 80, 120, 160).</summary>
    private static readonly int[] TripleShares = [510, 450, 390, 240, 120, 40, 40, 40, 90, 240, 360, 480];

    /// <summary>The per-mille heating share of each month (sums to 1000).</summary>
    public static decimal MonthlyShare(int month) => TripleShares[month - 1] / 3m;

    /// <summary>The integer weight of the days <paramref name="from"/>..<paramref name="to"/> (both included).</summary>
    public static long Of(DateOnly from, DateOnly to, Proration proration)
    {
        if (to < from)
        {
            return 0;
        }

        if (proration == Proration.Linear)
        {
            return to.DayNumber - from.DayNumber + 1;
        }

        long sum = 0;
        var day = from;
        while (day <= to)
        {
            var daysInMonth = day.DaysInMonth();
            var monthEnd = new DateOnly(day.Year, day.Month, daysInMonth);
            var last = monthEnd < to ? monthEnd : to;
            long days = last.DayNumber - day.DayNumber + 1;
            sum += days * TripleShares[day.Month - 1] * (MonthLengthMultiple / daysInMonth);
            day = last.AddDays(1);
        }

        return sum;
    }
}
