using Shouldly;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Core.Tests.Premises;

/// <summary>Metering location ID (MeLo): DE, network operator, postal code and 20 characters; no check digit.</summary>
public sealed class MeteringLocationIdTests
{
    private const string Valid = "DE00056266802AO6G56M11SN51G21M24S";

    private static string Error(string? text) => MeteringLocationId.Parse(text).Error.ShouldNotBeNull();

    [Fact]
    public void A_valid_ID_is_read_into_its_parts()
    {
        var id = MeteringLocationId.Parse(Valid).Value.ShouldNotBeNull();

        id.Value.ShouldBe(Valid);
        id.NetworkOperatorNumber.ShouldBe("000562");
        id.PostalCode.ShouldBe("66802");
        id.MeteringPointNumber.ShouldBe("AO6G56M11SN51G21M24S");
        id.ToString().ShouldBe(Valid);
    }

    [Fact]
    public void Spaces_and_lower_case_are_accepted_and_normalized()
    {
        MeteringLocationId.Create(" de 000562 66802 ao6g56m11sn51g21m24s ").Value.ShouldBe(Valid);
        MeteringLocationId.Create("DE 000123 01067 0000000000000001234x").Value.ShouldBe("DE000123010670000000000000001234X");
    }

    [Theory]
    [InlineData("AT00056266802AO6G56M11SN51G21M24S", "metering location ID AT00056266802AO6G56M11SN51G21M24S must start with DE")]
    [InlineData("DE00056266802AO6G56M11SN51G21M24", "metering location ID DE00056266802AO6G56M11SN51G21M24 has 32 characters, but it must have 33")]
    [InlineData("DE00056266802AO6G56M11SN51G21M24SX", "metering location ID DE00056266802AO6G56M11SN51G21M24SX has 34 characters, but it must have 33")]
    [InlineData("DE0005A266802AO6G56M11SN51G21M24S", "metering location ID DE0005A266802AO6G56M11SN51G21M24S must have 6 digits of the network operator after DE")]
    [InlineData("DE0005626680ZAO6G56M11SN51G21M24S", "metering location ID DE0005626680ZAO6G56M11SN51G21M24S must have 5 digits of the postal code after the network operator")]
    [InlineData("DE00056266802AO6G56M11SN51G21M24-", "metering location ID DE00056266802AO6G56M11SN51G21M24- contains '-', but only letters and digits are allowed")]
    [InlineData("DE00056266802AO6G56M11SN51G21M24Ä", "metering location ID DE00056266802AO6G56M11SN51G21M24Ä contains 'Ä', but only letters and digits are allowed")]
    [InlineData("", "metering location ID is empty")]
    [InlineData(null, "metering location ID is empty")]
    public void A_malformed_ID_is_rejected_with_the_reason(string? text, string error)
    {
        Error(text).ShouldBe(error);
    }

    [Fact]
    public void Create_throws_the_parse_error()
    {
        Should.Throw<ArgumentException>(() => MeteringLocationId.Create("DE123"))
            .Message.ShouldBe("metering location ID DE123 has 5 characters, but it must have 33");
    }
}
