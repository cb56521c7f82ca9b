using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Stadtwerk.Core.Customers;

/// <summary>
/// The Leitweg-ID of a public-sector customer (an authority, a school, a municipal company), which its XRechnung must
/// carry as buyer reference (BT-10) so the invoice reaches the right office: a coarse address of 2 to 12 digits, an
/// optional fine address of up to 30 letters and digits, and two check digits, joined by hyphens, e.g.
/// <c>04011000-1234512345-06</c>. The check digits follow ISO/IEC 7064 MOD 97-10 over the addresses (letters as
/// 10..35), as in the KoSIT format specification of the Leitweg-ID.
/// </summary>
public sealed partial record LeitwegId
{
    public const int MaxLength = 46;

    private LeitwegId(string value) => Value = value;

    public string Value { get; }

    /// <summary>Reads a Leitweg-ID typed by a person (any case, surrounding spaces); never throws.</summary>
    public static ParseResult<LeitwegId> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<LeitwegId>.Fail("Leitweg-ID is empty");
        }

        var id = text.Trim().ToUpperInvariant();
        var shown = UserText.Shown(text.Trim());
        var match = Format().Match(id);
        if (!match.Success)
        {
            return ParseResult<LeitwegId>.Fail($"Leitweg-ID {shown} must be 2 to 12 digits, optionally a hyphen and up to 30 letters or digits, then a hyphen and 2 check digits (e.g. 04011000-1234512345-06)");
        }

        var expected = CheckDigits(match.Groups["coarse"].Value + match.Groups["fine"].Value);
        return expected == match.Groups["check"].Value
            ? ParseResult<LeitwegId>.Ok(new LeitwegId(id))
            : ParseResult<LeitwegId>.Fail($"Leitweg-ID {shown} has the check digits {match.Groups["check"].Value}, but its address gives {expected}");
    }

    /// <summary>Builds a Leitweg-ID from text known to be valid; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static LeitwegId Create(string text) => UserText.ValueOrThrow(Parse(text));

    /// <summary>The two check digits of an address (coarse and fine address without hyphens).</summary>
    public static string CheckDigits(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var digits = string.Concat(address.ToUpperInvariant().Select(c => char.IsAsciiLetter(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString()));
        var remainder = BigInteger.Parse(digits + "00", CultureInfo.InvariantCulture) % 97;
        return (98 - (int)remainder).ToString("00", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Value;

    [GeneratedRegex(@"^(?<coarse>\d{2,12})(?:-(?<fine>[A-Z0-9]{1,30}))?-(?<check>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
