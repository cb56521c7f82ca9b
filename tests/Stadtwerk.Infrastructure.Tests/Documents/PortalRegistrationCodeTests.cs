using Shouldly;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

public sealed class PortalRegistrationCodeTests
{
    [Fact]
    public void A_code_is_stable_readable_and_checked_back()
    {
        var codes = new PortalRegistrationCode("secret");
        var code = codes.For("K1000001");
        code.ShouldMatch("^[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}-[A-HJ-KM-NP-Z2-9]{4}$");
        codes.For("K1000001").ShouldBe(code);
        codes.Matches("K1000001", code.ToLowerInvariant().Replace("-", string.Empty, StringComparison.Ordinal)).ShouldBeTrue();
        codes.Matches("K1000002", code).ShouldBeFalse();
        codes.Matches("K1000001", null).ShouldBeFalse();
    }

    [Fact]
    public void Other_customers_and_other_secrets_give_other_codes()
    {
        var codes = new PortalRegistrationCode("secret");
        Enumerable.Range(1_000_000, 500).Select(n => codes.For($"K{n}")).ShouldBeUnique();
        new PortalRegistrationCode("another").For("K1000001").ShouldNotBe(codes.For("K1000001"));
        Should.Throw<ArgumentException>(() => new PortalRegistrationCode(" "));
    }
}
