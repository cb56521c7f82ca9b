using FsCheck;
using FsCheck.Xunit;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Core.Tests;

/// <summary>Parsing user text never throws, and every error is one non-empty line (FsCheck, arbitrary strings).</summary>
public sealed class ValueTypeParsingProperties
{
    [Property(MaxTest = 300)]
    public bool An_IBAN_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(Iban.Parse(text));

    [Property(MaxTest = 300)]
    public bool A_BIC_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(Bic.Parse(text));

    [Property(MaxTest = 300)]
    public bool A_market_location_ID_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(MarketLocationId.Parse(text));

    [Property(MaxTest = 300)]
    public bool A_metering_location_ID_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(MeteringLocationId.Parse(text));

    [Property(MaxTest = 300)]
    public bool A_phone_number_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(PhoneNumber.Parse(text));

    [Property(MaxTest = 300)]
    public bool An_email_address_parse_never_throws_and_errs_on_one_line(string? text) => OneLine(EmailAddress.Parse(text));

    [Property(MaxTest = 300)]
    public bool A_postal_address_validation_never_throws_and_errs_on_one_line(string? street, string? houseNumber, string? postalCode, string? city, string? country) =>
        OneLine(PostalAddress.Validate(street, houseNumber, postalCode, city, country));

    private static bool OneLine<T>(ParseResult<T> result)
        where T : class =>
        result.Succeeded
            ? result.Error is null
            : !string.IsNullOrWhiteSpace(result.Error) && !result.Error.Any(char.IsControl);
}
