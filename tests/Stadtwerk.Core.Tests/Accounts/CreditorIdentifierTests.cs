using Shouldly;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Core.Tests.Accounts;

public sealed class CreditorIdentifierTests
{
    [Theory]
    [InlineData("DE98ZZZ09999999999")] // the Bundesbank's test creditor identifier
    [InlineData("de98 zzz 0999 9999 999")]
    [InlineData("DE98ABC09999999999")] // the business code is not part of the check
    public void Valid_identifiers_are_read_in_their_electronic_form(string text)
    {
        var id = CreditorIdentifier.Parse(text);
        id.Error.ShouldBeNull();
        id.Value!.Value.ShouldBe(text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
    }

    [Theory]
    [InlineData("DE97ZZZ09999999999", "fails the check digits")]
    [InlineData("DE98ZZZ0999999999", "must have 18 characters")]
    [InlineData("9898ZZZ09999999999", "must start with a country code")]
    [InlineData("DE98ZZZ0999999999-", "only letters and digits")]
    [InlineData("", "must have 9 to 35 characters")]
    public void Wrong_identifiers_are_refused_with_the_reason(string text, string reason)
    {
        CreditorIdentifier.Parse(text).Error!.ShouldContain(reason);
    }
}
