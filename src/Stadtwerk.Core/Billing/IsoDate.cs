using System.Globalization;

namespace Stadtwerk.Core.Billing;

/// <summary>ISO 8601 calendar dates (yyyy-MM-dd), as bills and the calculate interface use them.</summary>
public static class IsoDate
{
    public const string Format = "yyyy-MM-dd";

    public static string ToIso(this DateOnly date) => date.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Parses exactly yyyy-MM-dd; anything else (other formats, impossible days) fails.</summary>
    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static int DaysInMonth(this DateOnly date) => DateTime.DaysInMonth(date.Year, date.Month);

    public static DateOnly LastDayOfMonth(this DateOnly date) => new(date.Year, date.Month, date.DaysInMonth());
}
