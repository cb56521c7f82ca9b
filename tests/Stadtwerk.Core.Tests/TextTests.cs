using System.Globalization;
using System.Text.Json;
using Shouldly;

namespace Stadtwerk.Core.Tests;

/// <summary>The engine's messages: English exactly as before (ISO dates, invariant numbers), and format plus arguments for other languages.</summary>
public sealed class TextTests
{
    private static Text Message(string contract, DateOnly end, decimal amount) => $"contract {contract} ends on {end}, {amount:0.00} € open";

    [Fact]
    public void The_English_text_has_ISO_dates_and_invariant_numbers_whatever_the_current_culture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Message("V-1", new DateOnly(2021, 12, 31), 1234.5m).ToString().ShouldBe("contract V-1 ends on 2021-12-31, 1234.50 € open");
            ((Text)$"{12.5m} kWh, {3} days").ToString().ShouldBe("12.5 kWh, 3 days");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void The_format_keeps_the_holes_and_the_arguments_their_values()
    {
        var text = Message("V-1", new DateOnly(2021, 12, 31), 1234.5m);

        text.Format.ShouldBe("contract {0} ends on {1}, {2:0.00} € open");
        text.Arguments.ShouldBe(["V-1", new DateOnly(2021, 12, 31), 1234.5m]);
    }

    [Fact]
    public void Another_language_formats_dates_and_numbers_its_way()
    {
        var text = Message("V-1", new DateOnly(2021, 12, 31), 1234.5m);

        text.Render("Vertrag {0} endet am {1}, {2:N2} € offen", CultureInfo.GetCultureInfo("de-DE"), n => n.ToString())
            .ShouldBe("Vertrag V-1 endet am 31.12.2021, 1.234,50 € offen");
        text.Render(text.Format, CultureInfo.GetCultureInfo("en-GB"), n => n.ToString()).ShouldBe("contract V-1 ends on 31/12/2021, 1234.50 € open");
    }

    [Fact]
    public void Literals_keep_their_braces_and_nested_texts_render_in_the_same_language()
    {
        Text literal = "a {literal} brace";
        literal.ToString().ShouldBe("a {literal} brace");
        literal.Format.ShouldBe("a {{literal}} brace");

        Text inner = $"reading on {new DateOnly(2022, 1, 1)}";
        Text outer = $"meter {"Z-1"}: {inner}";
        outer.ToString().ShouldBe("meter Z-1: reading on 2022-01-01");
        outer.Render("Zähler {0}: {1}", CultureInfo.GetCultureInfo("de-DE"), n => n.Render("Stand vom {0}", CultureInfo.GetCultureInfo("de-DE"), m => m.ToString()))
            .ShouldBe("Zähler Z-1: Stand vom 01.01.2022");
    }

    [Fact]
    public void A_field_error_keeps_its_English_message_for_the_API_and_JSON()
    {
        var error = new FieldError("periodEnd", $"{new DateOnly(2026, 12, 31)} is not over yet");

        error.Message.ShouldBe("2026-12-31 is not over yet");
        JsonSerializer.Serialize(error.Text).ShouldBe("\"2026-12-31 is not over yet\"");
    }
}
