using PhoneNumbers;
using Library = PhoneNumbers.PhoneNumber;

namespace Stadtwerk.Core.Customers;

/// <summary>
/// A telephone number in E.164 form, such as <c>+493511234567</c>, read with libphonenumber
/// (a pure computation library: its metadata is compiled into the assembly, it does no I/O).
/// </summary>
/// <remarks>
/// Numbers without a country code are read as German, so <c>0351 123 4567</c>, <c>+49 (351) 1234567</c> and
/// <c>0049 351 1234567</c> are the same number. A number is accepted when its length is possible for its country;
/// whether the number is actually assigned is not checked. An extension (<c>ext. 12</c>) is dropped.
/// </remarks>
public sealed record PhoneNumber
{
    /// <summary>The region assumed for numbers written without a country code.</summary>
    public const string DefaultRegion = "DE";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneNumber(string value, string display)
    {
        Value = value;
        Display = display;
    }

    /// <summary>The E.164 form: plus sign, country code and national number without spaces.</summary>
    public string Value { get; }

    /// <summary>The international form for display, such as <c>+49 351 1234567</c>.</summary>
    public string Display { get; }

    /// <summary>Reads a phone number typed by a person; never throws.</summary>
    public static ParseResult<PhoneNumber> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<PhoneNumber>.Fail("phone number is empty");
        }

        var shown = UserText.Shown(text);
        Library number;
        try
        {
            number = Util.Parse(text, DefaultRegion);
        }
        catch (NumberParseException e)
        {
            return ParseResult<PhoneNumber>.Fail(e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => (Text)$"phone number {shown} has an unknown country code",
                ErrorType.TOO_SHORT_AFTER_IDD or ErrorType.TOO_SHORT_NSN => $"phone number {shown} is too short",
                ErrorType.TOO_LONG => $"phone number {shown} is too long",
                _ => $"phone number {shown} is not a phone number",
            });
        }

        return Util.IsPossibleNumberWithReason(number) switch
        {
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE => ParseResult<PhoneNumber>.Ok(
                new PhoneNumber(Util.Format(number, PhoneNumberFormat.E164), Util.Format(number, PhoneNumberFormat.INTERNATIONAL))),
            PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => ParseResult<PhoneNumber>.Fail($"phone number {shown} lacks the area code"),
            PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => ParseResult<PhoneNumber>.Fail($"phone number {shown} has an unknown country code"),
            PhoneNumberUtil.ValidationResult.TOO_SHORT => ParseResult<PhoneNumber>.Fail($"phone number {shown} is too short"),
            PhoneNumberUtil.ValidationResult.TOO_LONG => ParseResult<PhoneNumber>.Fail($"phone number {shown} is too long"),
            _ => ParseResult<PhoneNumber>.Fail($"phone number {shown} has a length that no number of its country has"),
        };
    }

    /// <summary>Builds a phone number from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static PhoneNumber Create(string text) => UserText.ValueOrThrow(Parse(text));

    /// <summary>
    /// Normalizes a caller ID or a search term to E.164 by the same rules as <see cref="Parse"/>, to look up
    /// customers by <see cref="Value"/>; false (and an empty string) when the text is not a possible phone number.
    /// Never throws.
    /// </summary>
    public static bool TryNormalizeForSearch(string text, out string e164)
    {
        e164 = Parse(text).Value?.Value ?? string.Empty;
        return e164.Length > 0;
    }

    public override string ToString() => Value;
}
