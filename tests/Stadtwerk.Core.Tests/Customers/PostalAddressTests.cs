using Shouldly;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Core.Tests.Customers;

/// <summary>Postal addresses from form fields: German postal codes, ISO country codes, one-line form.</summary>
public sealed class PostalAddressTests
{
    private static string Error(string? street, string? houseNumber, string? postalCode, string? city, string? country = "DE") =>
        PostalAddress.Validate(street, houseNumber, postalCode, city, country).Error.ShouldNotBeNull();

    [Fact]
    public void A_German_address_is_shown_on_one_line()
    {
        var address = PostalAddress.Create("Musterstraße", "1", "01067", "Dresden");

        address.Street.ShouldBe("Musterstraße");
        address.HouseNumber.ShouldBe("1");
        address.PostalCode.ShouldBe("01067");
        address.City.ShouldBe("Dresden");
        address.Country.ShouldBe("DE");
        address.ToString().ShouldBe("Musterstraße 1, 01067 Dresden");
    }

    [Fact]
    public void The_parts_are_trimmed_and_the_country_upper_cased()
    {
        var address = PostalAddress.Validate(" Musterstraße ", " 12a ", " 01067 ", " Dresden ", " de ").Value.ShouldNotBeNull();

        address.ShouldBe(PostalAddress.Create("Musterstraße", "12a", "01067", "Dresden", "DE"));
        address.ToString().ShouldBe("Musterstraße 12a, 01067 Dresden");
    }

    [Fact]
    public void A_foreign_address_names_its_country()
    {
        PostalAddress.Create("Stephansplatz", "1", "1010", "Wien", "AT").ToString().ShouldBe("Stephansplatz 1, 1010 Wien, AT");
        PostalAddress.Create("Downing Street", "10", "sw1a 2aa", "London", "GB").PostalCode.ShouldBe("SW1A 2AA");
    }

    [Fact]
    public void A_foreign_address_may_have_no_postal_code()
    {
        PostalAddress.Create("Main Road", "5", "", "Dublin", "IE").ToString().ShouldBe("Main Road 5, Dublin, IE");
    }

    [Theory]
    [InlineData("0106", "postal code 0106 must be 5 digits in Germany")]
    [InlineData("010677", "postal code 010677 must be 5 digits in Germany")]
    [InlineData("O1067", "postal code O1067 must be 5 digits in Germany")]
    [InlineData("D-01067", "postal code D-01067 must be 5 digits in Germany")]
    [InlineData("", "postal code is empty")]
    [InlineData(null, "postal code is empty")]
    public void A_German_postal_code_is_exactly_five_digits(string? postalCode, string error)
    {
        Error("Musterstraße", "1", postalCode, "Dresden").ShouldBe(error);
    }

    [Fact]
    public void A_foreign_postal_code_is_short_and_plain()
    {
        Error("Rue de Rivoli", "1", "75001 PARIS CEDEX", "Paris", "FR").ShouldBe("postal code 75001 PARIS CEDEX must be at most 10 letters, digits, spaces or dashes");
        Error("Rue de Rivoli", "1", "75001;", "Paris", "FR").ShouldBe("postal code 75001; must be at most 10 letters, digits, spaces or dashes");
    }

    [Theory]
    [InlineData("Germany", "country Germany is not an ISO 3166 alpha-2 code such as DE")]
    [InlineData("DEU", "country DEU is not an ISO 3166 alpha-2 code such as DE")]
    [InlineData("XX", "country XX is not an ISO 3166 alpha-2 code such as DE")]
    [InlineData("", "country is empty")]
    [InlineData(null, "country is empty")]
    public void The_country_is_an_ISO_3166_alpha_2_code(string? country, string error)
    {
        Error("Musterstraße", "1", "01067", "Dresden", country).ShouldBe(error);
    }

    [Fact]
    public void Street_house_number_and_city_are_required()
    {
        Error(" ", "1", "01067", "Dresden").ShouldBe("street is empty");
        Error("Musterstraße", "", "01067", "Dresden").ShouldBe("house number is empty");
        Error("Musterstraße", "1", "01067", null).ShouldBe("city is empty");
    }

    [Fact]
    public void Street_and_city_are_at_most_100_characters()
    {
        PostalAddress.Validate(new string('s', 100), "1", "01067", new string('c', 100)).Succeeded.ShouldBeTrue();

        Error(new string('s', 101), "1", "01067", "Dresden").ShouldBe("street has 101 characters, but at most 100 are allowed");
        Error("Musterstraße", "1", "01067", new string('c', 101)).ShouldBe("city has 101 characters, but at most 100 are allowed");
    }

    [Fact]
    public void A_part_must_be_on_one_line()
    {
        Error("Muster\nstraße", "1", "01067", "Dresden").ShouldBe("street Muster straße must be on one line");
    }

    [Fact]
    public void Every_wrong_part_is_named_in_one_line()
    {
        Error("", "", "0106", "", "Germany").ShouldBe(
            "street is empty; house number is empty; country Germany is not an ISO 3166 alpha-2 code such as DE; city is empty");
        Error("", "1", "0106", "Dresden").ShouldBe("street is empty; postal code 0106 must be 5 digits in Germany");
    }

    [Fact]
    public void Create_throws_the_validation_error()
    {
        Should.Throw<ArgumentException>(() => PostalAddress.Create("Musterstraße", "1", "1067", "Dresden"))
            .Message.ShouldBe("postal code 1067 must be 5 digits in Germany");
    }
}
