using Shouldly;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Core.Tests.Accounts;

/// <summary>BIC (ISO 9362): bank, country, location and optional branch code.</summary>
public sealed class BicTests
{
    private static string Error(string? text) => Bic.Parse(text).Error.ShouldNotBeNull();

    [Fact]
    public void An_eight_character_BIC_has_no_branch()
    {
        var bic = Bic.Create("DEUTDEFF");

        bic.Value.ShouldBe("DEUTDEFF");
        bic.BankCode.ShouldBe("DEUT");
        bic.CountryCode.ShouldBe("DE");
        bic.LocationCode.ShouldBe("FF");
        bic.BranchCode.ShouldBeNull();
        bic.ToString().ShouldBe("DEUTDEFF");
    }

    [Fact]
    public void An_eleven_character_BIC_has_a_branch()
    {
        var bic = Bic.Create("MARKDEF1850");

        bic.LocationCode.ShouldBe("F1");
        bic.BranchCode.ShouldBe("850");
    }

    [Fact]
    public void Spaces_and_lower_case_are_accepted_and_normalized()
    {
        Bic.Create(" osdd de 81 xxx ").Value.ShouldBe("OSDDDE81XXX");
        Bic.Create("cobadeffxxx").ShouldBe(Bic.Create("COBADEFFXXX"));
    }

    [Theory]
    [InlineData("DEUTDEF", "BIC DEUTDEF has 7 characters, but a BIC has 8 or 11")]
    [InlineData("DEUTDEFF50", "BIC DEUTDEFF50 has 10 characters, but a BIC has 8 or 11")]
    [InlineData("DEUTDEFF5000", "BIC DEUTDEFF5000 has 12 characters, but a BIC has 8 or 11")]
    [InlineData("DEU1DEFF", "BIC DEU1DEFF must start with a bank code of 4 letters")]
    [InlineData("DEUTD3FF", "BIC DEUTD3FF must have a country code of 2 letters after the bank code")]
    [InlineData("DEUTDEF-", "BIC DEUTDEF- must have a location code of 2 letters or digits after the country code")]
    [InlineData("DEUTDEFF50_", "BIC DEUTDEFF50_ must end with a branch code of 3 letters or digits")]
    [InlineData("", "BIC is empty")]
    [InlineData(null, "BIC is empty")]
    public void A_malformed_BIC_is_rejected_with_the_reason(string? text, string error)
    {
        Error(text).ShouldBe(error);
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => Bic.Create("DEUTDEF")).Message.ShouldBe("BIC DEUTDEF has 7 characters, but a BIC has 8 or 11");
    }
}
