using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>What a dunning letter shows.</summary>
/// <param name="Recipient">The customer's name and address lines for the window envelope.</param>
/// <param name="Items">The open items; disputed ones are marked and left out of the arrears that count for an interruption.</param>
/// <param name="Fee">The fee of this letter (the dunning notice's Mahngebühr), 0 otherwise.</param>
/// <param name="Total">The open amount of the items plus the fee.</param>
/// <param name="PayBy">The date payment is asked by.</param>
/// <param name="DisconnectionFrom">Threat: the earliest day of an interruption; announcement: the day it starts.</param>
/// <param name="DisputedDeducted">The disputed amounts left out of the arrears that count for an interruption.</param>
/// <param name="Number">The letter's number, e.g. "M-000012".</param>
public sealed record DunningLetterData(
    DunningLevel Level,
    IReadOnlyList<string> Recipient,
    string CustomerNumber,
    string ContractNumber,
    string ContractAccountNumber,
    Commodity Commodity,
    string SupplyAddress,
    DateOnly Date,
    IReadOnlyList<OverdueItem> Items,
    decimal Fee,
    decimal Total,
    DateOnly PayBy,
    DateOnly? DisconnectionFrom,
    decimal DisputedDeducted,
    string Number);

/// <summary>
/// Renders a dunning letter (Zahlungserinnerung, Mahnung, Androhung and Ankündigung der Unterbrechung) as PDF, A4 with the
/// letterhead of the other letters (<see cref="LetterPage"/>): page 1 the letter with the open items, the total and how to pay;
/// the threat and the announcement add a page with what the law asks them to tell.
/// <para>
/// Sources of the statutory content (see <see cref="DunningPolicy"/> for the rules in detail):
/// electricity and gas § 19 StromGVV / § 19 GasGVV (Abs. 2: four weeks after the threat, threshold twice the monthly installment
/// or a sixth of the annual bill and at least 100 €, disputed untitled amounts deducted, the customer may present in text form why
/// an interruption would be disproportionate, in particular a danger to life or limb; Abs. 3: ways to avoid it at no extra cost
/// and the right to ask for an Abwendungsvereinbarung, offered within a week on request; Abs. 4: the start announced eight working
/// days ahead by letter, with the reason and the costs of interruption and restoration; Abs. 5: the Abwendungsvereinbarung with
/// interest-free monthly instalments, 6 to 18 months, above 300 € 12 to 24 months, and continued supply while the current payments
/// are made, objections to the claim still possible within a month; Abs. 6: restoration once the reasons are gone and the costs paid).
/// Since the Energy Act amendment of late 2025 the same duties stand for all household customers in §§ 41f, 41g EnWG, which the letter
/// names too. Water § 33 AVBWasserV and heat § 33 AVBFernwärmeV: supply stopped two weeks after the threat, not when the customer
/// shows the consequences out of proportion and a reasonable prospect of paying; restoration after the costs are paid.
/// Summaries consulted: ra.de (§ 19 StromGVV), gesetze-im-internet.de (§ 41g EnWG), caritas-nrw.de and fbsb-nrw.de (2021 and
/// 2022 amendments), vku.de (2025 amendment), masterlaw.de and rechtslupe.de (§ 33 AVBWasserV).
/// </para>
/// </summary>
public static class DunningLetterPdf
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private const double Left = 20;
    private const double Width = 170;

    public static byte[] Render(UtilityProfile utility, DunningLetterData data)
    {
        ArgumentNullException.ThrowIfNull(utility);
        ArgumentNullException.ThrowIfNull(data);
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"{Title(data)} {data.Number}";
        document.Info.Author = utility.Name;
        document.Info.Subject = $"{Title(data)} für Vertrag {data.ContractNumber}";
        using (var flow = new Flow(document, utility, $"{Title(data)} {data.Number} vom {Date(data.Date)} – Fortsetzung"))
        {
            Letter(flow, utility, data);
            if (data.Level is DunningLevel.DisconnectionThreat or DunningLevel.DisconnectionAnnouncement)
            {
                flow.NewPage($"Wichtige Hinweise zu Ihrem Schreiben {data.Number} vom {Date(data.Date)}");
                if (data.Level == DunningLevel.DisconnectionThreat)
                {
                    ThreatDetails(flow, utility, data);
                }
                else
                {
                    AnnouncementDetails(flow, utility, data);
                }
            }

            flow.Finish();
        }

        return PdfOutput.Save(document);
    }

    /// <summary>The title by level, e.g. "Androhung der Unterbrechung der Stromversorgung".</summary>
    public static string Title(DunningLetterData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Level switch
        {
            DunningLevel.Reminder => "Zahlungserinnerung",
            DunningLevel.Notice => "Mahnung",
            DunningLevel.DisconnectionThreat => $"Androhung der Unterbrechung der {Supply(data.Commodity)}",
            _ => $"Ankündigung der Unterbrechung der {Supply(data.Commodity)}",
        };
    }

    private static void Letter(Flow flow, UtilityProfile u, DunningLetterData d)
    {
        var p = flow.NewPage(null);
        p.Letterhead(d.Recipient,
            [
                ("Kundennummer", d.CustomerNumber),
                ("Vertragskonto", d.ContractAccountNumber),
                ("Vertrag", d.ContractNumber),
                ("Schreiben", d.Number),
                ("Datum", Date(d.Date)),
                // The reference column is 65 mm wide and does not wrap: the number only, the full hotline text stands in the letter.
                ("Fragen und Ratenzahlung", u.Hotline.Split(" (", 2)[0]),
            ]);
        flow.Y = 93;
        flow.Paragraph(Title(d), LetterPage.Bold(12), 0.5);
        flow.Paragraph($"{CommodityName(d.Commodity)}, Lieferstelle {d.SupplyAddress}", LetterPage.Regular(8.5), 3, LetterPage.Muted);
        var name = d.Recipient.Count > 0 ? d.Recipient[0] : string.Empty;
        flow.Paragraph($"Guten Tag {name},\n{Opening(d)}", LetterPage.Regular(9), 3);

        var (headline, action) = Demand(u, d);
        flow.Box(headline, [action]);

        flow.Heading("Offene Posten");
        flow.Table([100, 35, 35], ["Referenz", "fällig am", "offen"],
            [.. d.Items.Select(item => new[] { item.Disputed ? $"{item.Reference} (von Ihnen beanstandet)" : item.Reference, Date(item.DueOn), Euro(item.Open) })],
            rightColumns: [2]);
        var sums = new List<(string, string)>();
        if (d.Fee != 0)
        {
            sums.Add(("Mahngebühr", Euro(d.Fee)));
        }

        sums.Add(("Gesamtbetrag", Euro(d.Total)));
        flow.Summary(sums, 168.5);

        flow.Paragraph("Hat sich Ihre Zahlung mit diesem Schreiben überschnitten, betrachten Sie es bitte als gegenstandslos.", LetterPage.Regular(8.5), 2);
        foreach (var paragraph in Closing(u, d))
        {
            flow.Paragraph(paragraph, LetterPage.Regular(8.5), 2);
        }

        flow.Paragraph($"Mit freundlichen Grüßen\n{u.Name}\nKundenservice", LetterPage.Regular(8.5), 1);
        flow.Paragraph("Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.", LetterPage.Regular(7), 0, LetterPage.Muted);
    }

    private static string Opening(DunningLetterData d) => d.Level switch
    {
        DunningLevel.Reminder =>
            $"sicher ist es Ihrer Aufmerksamkeit entgangen: Für Ihren Vertrag {d.ContractNumber} sind die unten aufgeführten Beträge fällig und bei uns noch nicht eingegangen. Bitte gleichen Sie sie bis zum {Date(d.PayBy)} aus.",
        DunningLevel.Notice =>
            $"trotz unserer Zahlungserinnerung haben wir die unten aufgeführten Beträge für Ihren Vertrag {d.ContractNumber} noch nicht erhalten. Bitte überweisen Sie den Gesamtbetrag einschließlich der Mahngebühr bis zum {Date(d.PayBy)}.",
        DunningLevel.DisconnectionThreat =>
            $"leider haben wir die unten aufgeführten Beträge für Ihren Vertrag {d.ContractNumber} auch nach unserer Mahnung nicht erhalten. Wir müssen Ihnen deshalb die Unterbrechung der {Supply(d.Commodity)} androhen. Das möchten wir vermeiden: Unter „Wichtige Hinweise“ nach diesem Brief lesen Sie, wie Sie die Unterbrechung abwenden können und welche Rechte Sie haben.",
        _ =>
            $"trotz unserer Androhung der Unterbrechung haben wir die unten aufgeführten Beträge für Ihren Vertrag {d.ContractNumber} nicht erhalten. Wir kündigen Ihnen deshalb an, dass die {Supply(d.Commodity)} Ihrer Lieferstelle ab dem {Date(Disconnection(d))} unterbrochen wird. Sie können das noch abwenden: Unter „Wichtige Hinweise“ nach diesem Brief finden Sie unser Angebot einer Abwendungsvereinbarung und Ihre Rechte.",
    };

    /// <summary>The highlighted box: what is due by when, and how to pay.</summary>
    private static (string Headline, string Action) Demand(UtilityProfile u, DunningLetterData d)
    {
        var transfer = $"Bitte überweisen Sie {Euro(d.Total)} bis zum {Date(d.PayBy)} auf unser Konto IBAN {FormatIban(u.BankIban)} ({u.BankName}, BIC {u.BankBic}), Verwendungszweck: {d.ContractAccountNumber}.";
        var counted = Counted(d);
        var enough = d.DisputedDeducted > 0 && d.Level >= DunningLevel.DisconnectionThreat
            ? $" Um die Unterbrechung abzuwenden, genügt die Zahlung der unbestrittenen {Euro(counted)}."
            : string.Empty;
        return d.Level == DunningLevel.DisconnectionAnnouncement
            ? ($"Unterbrechung ab {Date(Disconnection(d))} – noch abwendbar", $"{transfer}{enough} Oder nehmen Sie unser Angebot einer Abwendungsvereinbarung unter „Wichtige Hinweise“ an: Dann unterbrechen wir nicht.")
            : ($"Zu zahlen bis {Date(d.PayBy)}: {Euro(d.Total)}", transfer + enough);
    }

    private static IEnumerable<string> Closing(UtilityProfile u, DunningLetterData d)
    {
        var help = $"Können Sie den Betrag gerade nicht auf einmal zahlen? Rufen Sie uns an: {u.Hotline}, oder schreiben Sie an {u.Email}. Gemeinsam finden wir eine Lösung, zum Beispiel eine Ratenzahlung.";
        switch (d.Level)
        {
            case DunningLevel.Reminder:
                yield return help;
                break;
            case DunningLevel.Notice:
                yield return $"Für diese Mahnung berechnen wir eine Mahngebühr von {Euro(d.Fee)}. {help}";
                yield return $"Bleibt die Zahlung aus, müssen wir Ihnen als nächsten Schritt die Unterbrechung der {Supply(d.Commodity)} androhen. Bitte lassen Sie es nicht so weit kommen.";
                break;
            case DunningLevel.DisconnectionThreat:
                yield return $"Nach {LegalBasis(d.Commodity)} dürfen wir die Versorgung frühestens {ThreatPeriod(d.Commodity)} nach dieser Androhung unterbrechen lassen, also nicht vor dem {Date(Disconnection(d))}. {AnnouncementPromise(d.Commodity)}";
                break;
            default:
                yield return $"Ab dem {Date(Disconnection(d))} unterbricht ein Techniker des Netzbetreibers {u.GridOperator} die Versorgung an Ihrem Zähler. Zahlen Sie erst kurz vor diesem Tag, melden Sie sich bitte zusätzlich bei uns, damit wir den Auftrag rechtzeitig zurückziehen können.";
                break;
        }
    }

    private static void ThreatDetails(Flow flow, UtilityProfile u, DunningLetterData d)
    {
        var energy = IsEnergy(d.Commodity);
        flow.Heading("Rechtsgrundlage und Rückstand");
        flow.Rows(
            [
                ("Rechtsgrundlage", LegalBasisLong(d.Commodity)),
                ("Berücksichtigter Rückstand", CountedText(d)),
                ("Unterbrechung möglich", $"frühestens {ThreatPeriod(d.Commodity)} nach dieser Androhung, nicht vor dem {Date(Disconnection(d))}. {AnnouncementPromise(d.Commodity)}"),
            ]);
        flow.Paragraph(Threshold(d.Commodity), LetterPage.Regular(8), 2);

        flow.Heading("So können Sie die Unterbrechung abwenden");
        flow.Bullet($"Zahlen Sie bis zum {Date(d.PayBy)}: den Gesamtbetrag von {Euro(d.Total)} oder mindestens den berücksichtigten Rückstand von {Euro(Counted(d))}.");
        flow.Bullet($"Sprechen Sie mit uns: {u.Hotline}, {u.Email}. Wir suchen mit Ihnen eine Lösung.");
        flow.Bullet(energy
            ? "Abwendungsvereinbarung: Sie können von uns ein Angebot für eine Abwendungsvereinbarung verlangen; wir senden es Ihnen innerhalb einer Woche, sonst spätestens mit der Ankündigung der Unterbrechung. Sie enthält zinsfreie Monatsraten für den Rückstand und die weitere Belieferung zu Ihren Vertragsbedingungen, solange Sie die laufenden Abschläge zahlen (auf Wunsch auch gegen Vorauszahlung). Nutzen Sie dafür gern das Antwortformular unten."
            : "Abwendungsvereinbarung: Auf Wunsch bieten wir Ihnen zinsfreie Monatsraten für den Rückstand an und beliefern Sie weiter, solange Sie die laufenden Abschläge zahlen (auf Wunsch auch gegen Vorauszahlung). Nutzen Sie dafür gern das Antwortformular unten.");
        flow.Bullet(SocialHelp());
        Proportionality(flow, u, d);
        Costs(flow);
        ReplyForm(flow, u, d);
    }

    private static void AnnouncementDetails(Flow flow, UtilityProfile u, DunningLetterData d)
    {
        flow.Heading("Die Unterbrechung");
        flow.Rows(
            [
                ("Beginn", $"ab dem {Date(Disconnection(d))}"),
                ("Lieferstelle", $"{d.SupplyAddress} ({CommodityName(d.Commodity)})"),
                ("Durchführung", $"Ein Techniker des Netzbetreibers {u.GridOperator} unterbricht die Versorgung an Ihrem Zähler. Bitte ermöglichen Sie ihm den Zutritt zum Zähler."),
                ("Grund", $"Zahlungsverzug trotz Mahnung und Androhung der Unterbrechung; Rechtsgrundlage {LegalBasisLong(d.Commodity)}"),
                ("Berücksichtigter Rückstand", CountedText(d)),
            ]);

        var counted = Counted(d);
        var months = counted > 300m ? 12 : 6;
        var rate = counted >= months ? decimal.Round(counted / months, 2, MidpointRounding.AwayFromZero) : counted;
        months = counted >= months ? months : 1;
        var last = counted - (rate * (months - 1));
        var rates = months == 1
            ? $"in einer Rate von {Euro(counted)}"
            : last == rate
                ? $"in {months} zinsfreien Monatsraten zu je {Euro(rate)}"
                : $"in {months} zinsfreien Monatsraten zu je {Euro(rate)} (letzte Rate {Euro(last)})";
        flow.Heading("Unser Angebot: Abwendungsvereinbarung");
        flow.Box(
            "Wir bieten Ihnen an:",
            [
                $"1. Sie zahlen den berücksichtigten Rückstand von {Euro(counted)} {rates}; die erste Rate ist einen Monat nach Ihrer Annahme fällig. Ihre laufenden Abschläge zahlen Sie daneben wie bisher.",
                "2. Wir beliefern Sie weiter zu Ihren bisherigen Vertragsbedingungen, solange Sie die laufenden Abschläge zahlen; auf Ihren Wunsch auch gegen Vorauszahlung.",
                $"Nehmen Sie das Angebot vor dem {Date(Disconnection(d))} in Textform an (unterschrieben per Post, als Foto oder per E-Mail an {u.Email}), unterbrechen wir die Versorgung nicht. Passen die Raten nicht zu Ihren Möglichkeiten, rufen Sie uns an: Wir vereinbaren einen Zeitraum, den Sie schaffen können. Einwände gegen die Forderung können Sie auch nach der Annahme noch einen Monat lang in Textform erheben. Zahlen Sie die Raten nicht, dürfen wir die Versorgung nach erneuter Ankündigung ({LeadText(d.Commodity)} im Voraus) unterbrechen.",
                $"Ich nehme das Angebot der Abwendungsvereinbarung an (Vertragskonto {d.ContractAccountNumber}, Schreiben {d.Number}):",
            ],
            signature: true);

        flow.Heading("Weitere Wege, die Unterbrechung abzuwenden");
        flow.Bullet($"Zahlen Sie bis zum {Date(d.PayBy)}: den Gesamtbetrag von {Euro(d.Total)} oder mindestens den berücksichtigten Rückstand von {Euro(counted)}.");
        flow.Bullet($"Sprechen Sie mit uns: {u.Hotline}, {u.Email}.");
        flow.Bullet(SocialHelp());
        Proportionality(flow, u, d);
        Costs(flow);
    }

    private static void Proportionality(Flow flow, UtilityProfile u, DunningLetterData d)
    {
        flow.Heading("Gründe gegen eine Unterbrechung");
        var prospect = IsEnergy(d.Commodity)
            ? "oder können Sie darlegen, dass Sie Ihre Zahlungen bald nachholen"
            : "und können Sie darlegen, dass Sie Ihre Zahlungen bald nachholen";
        flow.Paragraph(
            $"Wäre eine Unterbrechung für Sie unverhältnismäßig – insbesondere, weil in Ihrem Haushalt Menschen leben, deren Leben oder Gesundheit dadurch gefährdet wäre, zum Beispiel Pflegebedürftige, Schwerkranke, Säuglinge oder Menschen, die auf medizinische Geräte angewiesen sind –, {prospect}, teilen Sie uns das bitte in Textform (Brief oder E-Mail) bis zum {Date(d.PayBy)} mit: {u.Name}, Kundenservice, {u.Street}, {u.PostalCode} {u.City}, {u.Email}. Fügen Sie nach Möglichkeit Nachweise bei, etwa eine ärztliche Bescheinigung. Wir prüfen Ihre Angaben, bevor wir die Unterbrechung beauftragen.",
            LetterPage.Regular(8), 2);
    }

    private static void Costs(Flow flow)
    {
        flow.Heading("Kosten der Unterbrechung");
        flow.Paragraph(
            "Wird die Versorgung unterbrochen, stellen wir Ihnen die Kosten der Unterbrechung und der Wiederherstellung der Versorgung in Rechnung (pauschal nach unserem Preisblatt). Wir lassen die Versorgung unverzüglich wiederherstellen, sobald die Gründe für die Unterbrechung entfallen sind und diese Kosten bezahlt sind.",
            LetterPage.Regular(8), 2);
    }

    private static void ReplyForm(Flow flow, UtilityProfile u, DunningLetterData d)
    {
        flow.Heading("Antwortformular");
        flow.Box(
            $"An {u.Name}, {u.Street}, {u.PostalCode} {u.City}, {u.Email}",
            [
                $"Vertragskonto {d.ContractAccountNumber}, Schreiben {d.Number} vom {Date(d.Date)}",
                "☐  Bitte senden Sie mir ein Angebot für eine Abwendungsvereinbarung (zinsfreie Ratenzahlung des Rückstands).",
                "☐  Eine Unterbrechung wäre für meinen Haushalt unverhältnismäßig, weil (bitte beschreiben und Nachweise beifügen):",
            ],
            writingLines: 2,
            signature: true,
            form: true);
    }

    private static string SocialHelp() =>
        "Hilfe ohne Mehrkosten: Beziehen Sie Sozialleistungen oder reicht Ihr Einkommen nicht, kann das Jobcenter oder das Sozialamt die Rückstände unter Umständen übernehmen, meist als Darlehen; bitte stellen Sie den Antrag rechtzeitig. Kostenlos beraten Sie anerkannte Schuldner- und Verbraucherberatungsstellen, zum Energiesparen die Energieberatung der Verbraucherzentrale (www.verbraucherzentrale-energieberatung.de).";

    private static string Threshold(Commodity commodity) => IsEnergy(commodity)
        ? $"Nach {LegalBasis(commodity)} Abs. 2 ist eine Unterbrechung wegen Zahlungsverzugs nur zulässig, wenn der Rückstand mindestens das Doppelte des auf den laufenden Monat entfallenden Abschlags beträgt (ohne Abschläge ein Sechstel der voraussichtlichen Jahresrechnung) und mindestens 100 €. Nicht titulierte Beträge, die Sie form- und fristgerecht und schlüssig begründet beanstandet haben, bleiben dabei außer Betracht. Ihr Rückstand erreicht diese Grenze."
        : $"Nach {LegalBasis(commodity)} Abs. 2 dürfen wir die Versorgung einstellen, wenn Sie eine Zahlungsverpflichtung trotz Mahnung nicht erfüllen, frühestens zwei Wochen nach der Androhung. Beträge, die Sie beanstandet haben, haben wir dabei nicht berücksichtigt.";

    private static string CountedText(DunningLetterData d) => d.DisputedDeducted > 0
        ? $"{Euro(Counted(d))} (fällige, unbestrittene Beträge; die von Ihnen beanstandeten {Euro(d.DisputedDeducted)} haben wir abgezogen)"
        : $"{Euro(Counted(d))} (fällige, unbestrittene Beträge; beanstandete Beträge würden abgezogen)";

    private static string AnnouncementPromise(Commodity commodity) => IsEnergy(commodity)
        ? "Den genauen Tag kündigen wir Ihnen mindestens acht Werktage vorher schriftlich an."
        : "Den genauen Tag teilen wir Ihnen vorher schriftlich mit.";

    private static string LeadText(Commodity commodity) => IsEnergy(commodity) ? "acht Werktage" : "drei Werktage";

    private static string ThreatPeriod(Commodity commodity) => IsEnergy(commodity) ? "vier Wochen" : "zwei Wochen";

    /// <summary>The undisputed open amount of the items: what counts for an interruption.</summary>
    private static decimal Counted(DunningLetterData d) => Math.Max(0m, d.Items.Where(item => !item.Disputed).Sum(item => item.Open));

    private static DateOnly Disconnection(DunningLetterData d) =>
        d.DisconnectionFrom ?? d.Date.AddDays(IsEnergy(d.Commodity) ? DunningPolicy.EnergyThreatDays : DunningPolicy.WaterAndHeatThreatDays);

    private static bool IsEnergy(Commodity commodity) => commodity is Commodity.Electricity or Commodity.Gas;

    private static string LegalBasis(Commodity commodity) => DunningPolicy.LegalBasis(commodity);

    private static string LegalBasisLong(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "§ 19 StromGVV (Stromgrundversorgungsverordnung), für Haushaltskunden auch §§ 41f, 41g EnWG",
        Commodity.Gas => "§ 19 GasGVV (Gasgrundversorgungsverordnung), für Haushaltskunden auch §§ 41f, 41g EnWG",
        Commodity.Water => "§ 33 AVBWasserV (Verordnung über Allgemeine Bedingungen für die Versorgung mit Wasser)",
        _ => "§ 33 AVBFernwärmeV (Verordnung über Allgemeine Bedingungen für die Versorgung mit Fernwärme)",
    };

    private static string Supply(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "Stromversorgung",
        Commodity.Gas => "Gasversorgung",
        Commodity.Water => "Wasserversorgung",
        _ => "Fernwärmeversorgung",
    };

    private static string CommodityName(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "Strom",
        Commodity.Gas => "Gas",
        Commodity.Water => "Wasser",
        _ => "Fernwärme",
    };

    /// <summary>An IBAN in groups of four, as printed on paper.</summary>
    private static string FormatIban(string iban)
    {
        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal);
        return string.Join(' ', Enumerable.Range(0, (compact.Length + 3) / 4).Select(i => compact.Substring(i * 4, Math.Min(4, compact.Length - (i * 4)))));
    }

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", German);

    private static string Euro(decimal amount) => amount.ToString("N2", German) + " €";

    /// <summary>The pages of one letter and where the next block goes; a block that does not fit moves to a new page.</summary>
    private sealed class Flow(PdfDocument document, UtilityProfile utility, string continuation) : IDisposable
    {
        private const double Bottom = 274;
        private readonly List<LetterPage> pages = [];

        public double Y { get; set; }

        private LetterPage Page => pages[^1];

        /// <summary>A new page; after the first it starts with <paramref name="heading"/> (or the continuation line).</summary>
        public LetterPage NewPage(string? heading)
        {
            var page = new LetterPage(document.AddPage(), utility);
            pages.Add(page);
            if (pages.Count > 1)
            {
                page.Text(Left, 16, heading ?? continuation, LetterPage.Bold(heading is null ? 9 : 11), LetterPage.Brand);
                Y = 21;
            }

            return page;
        }

        public void Paragraph(string text, XFont font, double gapAfter, XColor? color = null)
        {
            Ensure(Page.Measure(text, font, Width));
            Y = color is { } c ? ColoredParagraph(text, font, c) : Page.Paragraph(Left, Y, Width, text, font);
            Y += gapAfter;
        }

        public void Heading(string text)
        {
            // A heading stays with at least two lines of what follows.
            Ensure(9 + 8);
            Y = Page.Heading(Left, Y, text);
        }

        public void Bullet(string text)
        {
            var font = LetterPage.Regular(8);
            Ensure(Page.Measure(text, font, Width - 4));
            Page.Text(Left + 0.5, Y + 2.6, "•", font);
            Y = Page.Paragraph(Left + 4, Y, Width - 4, text, font) + 1.2;
        }

        /// <summary>Label and value rows, the value wrapping in its column.</summary>
        public void Rows(IReadOnlyList<(string Label, string Value)> rows)
        {
            foreach (var row in rows)
            {
                Ensure(Page.Measure(row.Value, LetterPage.Regular(8.5), Width - 48) + 1);
                // Summary draws a label on its baseline: step down to the baseline of the first line.
                Y = Page.Summary(Left, Y + 3.5, Width, [row], valuesRight: false) - 3.5;
            }

            Y += 1.5;
        }

        /// <summary>Label and amount rows, the amounts right-aligned at <paramref name="width"/>.</summary>
        public void Summary(List<(string Label, string Value)> rows, double width)
        {
            Ensure((rows.Count * 4.4) + 2);
            Y = Page.Summary(Left, Y + 3.5, width, rows) + 1;
        }

        /// <summary>A table whose rows continue on the next page, with the header repeated.</summary>
        public void Table(double[] widths, string[] header, IReadOnlyList<string[]> rows, int[] rightColumns)
        {
            var start = 0;
            do
            {
                Ensure(4 + 4.2 + 1);
                var fit = Math.Max(1, (int)((Bottom - Y - 4 - 1) / 4.2));
                var chunk = rows.Skip(start).Take(fit).ToList();
                Y = Page.Table(Left, Y + 3, widths, header, chunk, rightColumns) - 1;
                start += chunk.Count;
                if (start < rows.Count)
                {
                    NewPage(null);
                }
            }
            while (start < rows.Count);
        }

        /// <summary>
        /// A light box with a bold headline and wrapped paragraphs, optionally lines to write on and a date and signature line;
        /// a <paramref name="form"/> is framed on white instead, to be cut out and sent back.
        /// </summary>
        public void Box(string headline, IReadOnlyList<string> paragraphs, int writingLines = 0, bool signature = false, bool form = false)
        {
            var font = LetterPage.Regular(8.5);
            var bold = LetterPage.Bold(form ? 8.5 : 10);
            var inner = Width - 10;
            var height = 3 + Page.Measure(headline, bold, inner) + 1
                + paragraphs.Sum(text => Page.Measure(text, font, inner) + 1.2)
                + (writingLines * 6.5) + (signature ? 11 : 0) + 2;
            Ensure(height + 3);
            if (form)
            {
                Frame(Left, Y, Width, height);
            }
            else
            {
                Page.Box(Left, Y, Width, height, LetterPage.Light);
            }

            var y = Page.Paragraph(Left + 5, Y + 3, inner, headline, bold) + 1;
            foreach (var text in paragraphs)
            {
                y = Page.Paragraph(Left + 5, y, inner, text, font) + 1.2;
            }

            for (var i = 0; i < writingLines; i++)
            {
                y += 6.5;
                Rule(Left + 5, y, inner);
            }

            if (signature)
            {
                y += 8;
                Rule(Left + 5, y, 40);
                Rule(Left + 55, y, inner - 50);
                Page.Text(Left + 5, y + 3, "Datum", LetterPage.Regular(6.5), LetterPage.Muted);
                Page.Text(Left + 55, y + 3, "Unterschrift", LetterPage.Regular(6.5), LetterPage.Muted);
            }

            Y += height + 4;
        }

        /// <summary>Footers with page numbers on every page.</summary>
        public void Finish()
        {
            for (var i = 0; i < pages.Count; i++)
            {
                pages[i].Footer(i + 1, pages.Count);
            }
        }

        public void Dispose()
        {
            foreach (var page in pages)
            {
                page.Dispose();
            }
        }

        /// <summary>A dark hairline (LetterPage.Line draws light grey, too faint to write on).</summary>
        private void Rule(double x, double y, double width) => Page.Box(x, y, width, 0.25, LetterPage.Muted);

        private void Frame(double x, double y, double width, double height)
        {
            Rule(x, y, width);
            Rule(x, y + height, width);
            Page.Box(x, y, 0.25, height, LetterPage.Muted);
            Page.Box(x + width - 0.25, y, 0.25, height + 0.25, LetterPage.Muted);
        }

        private void Ensure(double height)
        {
            if (Y + height > Bottom)
            {
                NewPage(null);
            }
        }

        private double ColoredParagraph(string text, XFont font, XColor color)
        {
            // LetterPage.Paragraph draws black; one-line muted notes are drawn as text at the same baseline.
            var height = Page.Measure(text, font, Width);
            if (height > font.Size * 1.3 / (72 / 25.4) * 1.01)
            {
                return Page.Paragraph(Left, Y, Width, text, font);
            }

            Page.Text(Left, Y + (height * 0.75), text, font, color);
            return Y + height;
        }
    }
}
