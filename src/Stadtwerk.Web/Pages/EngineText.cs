using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Stadtwerk.Core;

namespace Stadtwerk.Web.Pages;

/// <summary>
/// The engine's messages (<see cref="Text"/>, English) for a page in the reader's language: in German
/// (de-DE, the default) through the template of <see cref="EngineTextsGerman"/> with the arguments formatted the
/// German way (31.12.2021, 1.234,56 €); in English (en-GB) the engine's own text with British dates (31/12/2021).
/// A message without a German template stays English (a test fails for it: EngineTextTests).
/// </summary>
public static partial class EngineText
{
    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The message in the current UI culture.</summary>
    public static string Localize(Text? text) => text is null ? string.Empty : Localize(text, CultureInfo.CurrentUICulture);

    public static string Localize(Text text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(culture);
        var german = IsGerman(culture);
        var template = german && EngineTextsGerman.Templates.TryGetValue(text.Format, out var translated) ? translated : text.Format;
        try
        {
            var values = text.Arguments.Select(argument => Argument(argument, culture, german)).ToArray();
            return string.Format(german ? GermanCulture : EnglishCulture, template, values);
        }
        catch (FormatException)
        {
            return text.ToString();
        }
    }

    /// <summary>A problem of an uploaded CSV file, as one line: "readings.csv Zeile 17, Feld value: …" ("line 17, field value" in English).</summary>
    public static string ImportError(Stadtwerk.Infrastructure.Import.ImportError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var german = IsGerman(CultureInfo.CurrentUICulture);
        var message = Localize(error.Text);
        var line = error.Line.ToString(CultureInfo.InvariantCulture);
        return (error.Line, error.Field) switch
        {
            (0, _) => $"{error.File}: {message}",
            (_, null) => german ? $"{error.File} Zeile {line}: {message}" : $"{error.File} line {line}: {message}",
            _ => german ? $"{error.File} Zeile {line}, Feld {error.Field}: {message}" : $"{error.File} line {line}, field {error.Field}: {message}",
        };
    }

    /// <summary>
    /// A message stored as English text (a hold's details, a run item's message): matched against the engine's
    /// formats, its arguments read back (ISO dates, invariant numbers) and put in the current culture's template.
    /// Text that matches no format is shown as it is.
    /// </summary>
    public static string LocalizeStored(string? english) => english is null ? string.Empty : LocalizeStored(english, CultureInfo.CurrentUICulture);

    public static string LocalizeStored(string english, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(english);
        ArgumentNullException.ThrowIfNull(culture);
        var german = IsGerman(culture);
        foreach (var (format, pattern) in StoredPatterns.Value)
        {
            var match = pattern.Match(english);
            if (!match.Success)
            {
                continue;
            }

            var values = new object?[match.Groups.Count - 1];
            for (var i = 1; i < match.Groups.Count; i++)
            {
                values[i - 1] = ReadBack(match.Groups[i].Value, culture);
            }

            var template = german ? EngineTextsGerman.Templates[format] : format;
            try
            {
                return string.Format(german ? GermanCulture : EnglishCulture, template, values);
            }
            catch (FormatException)
            {
                return english;
            }
        }

        return english;
    }

    /// <summary>An argument for the reader: nested texts and periods in the same language, the engine's enums as words.</summary>
    private static object? Argument(object? argument, CultureInfo culture, bool german) => argument switch
    {
        Text nested => Localize(nested, culture),
        Core.Billing.BillingPeriod period => Period(period.Start, period.End, german),
        Core.Billing.Commodity commodity when german => German.Commodity(commodity),
        Core.BillingRuns.BillingRunStatus status when german => German.RunStatus(status),
        Enum value => value.ToString().ToLowerInvariant(),
        _ => argument,
    };

    private static string Period(DateOnly start, DateOnly end, bool german) =>
        string.Create(german ? GermanCulture : EnglishCulture, $"{start:d}–{end:d}");

    private static bool IsGerman(CultureInfo culture) => culture.TwoLetterISOLanguageName == "de" || culture.Equals(CultureInfo.InvariantCulture);

    private static object ReadBack(string value, CultureInfo culture)
    {
        if (Core.Billing.IsoDate.TryParse(value, out var date))
        {
            return date;
        }

        if (StoredPeriod().Match(value) is { Success: true } period
            && Core.Billing.IsoDate.TryParse(period.Groups[1].Value, out var start) && Core.Billing.IsoDate.TryParse(period.Groups[2].Value, out var end))
        {
            return Period(start, end, IsGerman(culture));
        }

        if (IsGerman(culture) && GermanWords.TryGetValue(value, out var word))
        {
            return word;
        }

        if (Number().IsMatch(value) && decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        return LocalizeStored(value, culture);
    }

    /// <summary>Per German template a pattern of its English format (holes as groups), with one hole per argument in order.</summary>
    private static readonly Lazy<IReadOnlyList<(string Format, Regex Pattern)>> StoredPatterns = new(() =>
        [.. EngineTextsGerman.Templates.Keys
            .Select(format => (Format: format, Pattern: PatternOf(format)))
            .Where(p => p.Pattern is not null)
            .OrderByDescending(p => p.Format.Length)
            .Select(p => (p.Format, p.Pattern!))]);

    private static Regex? PatternOf(string format)
    {
        var pattern = new StringBuilder("^");
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                pattern.Append(Regex.Escape(c.ToString()));
                i++;
            }
            else if (c == '{')
            {
                var end = format.IndexOf('}', i);
                var hole = format[(i + 1)..end].Split(',', ':')[0];
                if (hole != next.ToString(CultureInfo.InvariantCulture) || format[(i + 1)..end].Contains(':', StringComparison.Ordinal))
                {
                    return null; // holes out of order, or formatted: the stored text cannot be read back reliably
                }

                pattern.Append("(.+?)");
                next++;
                i = end;
            }
            else
            {
                pattern.Append(Regex.Escape(c.ToString()));
            }
        }

        return next == 0 ? null : new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>The engine's enum values as stored English text ("electricity"), in German.</summary>
    private static readonly FrozenDictionary<string, string> GermanWords = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["electricity"] = "Strom", ["gas"] = "Gas", ["water"] = "Wasser", ["heat"] = "Wärme",
        ["running"] = "läuft", ["completed"] = "abgeschlossen", ["cancelled"] = "abgebrochen",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex StoredPeriod();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Number();
}
