using Shouldly;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Core.Tests.Customers;

/// <summary>E-mail addresses: a plain structural check, the domain lower-cased.</summary>
public sealed class EmailAddressTests
{
    private static string Error(string? text) => EmailAddress.Parse(text).Error.ShouldNotBeNull();

    [Fact]
    public void An_address_is_trimmed_and_its_domain_lower_cased()
    {
        var email = EmailAddress.Parse("  Anna.Mueller@Example.DE ").Value.ShouldNotBeNull();

        email.Value.ShouldBe("Anna.Mueller@example.de");
        email.LocalPart.ShouldBe("Anna.Mueller");
        email.Domain.ShouldBe("example.de");
        email.ToString().ShouldBe("Anna.Mueller@example.de");
    }

    [Fact]
    public void The_case_of_the_local_part_is_kept_and_counts()
    {
        EmailAddress.Create("anna@EXAMPLE.de").ShouldBe(EmailAddress.Create("anna@example.DE"));
        EmailAddress.Create("Anna@example.de").ShouldNotBe(EmailAddress.Create("anna@example.de"));
    }

    [Theory]
    [InlineData("kundenservice+rechnung@stadtwerk-dresden.de")]
    [InlineData("a@b.co")]
    [InlineData("jürgen@müller-strom.de")]
    [InlineData("o'brien@mail.example.co.uk")]
    public void Usual_addresses_are_accepted(string text)
    {
        EmailAddress.Parse(text).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("anna.example.de", "email address anna.example.de must contain exactly one @")]
    [InlineData("anna@mueller@example.de", "email address anna@mueller@example.de must contain exactly one @")]
    [InlineData("@example.de", "email address @example.de has nothing before the @")]
    [InlineData("anna@", "email address anna@ has no domain after the @")]
    [InlineData("anna@localhost", "email address anna@localhost needs a domain with a dot between two names, such as example.de")]
    [InlineData("anna@example.", "email address anna@example. needs a domain with a dot between two names, such as example.de")]
    [InlineData("anna@.de", "email address anna@.de needs a domain with a dot between two names, such as example.de")]
    [InlineData("anna@example..de", "email address anna@example..de needs a domain with a dot between two names, such as example.de")]
    [InlineData("anna mueller@example.de", "email address anna mueller@example.de must not contain spaces")]
    [InlineData("anna@exam\tple.de", "email address anna@exam ple.de must not contain spaces")]
    [InlineData("", "email address is empty")]
    [InlineData(null, "email address is empty")]
    public void A_malformed_address_is_rejected_with_the_reason(string? text, string error)
    {
        Error(text).ShouldBe(error);
    }

    [Fact]
    public void At_most_254_characters_are_allowed()
    {
        var longest = new string('a', 64) + "@" + new string('b', 186) + ".de";

        longest.Length.ShouldBe(254);
        EmailAddress.Parse(longest).Succeeded.ShouldBeTrue();
        Error(longest + "x").ShouldEndWith("has 255 characters, but at most 254 are allowed");
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => EmailAddress.Create("anna")).Message.ShouldBe("email address anna must contain exactly one @");
    }
}
