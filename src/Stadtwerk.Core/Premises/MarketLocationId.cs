namespace Stadtwerk.Core.Premises;

/// <summary>
/// A market location ID (Marktlokations-ID, MaLo-ID) of the German energy market: 11 digits, the last a check digit,
/// such as <c>41373559241</c>.
/// </summary>
/// <remarks>
/// The check digit follows the BDEW rule: add the digits at positions 1, 3, 5, 7 and 9 and twice the digits at
/// positions 2, 4, 6, 8 and 10; the check digit is (10 − sum mod 10) mod 10. It catches every single wrong digit at
/// an odd position, but not a digit at an even position that is off by 5. Parsing accepts spaces between the digits.
/// </remarks>
public sealed record MarketLocationId
{
    private const int Length = 11;

    private MarketLocationId(string value) => Value = value;

    /// <summary>The 11 digits.</summary>
    public string Value { get; }

    /// <summary>Reads a market location ID typed by a person; never throws.</summary>
    public static ParseResult<MarketLocationId> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<MarketLocationId>.Fail("market location ID is empty");
        }

        var id = UserText.WithoutWhiteSpace(text);
        var shown = UserText.Shown(id);

        if (!id.All(char.IsAsciiDigit))
        {
            return ParseResult<MarketLocationId>.Fail($"market location ID {shown} must contain only digits");
        }

        if (id.Length != Length)
        {
            return ParseResult<MarketLocationId>.Fail($"market location ID {shown} has {id.Length} digits, but it must have {Length}");
        }

        var expected = CheckDigit(id.AsSpan(0, Length - 1));
        return id[^1] == expected
            ? ParseResult<MarketLocationId>.Ok(new MarketLocationId(id))
            : ParseResult<MarketLocationId>.Fail($"market location ID {shown} fails the check digit: the last digit should be {expected}");
    }

    /// <summary>Builds a market location ID from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static MarketLocationId Create(string text) => UserText.ValueOrThrow(Parse(text));

    /// <summary>
    /// The market location ID made of the first ten digits and their check digit (for demo and test data);
    /// throws <see cref="ArgumentException"/> unless given exactly ten digits.
    /// </summary>
    public static MarketLocationId WithCheckDigit(string tenDigits)
    {
        ArgumentNullException.ThrowIfNull(tenDigits);
        if (tenDigits.Length != Length - 1 || !tenDigits.All(char.IsAsciiDigit))
        {
            throw new ArgumentException($"the first part of a market location ID must be {Length - 1} digits, got '{UserText.Shown(tenDigits)}'", nameof(tenDigits));
        }

        return new MarketLocationId(tenDigits + CheckDigit(tenDigits));
    }

    public override string ToString() => Value;

    private static char CheckDigit(ReadOnlySpan<char> tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < tenDigits.Length; i++)
        {
            var digit = tenDigits[i] - '0';
            sum += i % 2 == 0 ? digit : 2 * digit; // index 0 is position 1
        }

        return (char)('0' + (10 - sum % 10) % 10);
    }
}
