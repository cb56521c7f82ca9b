namespace Stadtwerk.Core.Accounts;

/// <summary>
/// A SEPA creditor identifier (Gläubiger-Identifikationsnummer), e.g. <c>DE98ZZZ09999999999</c>: country code,
/// two check digits, a three-character business code (not part of the check, usually ZZZ) and the national
/// identifier. The check digits are ISO 7064 MOD 97-10 over the national identifier followed by the country code
/// and the check digits, as for an IBAN.
/// </summary>
public sealed record CreditorIdentifier
{
    private CreditorIdentifier(string value) => Value = value;

    public string Value { get; }

    public static ParseResult<CreditorIdentifier> Parse(string? text)
    {
        var id = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (id.Length is < 9 or > 35)
        {
            return ParseResult<CreditorIdentifier>.Fail($"creditor identifier '{text}' must have 9 to 35 characters");
        }

        if (!char.IsAsciiLetterUpper(id[0]) || !char.IsAsciiLetterUpper(id[1]) || !char.IsAsciiDigit(id[2]) || !char.IsAsciiDigit(id[3]))
        {
            return ParseResult<CreditorIdentifier>.Fail($"creditor identifier {id} must start with a country code and two check digits");
        }

        if (!id.All(char.IsAsciiLetterOrDigit))
        {
            return ParseResult<CreditorIdentifier>.Fail($"creditor identifier {id} may hold only letters and digits");
        }

        if (id.StartsWith("DE", StringComparison.Ordinal) && id.Length != 18)
        {
            return ParseResult<CreditorIdentifier>.Fail($"German creditor identifier {id} must have 18 characters");
        }

        return Iban.Mod97Of(string.Concat(id.AsSpan(7), id.AsSpan(0, 4))) == 1
            ? ParseResult<CreditorIdentifier>.Ok(new CreditorIdentifier(id))
            : ParseResult<CreditorIdentifier>.Fail($"creditor identifier {id} fails the check digits (mod 97)");
    }

    public override string ToString() => Value;
}
