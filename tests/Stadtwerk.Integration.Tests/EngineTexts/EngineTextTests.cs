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
    public void Every_German_template_has_only_holes_of_its_English_format_and_is_still_used()
    {
        var used = EngineMessageSources.Messages.Select(m => m.Format).ToHashSet(StringComparer.Ordinal);
        foreach (var (english, german) in EngineTextsGerman.Templates)
        {
            Holes(german).Except(Holes(english)).ShouldBeEmpty($"German template of \"{english}\" (it may leave out a hole, e.g. an English plural ending)");
            german.ShouldNotBeNullOrWhiteSpace();
            used.ShouldContain(english, $"no engine message has the format \"{english}\" any more");
            _ = string.Format(CultureInfo.GetCultureInfo("de-DE"), german, Enumerable.Repeat<object?>(1m, 10).ToArray());
        }
    }

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public void A_message_reads_German_with_German_dates_and_English_with_British_ones()
    {
        Core.Text notOver = $"{new DateOnly(2026, 12, 31)} is not over yet; a period can be billed from the day after its end";

        notOver.ToString().ShouldBe("2026-12-31 is not over yet; a period can be billed from the day after its end");
        EngineText.Localize(notOver, German).ShouldBe("der 31.12.2026 ist noch nicht vorbei; ein Zeitraum kann ab dem Tag nach seinem Ende abgerechnet werden");
        EngineText.Localize(notOver, British).ShouldBe("31/12/2026 is not over yet; a period can be billed from the day after its end");
    }

    [Fact]
    public void Money_nested_texts_and_enums_read_German()
    {
        Core.Text credit = $"the contract account holds a credit of {12.5m:0.00} € only, less than the bill's {1234.56m:0.00} €; a clerk must look at the account first";
        EngineText.Localize(credit, German).ShouldStartWith("das Vertragskonto hat nur 12,50 € Guthaben, weniger als die 1.234,56 € der Rechnung");

        Core.Text run = $"run {7} is {Core.BillingRuns.BillingRunStatus.Completed}; only a running run can be cancelled";
        run.ToString().ShouldBe("run 7 is completed; only a running run can be cancelled");
        EngineText.Localize(run, German).ShouldBe("Lauf 7 ist abgeschlossen; nur ein laufender Lauf kann abgebrochen werden");
    }

    [Fact]
    public void A_stored_English_message_is_read_back_and_put_in_German()
    {
        EngineText.LocalizeStored("meter Z-1: readings leave 2021-01-01..2021-03-31 uncovered", German)
            .ShouldBe("Zähler Z-1: die Stände lassen 01.01.2021 bis 31.03.2021 ohne Messung");
        EngineText.LocalizeStored("4000.5 kWh in 365 days against 1000 kWh in 365 days before", German)
            .ShouldBe("4.000,5 kWh in 365 Tagen gegenüber 1.000 kWh in 365 Tagen zuvor");
        EngineText.LocalizeStored("correction of 2021-0000001: contract V-1 does not supply in 2021-01-01..2021-12-31", German)
            .ShouldBe("Korrektur von 2021-0000001: Vertrag V-1 liefert nicht im Zeitraum 01.01.2021–31.12.2021");
        EngineText.LocalizeStored("meter Z-1: readings leave 2021-01-01..2021-03-31 uncovered", British)
            .ShouldBe("meter Z-1: readings leave 01/01/2021..31/03/2021 uncovered");
        EngineText.LocalizeStored("something nobody wrote", German).ShouldBe("something nobody wrote");
    }

    [Fact]
    public void A_bank_file_an_address_and_an_IBAN_say_what_is_wrong_in_German_and_the_API_keeps_English()
    {
        var report = "<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.002.001.03'><CstmrPmtStsRpt/></Document>"u8.ToArray();
        var read = Infrastructure.Payments.CamtReader.Read(new MemoryStream(report));
        read.Error.ShouldBe("not a bank statement (camt.053) or debit/credit notification (camt.054): the file holds a payment status report (pain.002.001.03, CstmrPmtStsRpt), which answers a payment order and books nothing");
        EngineText.Localize(read.Reason!, German).ShouldBe("kein Kontoauszug (camt.053) und keine Soll-/Haben-Avis (camt.054): die Datei enthält einen Statusbericht (pain.002.001.03, CstmrPmtStsRpt), der einen Zahlungsauftrag beantwortet und nichts bucht");

        var address = Core.Customers.PostalAddress.Validate(" ", "1", "123", "Dresden");
        address.Error.ShouldStartWith("street is empty; postal code");
        EngineText.Localize(address.Reason!, German).ShouldStartWith("Straße fehlt; die Postleitzahl");
        EngineText.Localize(address.Reason!, German).ShouldEndWith("muss in Deutschland 5 Ziffern haben");

        var iban = Core.Accounts.Iban.Parse("DE00123456780000000000");
        EngineText.Localize(iban.Reason!, German).ShouldContain("Prüfziffern");
        iban.Error!.ShouldContain("check digits");
    }

    [Fact]
    public void A_CSV_problem_reads_German_with_line_and_field()
    {
        Core.Text message = $"meter {"Z-1"} already has a reading on {new DateOnly(2026, 12, 31)}";
        var error = new Infrastructure.Import.ImportError("readings.csv", 3, "date", message);
        error.ToString().ShouldBe("readings.csv line 3, field date: meter Z-1 already has a reading on 2026-12-31");
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = German;
            EngineText.ImportError(error).ShouldBe("readings.csv Zeile 3, Feld date: Zähler Z-1 hat schon einen Stand am 31.12.2026");
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Fact]
    public void A_dunning_proposal_gives_its_reason_in_German_as_the_clerks_read_it()
    {
        var today = new DateOnly(2027, 3, 15);
        Core.Accounts.OverdueItem[] overdue = [new("Abschlag 03/2027", today.AddDays(-14), 61m), new("Rechnung 2027-0000012", today.AddDays(-10), 150m)];
        var settings = new Core.Accounts.DunningSettings();

        var reminder = Core.Accounts.DunningPolicy.Next(Core.Billing.Commodity.Electricity, null, null, overdue[..1], 61m, 0m, today, settings)!;
        EngineText.Localize(reminder.Reason, German).ShouldBe("Zahlungserinnerung: 61,00 € seit 14 Tagen fällig");
        EngineText.Localize(reminder.Reason, British).ShouldBe("payment reminder: 61.00 € due for 14 days");

        var threat = Core.Accounts.DunningPolicy.Next(Core.Billing.Commodity.Electricity, Core.Accounts.DunningLevel.Notice, today.AddDays(-1), overdue, 61m, 0m, today, settings with { ThreatAfterDays = 1 })!;
        EngineText.Localize(threat.Reason, German).ShouldBe("Androhung der Unterbrechung: Mahnung vom 14.03.2027 seit 1 Tag ohne Ausgleich, Rückstand 211,00 € erreicht die Schwelle von 122,00 € (§ 19 StromGVV)");
    }

    private static string[] Holes(string format) =>
        [.. Hole().Matches(format.Replace("{{", string.Empty, StringComparison.Ordinal)).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{(\d+)[,:}]", RegexOptions.CultureInvariant)]
    private static partial Regex Hole();
}
