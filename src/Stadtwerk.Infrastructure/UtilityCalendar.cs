namespace Stadtwerk.Infrastructure;

/// <summary>Business dates of the utility: the calendar day in Europe/Berlin, not in UTC (a bill issued at 00:30 on 1 January belongs to the new year).</summary>
public static class UtilityCalendar
{
    public static TimeZoneInfo TimeZone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, TimeZone).DateTime);

    /// <summary>Twelve o'clock of <paramref name="day"/> in the utility's time zone, as an instant (safe from daylight-saving shifts).</summary>
    public static DateTimeOffset Noon(DateOnly day)
    {
        var local = day.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
