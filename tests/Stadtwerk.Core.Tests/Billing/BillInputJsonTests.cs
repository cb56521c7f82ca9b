using Shouldly;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>The edge: the JSON input of calculate is read strictly and every problem is named by its field.</summary>
public sealed class BillInputJsonTests
{
    private const string Period = """ "period": { "start": "2021-01-01", "end": "2021-12-31" } """;
    private const string Prices = """ "prices": [ { "from": "2021-01-01", "energy": 0.3, "base": 100 } ] """;
    private const string Meters = """ "meters": [ { "number": "A", "readings": [ { "date": "2020-12-31", "value": 1 }, { "date": "2021-12-31", "value": 5 } ] } ] """;

    private static string Valid(string extra = "", string commodity = "electricity") =>
        $$"""{ "commodity": "{{commodity}}", {{Period}}, {{Prices}}, {{Meters}}{{extra}} }""";

    private static string Error(string json) => BillInputJson.Parse(json).Error.ShouldNotBeNull();

    [Fact]
    public void A_complete_input_is_read_with_defaults_for_the_optional_fields()
    {
        var input = BillInputJson.Parse(Valid()).Value.ShouldNotBeNull();

        input.Commodity.ShouldBe(Commodity.Electricity);
        input.Proration.ShouldBe(Proration.Linear);
        input.Vat.ShouldBe(StatutoryVat.For(Commodity.Electricity));
        input.Installments.ShouldBeEmpty();
        input.Plan.ShouldBeNull();
    }

    [Fact]
    public void Malformed_JSON_names_the_place()
    {
        Error("""{ "commodity": "gas", """).ShouldStartWith("input is not valid JSON at line 1, column ");
        Error("").ShouldStartWith("input is not valid JSON");
    }

    [Fact]
    public void The_input_must_be_an_object()
    {
        Error("[1, 2]").ShouldBe("input must be an object, got an array");
    }

    [Theory]
    [InlineData("commodity")]
    [InlineData("period")]
    [InlineData("meters")]
    [InlineData("prices")]
    public void A_missing_required_field_is_named(string field)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Valid())!.AsObject();
        json.Remove(field);

        Error(json.ToJsonString()).ShouldBe($"missing field '{field}'");
    }

    [Fact]
    public void A_missing_nested_field_is_named_by_its_path()
    {
        Error(Valid().Replace("""{ "date": "2021-12-31", "value": 5 }""", """{ "date": "2021-12-31" }""", StringComparison.Ordinal))
            .ShouldBe("missing field 'meters[0].readings[1].value'");
    }

    [Fact]
    public void An_unknown_commodity_is_named_with_the_known_ones()
    {
        Error(Valid(commodity: "steam")).ShouldBe("unknown commodity 'steam' (expected electricity, gas, water or heat)");
    }

    [Fact]
    public void A_reversed_period_is_rejected()
    {
        Error(Valid().Replace("\"start\": \"2021-01-01\", \"end\": \"2021-12-31\"", "\"start\": \"2021-12-31\", \"end\": \"2021-01-01\"", StringComparison.Ordinal))
            .ShouldBe("period is reversed: start 2021-12-31 is after end 2021-01-01");
    }

    [Fact]
    public void Gas_without_conversion_factors_is_rejected_at_the_edge()
    {
        Error(Valid(commodity: "gas")).ShouldBe("gas needs conversion factors: missing field 'gas' with zustandszahl and brennwert");
        Error(Valid(""", "gas": { "zustandszahl": 0.95 }""", "gas")).ShouldBe("missing field 'gas.brennwert'");
        Error(Valid(""", "gas": { "zustandszahl": 0, "brennwert": 11.2 }""", "gas")).ShouldBe("gas.zustandszahl must be positive, got 0");
    }

    [Theory]
    [InlineData(""", "installments": [ { "due": "2021-02-28", "amount": -68 } ]""", "installments[0].amount must be zero or more, got -68")]
    [InlineData(""", "vat": [ { "from": "2021-01-01", "rate": -0.19 } ]""", "vat[0].rate must be zero or more, got -0.19")]
    [InlineData(""", "vat": [ { "from": "2021-01-01", "rate": 19 } ]""", "vat[0].rate must be a fraction below 1 (0.19 for 19 %), got 19")]
    public void Negative_amounts_are_rejected(string extra, string expected)
    {
        Error(Valid(extra)).ShouldBe(expected);
    }

    [Fact]
    public void Negative_prices_and_readings_are_rejected()
    {
        Error(Valid().Replace("\"energy\": 0.3", "\"energy\": -0.3", StringComparison.Ordinal)).ShouldBe("prices[0].energy must be zero or more, got -0.3");
        Error(Valid().Replace("\"value\": 1 }", "\"value\": -1 }", StringComparison.Ordinal)).ShouldBe("meters[0].readings[0].value must be zero or more, got -1");
    }

    [Theory]
    [InlineData(""", "installments": [ { "due": "2021-02-28", "amount": "68" } ]""", "installments[0].amount must be a number, got the string \"68\"")]
    [InlineData(""", "installments": [ { "due": "2021-02-28", "amount": true } ]""", "installments[0].amount must be a number, got true")]
    [InlineData(""", "installments": [ { "due": "28.02.2021", "amount": 68 } ]""", "installments[0].due is not a valid date (yyyy-MM-dd): '28.02.2021'")]
    [InlineData(""", "installments": [ { "due": "2021-02-30", "amount": 68 } ]""", "installments[0].due is not a valid date (yyyy-MM-dd): '2021-02-30'")]
    [InlineData(""", "installments": { "due": "2021-02-28", "amount": 68 }""", "installments must be an array, got an object")]
    public void Values_of_the_wrong_type_are_named(string extra, string expected)
    {
        Error(Valid(extra)).ShouldBe(expected);
    }

    [Theory]
    [InlineData(""", "plan": { "count": 0, "firstDue": "2022-01-31" }""", "plan.count must be at least 1, got 0")]
    [InlineData(""", "plan": { "count": -3, "firstDue": "2022-01-31" }""", "plan.count must be at least 1, got -3")]
    [InlineData(""", "plan": { "count": 1.5, "firstDue": "2022-01-31" }""", "plan.count must be a whole number, got 1.5")]
    [InlineData(""", "plan": { "count": 12 }""", "missing field 'plan.firstDue'")]
    public void A_plan_needs_at_least_one_installment_and_a_first_due_date(string extra, string expected)
    {
        Error(Valid(extra)).ShouldBe(expected);
    }

    [Fact]
    public void An_unknown_field_is_rejected_rather_than_ignored()
    {
        Error(Valid(""", "installment": [ ]""")).ShouldStartWith("unknown field 'installment' (expected commodity, period,");
        Error(Valid().Replace("\"base\": 100", "\"base\": 100, \"basis\": 1", StringComparison.Ordinal)).ShouldStartWith("unknown field 'prices[0].basis'");
    }

    [Fact]
    public void A_field_given_twice_is_rejected()
    {
        Error(Valid(""", "commodity": "gas" """)).ShouldStartWith("input is not valid JSON");
    }

    [Fact]
    public void Two_prices_from_the_same_day_are_rejected()
    {
        Error(Valid().Replace("""{ "from": "2021-01-01", "energy": 0.3, "base": 100 }""", """{ "from": "2021-01-01", "energy": 0.3, "base": 100 }, { "from": "2021-01-01", "energy": 0.4, "base": 100 }""", StringComparison.Ordinal))
            .ShouldBe("prices[0] and prices[1] both start on 2021-01-01 (from must differ)");
    }

    [Fact]
    public void Entries_out_of_date_order_are_put_in_order()
    {
        var input = BillInputJson.Parse(Valid().Replace(
            """{ "from": "2021-01-01", "energy": 0.3, "base": 100 }""",
            """{ "from": "2021-07-01", "energy": 0.4, "base": 100 }, { "from": "2021-01-01", "energy": 0.3, "base": 100 }""",
            StringComparison.Ordinal)).Value.ShouldNotBeNull();

        input.Prices.Select(p => p.Energy).ShouldBe([0.3m, 0.4m]);
    }

    [Fact]
    public void Register_digits_must_be_a_sensible_whole_number()
    {
        Error(Valid().Replace("\"number\": \"A\",", "\"number\": \"A\", \"digits\": 0,", StringComparison.Ordinal))
            .ShouldBe("meters[0].digits must be between 1 and 15, got 0");
    }

    [Fact]
    public void An_explicit_proration_overrides_the_default()
    {
        BillInputJson.Parse(Valid(""", "proration": "weighted" """)).Value!.Proration.ShouldBe(Proration.Weighted);
        Error(Valid(""", "proration": "daily" """)).ShouldBe("unknown proration 'daily' (expected linear or weighted)");
    }
}
