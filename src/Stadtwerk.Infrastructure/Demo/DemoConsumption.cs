using Stadtwerk.Core.Billing;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>
/// How consumption spreads over the days of the demo years 2020 and 2021: for each commodity, the cumulative share of
/// a year's consumption from the end of 2019-12-31 to the end of each day. Exact decimals, no floating point, so the
/// generated readings are the same on every machine.
/// </summary>
internal static class DemoConsumption
{
    /// <summary>Per-mille heating shares of the months (Gradtagzahlen, Jan..Dec), as the billing spec has them.</summary>
    private static readonly decimal[] HeatingShares = [170m, 150m, 130m, 80m, 40m, 40m / 3, 40m / 3, 40m / 3, 30m, 80m, 120m, 160m];

    private static readonly int Days = DemoCatalog.LastReadingDay.DayNumber - DemoCatalog.FirstReadingDay.DayNumber;

    private static readonly decimal[] Electricity = Profile(heatingPart: 0.10m);
    private static readonly decimal[] Gas = Profile(heatingPart: 0.80m);
    private static readonly decimal[] Water = Profile(heatingPart: 0m);
    private static readonly decimal[] Heat = Profile(heatingPart: 0.85m);

    /// <summary>
    /// The cumulative profile of a commodity: element i is the share of the year consumed by the end of day
    /// 2019-12-31 + i (element 0 is zero; each calendar year adds exactly one).
    /// </summary>
    public static decimal[] For(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => Electricity,
        Commodity.Gas => Gas,
        Commodity.Water => Water,
        Commodity.Heat => Heat,
        _ => throw new ArgumentOutOfRangeException(nameof(commodity), commodity, "Unknown commodity."),
    };

    /// <summary>Index of <paramref name="day"/> in a cumulative profile.</summary>
    public static int Index(DateOnly day)
    {
        var index = day.DayNumber - DemoCatalog.FirstReadingDay.DayNumber;
        return index is >= 0 && index <= Days
            ? index
            : throw new ArgumentOutOfRangeException(nameof(day), day, "The demo has readings from 2019-12-31 to 2021-12-31.");
    }

    /// <summary>A mix of an even spread (light, cooking, hot water) and the heating season.</summary>
    private static decimal[] Profile(decimal heatingPart)
    {
        var cumulative = new decimal[Days + 1];
        var day = DemoCatalog.FirstReadingDay;
        for (var i = 1; i <= Days; i++)
        {
            day = day.AddDays(1);
            var even = 1m / (DateTime.IsLeapYear(day.Year) ? 366 : 365);
            var heating = HeatingShares[day.Month - 1] / 1000m / DateTime.DaysInMonth(day.Year, day.Month);
            cumulative[i] = cumulative[i - 1] + (1 - heatingPart) * even + heatingPart * heating;
        }

        return cumulative;
    }
}
