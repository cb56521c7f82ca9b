namespace Stadtwerk.Core.Accounts;

/// <summary>
/// A Business Identifier Code (ISO 9362, "SWIFT code"): 4 letters bank code, 2 letters country code,
/// 2 letters or digits location code and an optional 3 letters or digits branch code, such as <c>COBADEFFXXX</c>.
/// </summary>
/// <remarks>
/// Parsing accepts spaces and lower case. The 8-character form and the 11-character form with branch <c>XXX</c>
/// name the same office but are kept as given, so they are different values.
/// </remarks>
public sealed record Bic
{
    private Bic(string value) => Value = value;

    /// <summary>The BIC in upper case without spaces, 8 or 11 characters.</summary>
    public string Value { get; }

    /// <summary>The four letters naming the institution, such as <c>COBA</c>.</summary>
    public string BankCode => Value[..4];

    /// <summary>The ISO 3166 country code, such as <c>DE</c>.</summary>
    public string CountryCode => Value[4..6];

    /// <summary>The two-character location code, such as <c>FF</c>.</summary>
    public string LocationCode => Value[6..8];

    /// <summary>The three-character branch code, or null for an 8-character BIC.</summary>
    public string? BranchCode => Value.Length == 11 ? Value[8..] : null;

    /// <summary>Reads a BIC typed by a person; never throws.</summary>
    public static ParseResult<Bic> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<Bic>.Fail("BIC is empty");
        }

        var bic = UserText.WithoutWhiteSpace(text).ToUpperInvariant();
        var shown = UserText.Shown(bic);

        if (bic.Length is not (8 or 11))
        {
            return ParseResult<Bic>.Fail($"BIC {shown} has {bic.Length} characters, but a BIC has 8 or 11");
        }

        if (!bic[..4].All(char.IsAsciiLetterUpper))
        {
            return ParseResult<Bic>.Fail($"BIC {shown} must start with a bank code of 4 letters");
        }

        if (!bic[4..6].All(char.IsAsciiLetterUpper))
        {
            return ParseResult<Bic>.Fail($"BIC {shown} must have a country code of 2 letters after the bank code");
        }

        if (!bic[6..8].All(char.IsAsciiLetterOrDigit))
        {
            return ParseResult<Bic>.Fail($"BIC {shown} must have a location code of 2 letters or digits after the country code");
        }

        return bic[8..].All(char.IsAsciiLetterOrDigit)
            ? ParseResult<Bic>.Ok(new Bic(bic))
            : ParseResult<Bic>.Fail($"BIC {shown} must end with a branch code of 3 letters or digits");
    }

    /// <summary>Builds a BIC from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static Bic Create(string text) => UserText.ValueOrThrow(Parse(text));

    public override string ToString() => Value;
}
