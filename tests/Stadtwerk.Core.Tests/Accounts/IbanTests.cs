using FsCheck;
using FsCheck.Xunit;
using Shouldly;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Core.Tests.Accounts;

/// <summary>IBAN (ISO 13616): normalized electronic form, registry length per country, mod-97 check digits.</summary>
public sealed class IbanTests
{
    private static string Error(string? text) => Iban.Parse(text).Error.ShouldNotBeNull();

    [Theory]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000", "DE")]
    [InlineData("GB82 WEST 1234 5698 7654 32", "GB82WEST12345698765432", "GB")]
    [InlineData("AT61 1904 3002 3457 3201", "AT611904300234573201", "AT")]
    [InlineData("CH93 0076 2011 6238 5295 7", "CH9300762011623852957", "CH")]
    [InlineData("NO93 8601 1117 947", "NO9386011117947", "NO")]
    [InlineData("MT84 MALT 0110 0001 2345 MTLC AST0 01S", "MT84MALT011000012345MTLCAST001S", "MT")]
    [InlineData("LC55 HEMM 0001 0001 0012 0012 0002 3015", "LC55HEMM000100010012001200023015", "LC")]
    public void A_valid_IBAN_is_read_into_its_electronic_form(string text, string value, string country)
    {
        var iban = Iban.Parse(text).Value.ShouldNotBeNull();

        iban.Value.ShouldBe(value);
        iban.CountryCode.ShouldBe(country);
        iban.ToString().ShouldBe(value);
    }

    [Fact]
    public void Spaces_and_lower_case_are_accepted_and_normalized()
    {
        Iban.Create("  de89 3704 0044 0532 0130 00 ").Value.ShouldBe("DE89370400440532013000");
        Iban.Create("gb82west12345698765432").Value.ShouldBe("GB82WEST12345698765432");
    }

    [Fact]
    public void The_paper_form_groups_four_characters()
    {
        Iban.Create("DE89370400440532013000").Formatted.ShouldBe("DE89 3704 0044 0532 0130 00");
        Iban.Create("AT611904300234573201").Formatted.ShouldBe("AT61 1904 3002 3457 3201");
        Iban.Create("CH9300762011623852957").Formatted.ShouldBe("CH93 0076 2011 6238 5295 7");
        Iban.Create(Iban.Create("GB82WEST12345698765432").Formatted).Value.ShouldBe("GB82WEST12345698765432");
    }

    [Fact]
    public void Two_spellings_of_one_IBAN_are_equal()
    {
        Iban.Create("DE89 3704 0044 0532 0130 00").ShouldBe(Iban.Create("de89370400440532013000"));
    }

    [Fact]
    public void Wrong_check_digits_are_rejected()
    {
        Error("DE89370400440532013001").ShouldBe("IBAN DE89370400440532013001 fails the check digits (mod 97)");
        Error("DE88 3704 0044 0532 0130 00").ShouldBe("IBAN DE88370400440532013000 fails the check digits (mod 97)");
    }

    [Fact]
    public void Two_swapped_digits_are_rejected()
    {
        Error("DE89370400440523013000").ShouldBe("IBAN DE89370400440523013000 fails the check digits (mod 97)");
    }

    [Fact]
    public void Check_digits_00_01_and_99_are_rejected_even_when_mod_97_is_one()
    {
        // DE98 3704 0044 1000 0000 08 is valid; 01 is congruent to 98 modulo 97 but never issued.
        Iban.Parse("DE98370400441000000008").Succeeded.ShouldBeTrue();

        Error("DE01370400441000000008").ShouldBe("IBAN DE01370400441000000008 has the check digits 01, which are never valid (02 to 98)");
    }

    [Fact]
    public void A_length_other_than_the_registered_one_of_the_country_is_rejected()
    {
        Error("DE89 3704 0044 0532 0130 0").ShouldBe("IBAN DE8937040044053201300 has 21 characters, but IBANs of DE have 22");
        Error("AT61 1904 3002 3457 3201 0").ShouldBe("IBAN AT6119043002345732010 has 21 characters, but IBANs of AT have 20");
    }

    [Fact]
    public void A_country_without_IBAN_is_rejected()
    {
        Error("US12 3456 7890 1234").ShouldBe("IBAN US12345678901234 has the country code US, which has no IBAN in the SWIFT registry");
        Error("XX89 3704 0044 0532 0130 00").ShouldBe("IBAN XX89370400440532013000 has the country code XX, which has no IBAN in the SWIFT registry");
    }

    [Fact]
    public void An_IBAN_must_start_with_two_letters()
    {
        Error("1289 3704 0044 0532 0130 00").ShouldBe("IBAN 1289370400440532013000 must start with a two-letter country code");
        Error("D").ShouldBe("IBAN D must start with a two-letter country code");
        Error("ÄÖ89 3704").ShouldBe("IBAN ÄÖ893704 must start with a two-letter country code");
    }

    [Fact]
    public void Characters_other_than_letters_and_digits_are_rejected()
    {
        Error("DE89-3704-0044-0532-0130-00").ShouldBe("IBAN DE89-3704-0044-0532-0130-00 contains '-', but only letters and digits are allowed");
        Error("DE89 3704 0044 0532 0130 0ß").ShouldBe("IBAN DE8937040044053201300ß contains 'ß', but only letters and digits are allowed");
        Error("DE89\u00003704004405320130000").ShouldBe("IBAN DE89 3704004405320130000 contains U+0000, but only letters and digits are allowed");
    }

    [Fact]
    public void The_check_digits_must_be_digits()
    {
        Error("DEAB370400440532013000").ShouldBe("IBAN DEAB370400440532013000 must have two check digits after the country code");
        Error("DE8").ShouldBe("IBAN DE8 must have two check digits after the country code");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_rejected(string? text)
    {
        Error(text).ShouldBe("IBAN is empty");
    }

    [Fact]
    public void A_long_paste_is_shown_shortened_on_one_line()
    {
        var error = Error("DE89-" + new string('1', 200));

        error.ShouldNotContain("\n");
        error.Length.ShouldBeLessThan(160);
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => Iban.Create("DE89370400440532013001"))
            .Message.ShouldBe("IBAN DE89370400440532013001 fails the check digits (mod 97)");
    }

    [Fact]
    public void The_registry_table_holds_every_IBAN_country()
    {
        Iban.RegisteredCountryCount.ShouldBe(89);
    }

    [Property(MaxTest = 500)]
    public bool Any_single_wrong_digit_in_the_account_part_is_caught(PositiveInt position, PositiveInt replacement)
    {
        const string valid = "DE89370400440532013000";
        var index = 4 + (position.Get % (valid.Length - 4));
        var digit = (char)('0' + ((valid[index] - '0' + 1 + (replacement.Get % 9)) % 10));
        var changed = valid[..index] + digit + valid[(index + 1)..];

        return !Iban.Parse(changed).Succeeded;
    }
}
