using System.Globalization;
using System.Text.RegularExpressions;
using Shouldly;
using Stadtwerk.Web.Pages;

namespace Stadtwerk.Integration.Tests.EngineTexts;

/// <summary>
/// Every English message the engine can give a page has a German template (found in the sources by the compiler,
/// so a new message without German fails here), with the same holes; and every message is written where the
/// catalogue can see it.
/// </summary>
public sealed partial class EngineTextTests
{
    [Fact]
    public void Every_engine_message_has_a_German_template()
    {
        var missing = EngineMessageSources.Messages
            .Where(m => !EngineTextsGerman.Templates.ContainsKey(m.Format))
            .GroupBy(m => m.Format, StringComparer.Ordinal)
            .Select(g => $"[\"{g.Key.Replace("\"", "\\\"", StringComparison.Ordinal)}\"] = \"\", // {g.First().Location}")
            .ToList();

        missing.ShouldBeEmpty($"{missing.Count} engine messages have no German template in EngineTextsGerman:\n{string.Join('\n', missing)}\n");
    }

    [Fact]
    public void The_scan_finds_the_engine_messages()
    {
        EngineMessageSources.Messages.Count.ShouldBeGreaterThan(100);
        EngineMessageSources.Messages.ShouldContain(m => m.Format == "contract {0} is billed for these days already (bill {1})");
    }

    [Fact]
    public void Every_message_is_written_out_where_the_catalogue_can_see_it()
    {
        EngineMessageSources.Unreadable.ShouldBeEmpty("a Text built from a string variable or call cannot be translated; write the interpolated string at the Text");
    }

    [Fact]
    public void No_message_puts_a_date_in_as_ISO_text()
    {
        EngineMessageSources.IsoTextHoles.ShouldBeEmpty("pass the DateOnly itself: the English text is ISO anyway, the German one 31.12.2021");
    }

    [Fact]
    public void Every_German_template_has_the_holes_of_its_English_format_and_is_still_used()
    {
        var used = EngineMessageSources.Messages.Select(m => m.Format).ToHashSet(StringComparer.Ordinal);
        foreach (var (english, german) in EngineTextsGerman.Templates)
        {
            Holes(german).ShouldBe(Holes(english), $"German template of \"{english}\"");
            german.ShouldNotBeNullOrWhiteSpace();
            used.ShouldContain(english, $"no engine message has the format \"{english}\" any more");
            _ = string.Format(CultureInfo.GetCultureInfo("de-DE"), german, Enumerable.Repeat<object?>(1m, 10).ToArray());
        }
    }

    private static string[] Holes(string format) =>
        [.. Hole().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal)).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{(\d+)[,:}]", RegexOptions.CultureInvariant)]
    private static partial Regex Hole();
}
