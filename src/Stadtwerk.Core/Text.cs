using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Stadtwerk.Core;

/// <summary>
/// A message of the engine for people: its English composite format ("contract {0} is billed for these days
/// already (bill {1})") and its arguments (text, numbers, <see cref="DateOnly"/>, nested <see cref="Text"/>), so
/// that a page can put it in another language and format the arguments the reader's way (31.12.2021, 1.234,56).
/// <para>
/// Written as an interpolated string where a <see cref="Text"/> is expected (<c>$"... {period.End} ..."</c>:
/// the compiler builds it through the handler methods below, which are for the compiler only) or as a plain
/// string literal (implicit conversion). <see cref="ToString"/> is the English message as the API and the logs
/// show it: dates ISO 8601 (2021-12-31), numbers invariant (1234.56), enum values as lower-case names
/// (electricity, running); so a date must go in as a
/// <see cref="DateOnly"/>, not as <c>ToIso()</c> text, for another language to format it.
/// </para>
/// </summary>
[InterpolatedStringHandler]
[JsonConverter(typeof(TextJsonConverter))]
public sealed class Text : IEquatable<Text>
{
    private readonly StringBuilder format;
    private readonly List<object?> arguments;

    /// <summary>For the compiler: the start of an interpolated string converted to a <see cref="Text"/>.</summary>
    public Text(int literalLength, int formattedCount)
    {
        format = new StringBuilder(literalLength + (formattedCount * 4));
        arguments = new List<object?>(formattedCount);
    }

    private Text(string literal)
    {
        format = new StringBuilder(Escape(literal));
        arguments = [];
    }

    /// <summary>The English composite format, the key of a translation: "contract {0} is billed ... (bill {1})".</summary>
    public string Format => format.ToString();

    /// <summary>The values of the format's holes, in order: strings, numbers, dates, nested texts.</summary>
    public IReadOnlyList<object?> Arguments => arguments;

    public static implicit operator Text(string literal) => FromString(literal);

    /// <summary>A text without holes (an English sentence as it is, braces included).</summary>
    public static Text FromString(string literal) => new(literal ?? string.Empty);

    /// <summary>
    /// Several messages as one, <paramref name="separator"/> between them ("street is empty; city is empty"): each
    /// part is put in the reader's language on its own, the separator stays as it is.
    /// </summary>
    public static Text Join(string separator, IEnumerable<Text> parts)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(parts);
        var joined = new Text(0, 0);
        foreach (var part in parts)
        {
            if (joined.arguments.Count > 0)
            {
                joined.AppendLiteral(separator);
            }

            joined.AppendFormatted(part);
        }

        return joined;
    }

    /// <summary>For the compiler: literal text of an interpolated string.</summary>
    public void AppendLiteral(string value) => format.Append(Escape(value));

    /// <summary>For the compiler: a hole of an interpolated string.</summary>
    public void AppendFormatted<T>(T value) => AppendFormatted(value, 0, null);

    /// <summary>For the compiler: a hole with a format ({amount:0.00}).</summary>
    public void AppendFormatted<T>(T value, string? format) => AppendFormatted(value, 0, format);

    /// <summary>For the compiler: a hole with an alignment ({name,10}).</summary>
    public void AppendFormatted<T>(T value, int alignment) => AppendFormatted(value, alignment, null);

    /// <summary>For the compiler: a hole with alignment and format.</summary>
    public void AppendFormatted<T>(T value, int alignment, string? format)
    {
        this.format.Append('{').Append(arguments.Count.ToString(CultureInfo.InvariantCulture));
        if (alignment != 0)
        {
            this.format.Append(',').Append(alignment.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(format))
        {
            this.format.Append(':').Append(format);
        }

        this.format.Append('}');
        arguments.Add(value);
    }

    /// <summary>The English message: today's text of the engine, ISO dates and invariant numbers.</summary>
    public override string ToString() => Render(Format, CultureInfo.InvariantCulture, IsoDates: true, nested => nested.ToString());

    /// <summary>
    /// The message in a template of another language (the same holes as <see cref="Format"/>), the arguments
    /// formatted for <paramref name="culture"/> (dates in its short pattern); nested texts by <paramref name="nested"/>.
    /// </summary>
    public string Render(string template, CultureInfo culture, Func<Text, string> nested)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(culture);
        ArgumentNullException.ThrowIfNull(nested);
        return Render(template, culture, IsoDates: false, nested);
    }

    private string Render(string template, CultureInfo culture, bool IsoDates, Func<Text, string> nested)
    {
        if (arguments.Count == 0 && template.Length > 0 && !template.Contains('{', StringComparison.Ordinal) && !template.Contains('}', StringComparison.Ordinal))
        {
            return template;
        }

        var values = new object?[arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = arguments[i] switch
            {
                Text text => nested(text),
                DateOnly date when IsoDates => new IsoDay(date),
                Enum value when IsoDates => value.ToString().ToLowerInvariant(),
                var other => other,
            };
        }

        return string.Format(culture, template, values);
    }

    public bool Equals(Text? other) => other is not null && Format == other.Format && ToString() == other.ToString();

    public override bool Equals(object? obj) => obj is Text other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Format, ToString());

    private static string Escape(string literal) =>
        literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    /// <summary>A date in the English message: yyyy-MM-dd unless the hole names its own format.</summary>
    private readonly record struct IsoDay(DateOnly Date) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? formatProvider) =>
            Date.ToString(string.IsNullOrEmpty(format) ? "yyyy-MM-dd" : format, CultureInfo.InvariantCulture);

        public override string ToString() => ToString(null, null);
    }
}

/// <summary>A <see cref="Text"/> in JSON is its English message.</summary>
public sealed class TextJsonConverter : JsonConverter<Text>
{
    public override Text Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Text.FromString(reader.GetString() ?? string.Empty);

    public override void Write(Utf8JsonWriter writer, Text value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}
