using Shouldly;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Core.Tests.Customers;

/// <summary>Phone numbers normalized to E.164 with libphonenumber, German numbers by default.</summary>
public sealed class PhoneNumberTests
{
    private static string Error(string? text) => PhoneNumber.Parse(text).Error.ShouldNotBeNull();

    [Theory]
    [InlineData("0351 123 4567")]
    [InlineData("+49 (351) 1234567")]
    [InlineData("0049 351 1234567")]
    [InlineData("+49 351 123 45 67")]
    [InlineData("(0351) 123 45-67")]
    [InlineData("0351/1234567")]
    [InlineData("+49 (0)351 1234567")]
    public void German_spellings_of_one_number_normalize_to_the_same_value(string text)
    {
        var number = PhoneNumber.Parse(text).Value.ShouldNotBeNull();

        number.Value.ShouldBe("+493511234567");
        number.Display.ShouldBe("+49 351 1234567");
        number.ToString().ShouldBe("+493511234567");
    }

    [Fact]
    public void Spellings_of_one_number_are_equal()
    {
        PhoneNumber.Create("0351 123 4567").ShouldBe(PhoneNumber.Create("0049 351 1234567"));
    }

    [Fact]
    public void A_mobile_number_is_normalized()
    {
        var number = PhoneNumber.Create("0171 2345678");

        number.Value.ShouldBe("+491712345678");
        number.Display.ShouldBe("+49 171 2345678");
    }

    [Fact]
    public void Letters_and_full_width_digits_are_read_as_digits_and_an_extension_is_dropped()
    {
        PhoneNumber.Create("0800 FLOWERS").Value.ShouldBe("+498003569377");
        PhoneNumber.Create("０３５１ １２３４５６７").Value.ShouldBe("+493511234567");
        PhoneNumber.Create("+49 351 1234567 ext. 12").Value.ShouldBe("+493511234567");
    }

    [Fact]
    public void A_foreign_number_keeps_its_country()
    {
        PhoneNumber.Create("+43 1 5120000").Value.ShouldBe("+4315120000");
        PhoneNumber.Create("0044 20 7946 0958").Value.ShouldBe("+442079460958");
    }

    [Theory]
    [InlineData("+49 1", "phone number +49 1 is too short")]
    [InlineData("00", "phone number 00 is too short")]
    [InlineData("12", "phone number 12 lacks the area code")]
    [InlineData("+49 351 1234567890123456", "phone number +49 351 1234567890123456 is too long")]
    [InlineData("+999 1234567", "phone number +999 1234567 has an unknown country code")]
    [InlineData("Dresden", "phone number Dresden is not a phone number")]
    [InlineData("0351\n1234567", "phone number 0351 1234567 is not a phone number")]
    [InlineData("", "phone number is empty")]
    [InlineData(" ", "phone number is empty")]
    [InlineData(null, "phone number is empty")]
    public void Text_that_is_not_a_possible_number_is_rejected(string? text, string error)
    {
        Error(text).ShouldBe(error);
    }

    [Fact]
    public void Parsing_odd_text_never_throws()
    {
        string[] odd = ["+", "++49", "0", "+49", "tel:", "tel:+49-351-1234567", new string('1', 300), "\u0000", "+49 351 1234567\r\n+49 351 7654321"];

        foreach (var text in odd)
        {
            var result = Should.NotThrow(() => PhoneNumber.Parse(text));
            if (result.Error is { } error)
            {
                error.ShouldNotContain("\n");
            }
        }
    }

    [Theory]
    [InlineData("03511234567")]
    [InlineData("+493511234567")]
    [InlineData("00493511234567")]
    [InlineData("tel:+49-351-1234567")]
    public void A_caller_ID_is_normalized_for_the_lookup(string callerId)
    {
        PhoneNumber.TryNormalizeForSearch(callerId, out var e164).ShouldBeTrue();

        e164.ShouldBe("+493511234567");
    }

    [Theory]
    [InlineData("anonymous")]
    [InlineData("")]
    [InlineData("12")]
    public void A_caller_ID_that_is_no_number_is_not_looked_up(string callerId)
    {
        PhoneNumber.TryNormalizeForSearch(callerId, out var e164).ShouldBeFalse();

        e164.ShouldBeEmpty();
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => PhoneNumber.Create("Dresden")).Message.ShouldBe("phone number Dresden is not a phone number");
    }
}
