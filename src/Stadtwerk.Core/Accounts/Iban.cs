using System.Collections.Frozen;

namespace Stadtwerk.Core.Accounts;

/// <summary>
/// An International Bank Account Number (ISO 13616) in its electronic form: upper case, no spaces,
/// for example <c>DE89370400440532013000</c>.
/// </summary>
/// <remarks>
/// Parsing accepts spaces and lower case and checks, in this order: the two-letter country code, that the country
/// is in the SWIFT IBAN registry, that only letters and digits follow, the two check digits, the length registered
/// for the country, and the ISO 7064 MOD 97-10 check (the rearranged number modulo 97 is 1).
/// The structure of the BBAN within a country (which places hold digits or letters) is not checked.
/// </remarks>
public sealed record Iban
{
    /// <summary>
    /// The IBAN length of every country in the SWIFT IBAN registry (ISO 13616), by the country code the IBANs start with.
    /// Territories that the registry lists under another country (Åland under FI, the French overseas territories
    /// under FR, Jersey, Guernsey and the Isle of Man under GB) use that country's prefix.
    /// </summary>
    private static readonly FrozenDictionary<string, int> RegisteredLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["AD"] = 24, // Andorra
        ["AE"] = 23, // United Arab Emirates
        ["AL"] = 28, // Albania
        ["AT"] = 20, // Austria
        ["AZ"] = 28, // Azerbaijan
        ["BA"] = 20, // Bosnia and Herzegovina
        ["BE"] = 16, // Belgium
        ["BG"] = 22, // Bulgaria
        ["BH"] = 22, // Bahrain
        ["BI"] = 27, // Burundi
        ["BR"] = 29, // Brazil
        ["BY"] = 28, // Belarus
        ["CH"] = 21, // Switzerland
        ["CR"] = 22, // Costa Rica
        ["CY"] = 28, // Cyprus
        ["CZ"] = 24, // Czechia
        ["DE"] = 22, // Germany
        ["DJ"] = 27, // Djibouti
        ["DK"] = 18, // Denmark
        ["DO"] = 28, // Dominican Republic
        ["EE"] = 20, // Estonia
        ["EG"] = 29, // Egypt
        ["ES"] = 24, // Spain
        ["FI"] = 18, // Finland
        ["FK"] = 18, // Falkland Islands
        ["FO"] = 18, // Faroe Islands
        ["FR"] = 27, // France
        ["GB"] = 22, // United Kingdom
        ["GE"] = 22, // Georgia
        ["GI"] = 23, // Gibraltar
        ["GL"] = 18, // Greenland
        ["GR"] = 27, // Greece
        ["GT"] = 28, // Guatemala
        ["HN"] = 28, // Honduras
        ["HR"] = 21, // Croatia
        ["HU"] = 28, // Hungary
        ["IE"] = 22, // Ireland
        ["IL"] = 23, // Israel
        ["IQ"] = 23, // Iraq
        ["IS"] = 26, // Iceland
        ["IT"] = 27, // Italy
        ["JO"] = 30, // Jordan
        ["KW"] = 30, // Kuwait
        ["KZ"] = 20, // Kazakhstan
        ["LB"] = 28, // Lebanon
        ["LC"] = 32, // Saint Lucia
        ["LI"] = 21, // Liechtenstein
        ["LT"] = 20, // Lithuania
        ["LU"] = 20, // Luxembourg
        ["LV"] = 21, // Latvia
        ["LY"] = 25, // Libya
        ["MC"] = 27, // Monaco
        ["MD"] = 24, // Moldova
        ["ME"] = 22, // Montenegro
        ["MK"] = 19, // North Macedonia
        ["MN"] = 20, // Mongolia
        ["MR"] = 27, // Mauritania
        ["MT"] = 31, // Malta
        ["MU"] = 30, // Mauritius
        ["NI"] = 28, // Nicaragua
        ["NL"] = 18, // Netherlands
        ["NO"] = 15, // Norway
        ["OM"] = 23, // Oman
        ["PK"] = 24, // Pakistan
        ["PL"] = 28, // Poland
        ["PS"] = 29, // Palestine
        ["PT"] = 25, // Portugal
        ["QA"] = 29, // Qatar
        ["RO"] = 24, // Romania
        ["RS"] = 22, // Serbia
        ["RU"] = 33, // Russia
        ["SA"] = 24, // Saudi Arabia
        ["SC"] = 31, // Seychelles
        ["SD"] = 18, // Sudan
        ["SE"] = 24, // Sweden
        ["SI"] = 19, // Slovenia
        ["SK"] = 24, // Slovakia
        ["SM"] = 27, // San Marino
        ["SO"] = 23, // Somalia
        ["ST"] = 25, // São Tomé and Príncipe
        ["SV"] = 28, // El Salvador
        ["TL"] = 23, // Timor-Leste
        ["TN"] = 24, // Tunisia
        ["TR"] = 26, // Türkiye
        ["UA"] = 29, // Ukraine
        ["VA"] = 22, // Vatican City
        ["VG"] = 24, // British Virgin Islands
        ["XK"] = 20, // Kosovo
        ["YE"] = 30, // Yemen
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private Iban(string value) => Value = value;

    /// <summary>The electronic form: upper case, without spaces.</summary>
    public string Value { get; }

    /// <summary>The ISO 3166 country code the IBAN starts with, such as <c>DE</c>.</summary>
    public string CountryCode => Value[..2];

    /// <summary>The paper form: groups of four characters separated by spaces, such as <c>DE89 3704 0044 0532 0130 00</c>.</summary>
    public string Formatted => string.Join(' ', Value.Chunk(4).Select(group => new string(group)));

    /// <summary>The number of countries in the IBAN registry table (for tests).</summary>
    internal static int RegisteredCountryCount => RegisteredLengths.Count;

    /// <summary>Reads an IBAN typed by a person; never throws.</summary>
    public static ParseResult<Iban> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<Iban>.Fail("IBAN is empty");
        }

        var iban = UserText.WithoutWhiteSpace(text).ToUpperInvariant();
        var shown = UserText.Shown(iban);

        if (iban.Length < 2 || !char.IsAsciiLetterUpper(iban[0]) || !char.IsAsciiLetterUpper(iban[1]))
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} must start with a two-letter country code");
        }

        var country = iban[..2];
        if (!RegisteredLengths.TryGetValue(country, out var length))
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} has the country code {country}, which has no IBAN in the SWIFT registry");
        }

        var invalid = iban.AsSpan().IndexOfAnyExcept(UserText.UpperAlphanumeric);
        if (invalid >= 0)
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} contains {UserText.Character(iban[invalid])}, but only letters and digits are allowed");
        }

        if (iban.Length < 4 || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} must have two check digits after the country code");
        }

        if (iban.Length != length)
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} has {iban.Length} characters, but IBANs of {country} have {length}");
        }

        var checkDigits = iban[2..4];
        if (checkDigits is "00" or "01" or "99")
        {
            return ParseResult<Iban>.Fail($"IBAN {shown} has the check digits {checkDigits}, which are never valid (02 to 98)");
        }

        return Mod97(iban) == 1
            ? ParseResult<Iban>.Ok(new Iban(iban))
            : ParseResult<Iban>.Fail($"IBAN {shown} fails the check digits (mod 97)");
    }

    /// <summary>Builds an IBAN from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static Iban Create(string text) => UserText.ValueOrThrow(Parse(text));

    public override string ToString() => Value;

    /// <summary>
    /// ISO 7064 MOD 97-10 over the rearranged IBAN (BBAN, then country code and check digits, letters as 10..35),
    /// computed digit by digit so that no number exceeds a few thousand.
    /// </summary>
    private static int Mod97(string iban) => Mod97Of(string.Concat(iban.AsSpan(4), iban.AsSpan(0, 4)));

    /// <summary>ISO 7064 MOD 97-10 of letters (10..35) and digits, as IBANs and SEPA creditor identifiers use it.</summary>
    internal static int Mod97Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var remainder = 0;
        foreach (var c in text)
        {
            remainder = char.IsAsciiDigit(c)
                ? (remainder * 10 + (c - '0')) % 97
                : (remainder * 100 + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
