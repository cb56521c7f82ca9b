using System.Globalization;
using System.Text;
using System.Text.Json;
using Stadtwerk.Core;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// Reads the values of one record as the edge of the API does (required values, dates, numbers, enum names,
/// value types through their <c>Parse</c>), reporting each problem with the record's line and the column's name.
/// </summary>
internal sealed class RowReader(IReadOnlyList<CsvColumn> columns, ImportErrors errors, bool decimalComma)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd.MM.yyyy"];

    private readonly HashSet<string> failedFields = new(StringComparer.Ordinal);
    private CsvRecord record = new(0, []);

    public long Line => record.Line;

    /// <summary>Whether a problem was reported for the current record.</summary>
    public bool Failed { get; private set; }

    public void Start(CsvRecord next)
    {
        record = next;
        Failed = false;
        failedFields.Clear();
    }

    public string Name(int column) => columns[column].Name;

    public void Fail(int column, Core.Text message) => Fail(Name(column), message);

    public void Fail(string field, Core.Text message)
    {
        Failed = true;
        failedFields.Add(field);
        errors.Add(record.Line, field, message);
    }

    public string? Text(int column) => record[column];

    public string? Required(int column)
    {
        var text = record[column];
        if (text is null)
        {
            Fail(column, "is required");
        }

        return text;
    }

    public DateOnly? Date(int column, bool required = false)
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Fail(column, $"'{text}' is not a date (yyyy-MM-dd or dd.MM.yyyy)");
        return null;
    }

    /// <summary>A decimal number with a dot (and, in semicolon-separated files, a comma) before at most <paramref name="maxDecimals"/> decimals; no thousands separators, no exponent.</summary>
    public decimal? Decimal(int column, int maxDecimals, bool required = false)
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        if (!TryParseDecimal(text, decimalComma, out var value, out var decimals))
        {
            Fail(column, decimalComma
                ? (Core.Text)$"'{text}' is not a number; write it like 1234.5 or 1234,5 (no thousands separators)"
                : $"'{text}' is not a number; write it like 1234.5 (no thousands separators)");
            return null;
        }

        if (decimals > maxDecimals)
        {
            Fail(column, $"{text} has {decimals} decimals, at most {maxDecimals} are kept");
            return null;
        }

        return value;
    }

    public int? Integer(int column)
    {
        var text = Text(column);
        if (text is null)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Fail(column, $"'{text}' is not a whole number");
        return null;
    }

    /// <summary>An enum member by its name, in any case, as the API reads it (<c>electricity</c>, <c>Gas</c>, <c>customerReported</c>).</summary>
    public TEnum? Enum<TEnum>(int column, bool required = false)
        where TEnum : struct, Enum
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        if (EnumNames<TEnum>.ByName.TryGetValue(text, out var value))
        {
            return value;
        }

        Fail(column, $"'{text}' is unknown; expected {EnumNames<TEnum>.Expected}");
        return null;
    }

    /// <summary>A value type read by its <c>Parse</c> (IBAN, market location ID, e-mail address, ...); empty is null.</summary>
    public T? Parse<T>(int column, Func<string?, ParseResult<T>> parse, bool required = false)
        where T : class
    {
        var text = required ? Required(column) : Text(column);
        if (text is null)
        {
            return null;
        }

        var result = parse(text);
        if (result.Reason is { } error)
        {
            Fail(column, error);
        }

        return result.Value;
    }

    /// <summary>A postal address from its five columns (the country defaults to DE); each wrong part is reported on its own column.</summary>
    public PostalAddress? Address(int street, int houseNumber, int postalCode, int city, int country)
    {
        var result = PostalAddress.Validate(Text(street), Text(houseNumber), Text(postalCode), Text(city), Text(country) ?? PostalAddress.Germany);
        if (result.Reason is { } error)
        {
            // PostalAddress joins one message per wrong part (Text.Join), each starting with the part's name.
            foreach (var part in error.Arguments.OfType<Core.Text>().DefaultIfEmpty(error))
            {
                var english = part.ToString();
                var column = english.StartsWith("house number", StringComparison.Ordinal) ? houseNumber
                    : english.StartsWith("postal code", StringComparison.Ordinal) ? postalCode
                    : english.StartsWith("city", StringComparison.Ordinal) ? city
                    : english.StartsWith("country", StringComparison.Ordinal) ? country
                    : street;
                Fail(column, part);
            }
        }

        return result.Value;
    }

    /// <summary>
    /// Reports the problems of a domain factory, naming the column each field of the domain comes from; a column
    /// whose value was already reported is not reported again (an unreadable MaLo is not also a missing one).
    /// </summary>
    public T? Check<T>(DomainResult<T> result, IReadOnlyDictionary<string, string>? fieldColumns = null)
        where T : class
    {
        foreach (var error in result.Errors)
        {
            var column = ColumnOf(error.Field, fieldColumns);
            if (!failedFields.Contains(column))
            {
                Fail(column, error.Text);
            }
        }

        return result.Value;
    }

    /// <summary>The column a domain field comes from: an explicit mapping, else the field in snake case (<c>customerNumber</c> → <c>customer_number</c>).</summary>
    public static string ColumnOf(string field, IReadOnlyDictionary<string, string>? fieldColumns = null)
    {
        if (fieldColumns is not null && fieldColumns.TryGetValue(field, out var column))
        {
            return column;
        }

        var snake = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsAsciiLetterUpper(c))
            {
                snake.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                snake.Append(c == '.' ? '_' : c);
            }
        }

        return snake.ToString();
    }

    internal static bool TryParseDecimal(string text, bool decimalComma, out decimal value, out int decimals)
    {
        value = 0;
        decimals = 0;
        var span = text.AsSpan();
        if (span.Length > 40)
        {
            return false;
        }

        var start = span.Length > 0 && span[0] is '-' or '+' ? 1 : 0;
        var separator = -1;
        for (var i = start; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                continue;
            }

            if (separator < 0 && (c == '.' || (decimalComma && c == ',')))
            {
                separator = i;
                continue;
            }

            return false;
        }

        var integerDigits = (separator < 0 ? span.Length : separator) - start;
        decimals = separator < 0 ? 0 : span.Length - separator - 1;
        if (integerDigits == 0 || (separator >= 0 && decimals == 0) || integerDigits > 20)
        {
            return false;
        }

        Span<char> normalized = stackalloc char[span.Length];
        span.CopyTo(normalized);
        if (separator >= 0)
        {
            normalized[separator] = '.';
        }

        return decimal.TryParse(normalized, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The names of an enum's members, matched in any case (never numbers or combinations).</summary>
    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            System.Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        public static readonly string Expected = string.Join(", ", System.Enum.GetNames<TEnum>().Select(JsonNamingPolicy.CamelCase.ConvertName));
    }
}
