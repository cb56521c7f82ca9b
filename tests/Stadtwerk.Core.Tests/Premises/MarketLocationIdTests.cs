using FsCheck;
using FsCheck.Xunit;
using Shouldly;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Core.Tests.Premises;

/// <summary>Market location ID (MaLo): 11 digits with the BDEW check digit.</summary>
public sealed class MarketLocationIdTests
{
    private static string Error(string? text) => MarketLocationId.Parse(text).Error.ShouldNotBeNull();

    [Fact]
    public void A_valid_ID_is_read()
    {
        var id = MarketLocationId.Parse("41373559241").Value.ShouldNotBeNull();

        id.Value.ShouldBe("41373559241");
        id.ToString().ShouldBe("41373559241");
    }

    [Fact]
    public void Spaces_between_the_digits_are_dropped()
    {
        MarketLocationId.Create(" 413 7355 9241 ").ShouldBe(MarketLocationId.Create("41373559241"));
    }

    [Theory]
    [InlineData("41373559240", 1)]
    [InlineData("41373559242", 1)]
    [InlineData("51373559241", 0)] // first digit changed: 18 + 2 * 26 = 70, check 0
    [InlineData("42373559241", 9)] // second digit changed, counted twice: 17 + 2 * 27 = 71, check 9
    [InlineData("14373559241", 8)] // first two digits swapped: 14 + 2 * 29 = 72, check 8
    public void A_wrong_check_digit_is_rejected_with_the_expected_one(string text, int expected)
    {
        Error(text).ShouldBe($"market location ID {text} fails the check digit: the last digit should be {expected}");
    }

    [Theory]
    [InlineData("4137355924", "market location ID 4137355924 has 10 digits, but it must have 11")]
    [InlineData("413735592410", "market location ID 413735592410 has 12 digits, but it must have 11")]
    [InlineData("4137355924A", "market location ID 4137355924A must contain only digits")]
    [InlineData("41373-559241", "market location ID 41373-559241 must contain only digits")]
    [InlineData("", "market location ID is empty")]
    [InlineData(null, "market location ID is empty")]
    public void A_malformed_ID_is_rejected_with_the_reason(string? text, string error)
    {
        Error(text).ShouldBe(error);
    }

    [Fact]
    public void The_check_digit_is_computed_for_demo_data()
    {
        MarketLocationId.WithCheckDigit("4137355924").Value.ShouldBe("41373559241");
        MarketLocationId.WithCheckDigit("5137355924").Value.ShouldBe("51373559240");
        MarketLocationId.WithCheckDigit("0000000000").Value.ShouldBe("00000000000");
    }

    [Theory]
    [InlineData("413735592")]
    [InlineData("41373559241")]
    [InlineData("413735592A")]
    public void Computing_the_check_digit_needs_ten_digits(string text)
    {
        Should.Throw<ArgumentException>(() => MarketLocationId.WithCheckDigit(text)).ParamName.ShouldBe("tenDigits");
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => MarketLocationId.Create("41373559242"))
            .Message.ShouldBe("market location ID 41373559242 fails the check digit: the last digit should be 1");
    }

    [Property(MaxTest = 300)]
    public bool Every_generated_ID_is_read_back(NonNegativeInt seed)
    {
        var tenDigits = ((long)seed.Get * 7919 % 10_000_000_000L).ToString("D10", System.Globalization.CultureInfo.InvariantCulture);
        var id = MarketLocationId.WithCheckDigit(tenDigits);

        return MarketLocationId.Parse(id.Value).Value == id;
    }

    [Property(MaxTest = 300)]
    public bool A_wrong_digit_at_an_odd_position_is_caught(PositiveInt position, PositiveInt replacement)
    {
        const string valid = "41373559241";
        var index = 2 * (position.Get % 5); // positions 1, 3, 5, 7, 9
        var digit = (char)('0' + ((valid[index] - '0' + 1 + (replacement.Get % 9)) % 10));

        return !MarketLocationId.Parse(valid[..index] + digit + valid[(index + 1)..]).Succeeded;
    }
}
