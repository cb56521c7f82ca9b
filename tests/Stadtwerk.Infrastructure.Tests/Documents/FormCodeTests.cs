using Shouldly;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

public sealed class FormCodeTests
{
    [Theory]
    [InlineData(FormKind.BankChange, "STW1|BANK|K1000001|C3000001")]
    [InlineData(FormKind.MoveReport, "STW1|MOVE|K1000001|C3000001")]
    [InlineData(FormKind.ReadingCard, "STW1|READ|K1000001|C3000001")]
    [InlineData(FormKind.InstallmentChange, "STW1|INST|K1000001|C3000001")]
    public void A_code_names_form_customer_and_contract_and_reads_back(FormKind kind, string text)
    {
        var code = new FormCode(kind, "K1000001", "C3000001");
        code.ToString().ShouldBe(text);
        FormCode.Parse(text).ShouldBe(code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("STW1|XXXX|K1|C1")]
    [InlineData("STW2|BANK|K1|C1")]
    [InlineData("STW1|BANK||C1")]
    [InlineData("STW1|BANK|K1")]
    public void Anything_else_is_no_form_code(string? text) => FormCode.Parse(text).ShouldBeNull();
}
