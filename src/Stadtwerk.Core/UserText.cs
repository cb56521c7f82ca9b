using System.Buffers;
using System.Globalization;

namespace Stadtwerk.Core;

/// <summary>Helpers for the value types that are parsed from user text.</summary>
internal static class UserText
{
    /// <summary>Upper-case ASCII letters and digits, the alphabet of IBANs and energy-market IDs.</summary>
    public static readonly SearchValues<char> UpperAlphanumeric = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

    private const int ShownLength = 60;

    /// <summary>Removes every white-space character (spaces people type between groups, a pasted line break).</summary>
    public static string WithoutWhiteSpace(string text) =>
        text.Any(char.IsWhiteSpace) ? string.Concat(text.Where(c => !char.IsWhiteSpace(c))) : text;

    /// <summary>
    /// User text as it may appear inside a one-line error: white space and control characters collapse to one space,
    /// and text longer than 60 characters is cut with an ellipsis.
    /// </summary>
    public static string Shown(string text)
    {
        var visible = string.Concat(text.Select(c => char.IsControl(c) ? ' ' : c));
        var oneLine = string.Join(' ', visible.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (oneLine.Length <= ShownLength)
        {
            return oneLine;
        }

        var cut = char.IsHighSurrogate(oneLine[ShownLength - 1]) ? ShownLength - 1 : ShownLength;
        return string.Concat(oneLine.AsSpan(0, cut), "…");
    }

    /// <summary>One character for an error: quoted, or as U+XXXX when it cannot be seen or stand alone.</summary>
    public static string Character(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
            ? string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}")
            : $"'{c}'";

    /// <summary>The value of a successful parse, or an <see cref="ArgumentException"/> with the parse error as its message.</summary>
    public static T ValueOrThrow<T>(ParseResult<T> result)
        where T : class =>
        result.Value ?? throw new ArgumentException(result.Error);
}
