namespace Stadtwerk.Core.Premises;

/// <summary>
/// A metering location ID (Messlokations-ID, MeLo-ID, formerly Zählpunktbezeichnung) of the German energy market:
/// 33 characters, <c>DE</c>, 6 digits of the network operator, 5 digits of the postal code, then 20 digits or
/// upper-case letters, such as <c>DE00056266802AO6G56M11SN51G21M24S</c>.
/// </summary>
/// <remarks>
/// The ID has no check digit, so only its structure is checked: a mistyped character in the last 20 is not caught.
/// Parsing accepts spaces and lower case.
/// </remarks>
public sealed record MeteringLocationId
{
    private const int Length = 33;

    private MeteringLocationId(string value) => Value = value;

    /// <summary>The 33 characters in upper case, without spaces.</summary>
    public string Value { get; }

    /// <summary>The 6 digits naming the network operator (Netzbetreiber).</summary>
    public string NetworkOperatorNumber => Value[2..8];

    /// <summary>The 5 digits of the postal code (Postleitzahl) of the location.</summary>
    public string PostalCode => Value[8..13];

    /// <summary>The 20 digits or letters the network operator assigns (Zählpunktnummer).</summary>
    public string MeteringPointNumber => Value[13..];

    /// <summary>Reads a metering location ID typed by a person; never throws.</summary>
    public static ParseResult<MeteringLocationId> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<MeteringLocationId>.Fail("metering location ID is empty");
        }

        var id = UserText.WithoutWhiteSpace(text).ToUpperInvariant();
        var shown = UserText.Shown(id);

        if (!id.StartsWith("DE", StringComparison.Ordinal))
        {
            return ParseResult<MeteringLocationId>.Fail($"metering location ID {shown} must start with DE");
        }

        var invalid = id.AsSpan().IndexOfAnyExcept(UserText.UpperAlphanumeric);
        if (invalid >= 0)
        {
            return ParseResult<MeteringLocationId>.Fail($"metering location ID {shown} contains {UserText.Character(id[invalid])}, but only letters and digits are allowed");
        }

        if (id.Length != Length)
        {
            return ParseResult<MeteringLocationId>.Fail($"metering location ID {shown} has {id.Length} characters, but it must have {Length}");
        }

        if (!id[2..8].All(char.IsAsciiDigit))
        {
            return ParseResult<MeteringLocationId>.Fail($"metering location ID {shown} must have 6 digits of the network operator after DE");
        }

        return id[8..13].All(char.IsAsciiDigit)
            ? ParseResult<MeteringLocationId>.Ok(new MeteringLocationId(id))
            : ParseResult<MeteringLocationId>.Fail($"metering location ID {shown} must have 5 digits of the postal code after the network operator");
    }

    /// <summary>Builds a metering location ID from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static MeteringLocationId Create(string text) => UserText.ValueOrThrow(Parse(text));

    public override string ToString() => Value;
}
