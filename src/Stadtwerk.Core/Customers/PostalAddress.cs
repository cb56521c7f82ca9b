using System.Collections.Frozen;

namespace Stadtwerk.Core.Customers;

/// <summary>
/// A postal address for letters and supply points: street, house number, postal code, city and country,
/// such as <c>Musterstraße 1, 01067 Dresden</c>.
/// </summary>
/// <remarks>
/// Built from form fields, not parsed from one line of text. Every part is trimmed. Street and city are required and
/// at most 100 characters; the house number is required and at most 20 characters (<c>12a</c>, <c>12-14</c>);
/// a German postal code is exactly 5 digits, another country's is at most 10 letters, digits, spaces or dashes and
/// may be empty; the country is an ISO 3166-1 alpha-2 code (or XK, Kosovo, as used by the EU and in IBANs),
/// upper-cased. No part may contain a line break.
/// </remarks>
public sealed record PostalAddress
{
    public const string Germany = "DE";

    public const int MaxStreetLength = 100;

    public const int MaxHouseNumberLength = 20;

    public const int MaxCityLength = 100;

    public const int MaxForeignPostalCodeLength = 10;

    /// <summary>The ISO 3166-1 alpha-2 codes officially assigned (249), and XK for Kosovo.</summary>
    private static readonly FrozenSet<string> CountryCodes = string.Join(' ',
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE",
        "BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD",
        "CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM",
        "DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF",
        "GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU",
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN",
        "KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME",
        "MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA",
        "NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM",
        "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI",
        "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK",
        "TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI",
        "VN VU WF WS YE YT ZA ZM ZW XK")
        .Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private PostalAddress(string street, string houseNumber, string postalCode, string city, string country)
    {
        Street = street;
        HouseNumber = houseNumber;
        PostalCode = postalCode;
        City = city;
        Country = country;
    }

    public string Street { get; }

    public string HouseNumber { get; }

    /// <summary>Five digits in Germany; may be empty for a country without postal codes.</summary>
    public string PostalCode { get; }

    public string City { get; }

    /// <summary>The ISO 3166-1 alpha-2 country code in upper case, such as <c>DE</c>.</summary>
    public string Country { get; }

    /// <summary>Checks the parts of an address, as typed into a form; never throws. The error names every wrong part, separated by semicolons.</summary>
    public static ParseResult<PostalAddress> Validate(string? street, string? houseNumber, string? postalCode, string? city, string? country = Germany)
    {
        var errors = new List<Text>();
        var cleanStreet = Required("street", street, MaxStreetLength, errors);
        var cleanHouseNumber = Required("house number", houseNumber, MaxHouseNumberLength, errors);
        var cleanCountry = CountryCode(country, errors);
        var cleanPostalCode = PostalCodeFor(cleanCountry, postalCode, errors);
        var cleanCity = Required("city", city, MaxCityLength, errors);

        return errors.Count == 0
            ? ParseResult<PostalAddress>.Ok(new PostalAddress(cleanStreet, cleanHouseNumber, cleanPostalCode, cleanCity, cleanCountry))
            : ParseResult<PostalAddress>.Fail(Text.Join("; ", errors));
    }

    /// <summary>Builds an address from parts known to be valid; throws <see cref="ArgumentException"/> with the error of <see cref="Validate"/> otherwise.</summary>
    public static PostalAddress Create(string street, string houseNumber, string postalCode, string city, string country = Germany) =>
        UserText.ValueOrThrow(Validate(street, houseNumber, postalCode, city, country));

    /// <summary>One line, such as <c>Musterstraße 1, 01067 Dresden</c>; the country is added when it is not Germany.</summary>
    public override string ToString()
    {
        var place = PostalCode.Length == 0 ? City : $"{PostalCode} {City}";
        return Country == Germany ? $"{Street} {HouseNumber}, {place}" : $"{Street} {HouseNumber}, {place}, {Country}";
    }

    private static string Required(Text name, string? text, int maxLength, List<Text> errors)
    {
        var clean = text?.Trim() ?? string.Empty;
        if (clean.Length == 0)
        {
            errors.Add($"{name} is empty");
        }
        else if (clean.Length > maxLength)
        {
            errors.Add($"{name} has {clean.Length} characters, but at most {maxLength} are allowed");
        }
        else if (clean.Any(char.IsControl))
        {
            errors.Add($"{name} {UserText.Shown(clean)} must be on one line");
        }

        return clean;
    }

    private static string CountryCode(string? text, List<Text> errors)
    {
        var typed = text?.Trim() ?? string.Empty;
        var clean = typed.ToUpperInvariant();
        if (clean.Length == 0)
        {
            errors.Add("country is empty");
        }
        else if (!CountryCodes.Contains(clean))
        {
            errors.Add($"country {UserText.Shown(typed)} is not an ISO 3166 alpha-2 code such as DE");
        }

        return clean;
    }

    private static string PostalCodeFor(string country, string? text, List<Text> errors)
    {
        var clean = text?.Trim() ?? string.Empty;
        if (country == Germany)
        {
            if (clean.Length != 5 || !clean.All(char.IsAsciiDigit))
            {
                errors.Add(clean.Length == 0 ? "postal code is empty" : (Text)$"postal code {UserText.Shown(clean)} must be 5 digits in Germany");
            }
        }
        else if (clean.Length > MaxForeignPostalCodeLength || !clean.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '-'))
        {
            errors.Add($"postal code {UserText.Shown(clean)} must be at most {MaxForeignPostalCodeLength} letters, digits, spaces or dashes");
        }

        return country == Germany ? clean : clean.ToUpperInvariant();
    }
}
