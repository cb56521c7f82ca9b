using Shouldly;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Core.Tests;

public sealed class LeitwegIdTests
{
    [Theory]
    [InlineData("04011000-1234512345-06", "04011000-1234512345-06")]
    [InlineData(" 991-33333test-33 ", "991-33333TEST-33")]
    [InlineData("05315000-55", "05315000-55")]
    public void Valid_ids_read_in_upper_case(string text, string expected) => LeitwegId.Parse(text).Value!.Value.ShouldBe(expected);

    [Theory]
    [InlineData("04011000-1234512345-07", "has the check digits 07, but its address gives 06")]
    [InlineData("4-12345-06", "must be 2 to 12 digits")]
    [InlineData("04011000-12345_45-06", "must be 2 to 12 digits")]
    [InlineData("04011000-1234512345", "must be 2 to 12 digits")]
    [InlineData("", "Leitweg-ID is empty")]
    public void Wrong_ids_say_what_is_wrong(string text, string message) => LeitwegId.Parse(text).Error.ShouldNotBeNull().ShouldContain(message);

    [Fact]
    public void Check_digits_follow_ISO_7064_mod_97_10_with_letters_as_numbers()
    {
        LeitwegId.CheckDigits("040110001234512345").ShouldBe("06");
        LeitwegId.CheckDigits("99133333TEST").ShouldBe("33");
    }
}

public sealed class PublicSectorCustomerTests
{
    [Fact]
    public void A_customer_with_a_Leitweg_ID_needs_an_e_mail_address_for_its_XRechnung()
    {
        var address = PostalAddress.Create("Rathausplatz", "1", "01067", "Musterstadt");
        var withoutEmail = new CustomerDetails(CustomerKind.Business, null, null, "Stadtverwaltung", address, null, null, null, ContactChannel.Post, LeitwegId.Create("04011000-1234512345-06"));
        Customer.Create("K-9", withoutEmail).Errors.ShouldContain(e => e.Field == "email" && e.Message.Contains("BT-49"));
        var withEmail = withoutEmail with { Email = EmailAddress.Create("rechnung@musterstadt.example") };
        Customer.Create("K-9", withEmail).Value!.LeitwegId!.Value.ShouldBe("04011000-1234512345-06");
    }
}
