using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// Renders a bill letter as PDF (PDFsharp, DejaVu Sans embedded), A4 for a DIN 5008 window envelope (form B):
/// page 1 the letter (address, the amount and what happens with it, the summary, the new installments with their
/// dates, the consumption against the previous year and a comparison group), page 2 the details (supply point,
/// meter readings with how each was obtained, the lines with prices, VAT per rate) and what the law asks a bill
/// to tell (disputes, supplier switch, energy efficiency, fuel mix). The supplier's data stand in every footer.
/// </summary>
public static class BillLetterPdf
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly XColor Brand = LetterPage.Brand;
    private static readonly XColor Light = LetterPage.Light;
    private static readonly XColor Muted = LetterPage.Muted;

    public static byte[] Render(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"{Title(letter)} {letter.Document.Number}";
        document.Info.Author = letter.Utility.Name;
        document.Info.Subject = $"Rechnung {letter.Document.Number} für Vertrag {letter.Contract.ContractNumber}";
        var first = new LetterPage(document.AddPage(), letter.Utility);
        FirstPage(first, letter);
        var second = new LetterPage(document.AddPage(), letter.Utility);
        SecondPage(second, letter);
        first.Footer(1, 2);
        second.Footer(2, 2);
        first.Dispose();
        second.Dispose();
        return PdfOutput.Save(document);
    }

    private static void FirstPage(LetterPage p, BillLetter l)
    {
        var u = l.Utility;
        var d = l.Document;
        var address = l.Customer.Address;
        p.Letterhead(
            [Name(l), $"{address.Street} {address.HouseNumber}", $"{address.PostalCode} {address.City}"],
            [
                ("Kundennummer", l.Customer.CustomerNumber),
                ("Vertragskonto", l.Contract.ContractAccountNumber),
                ("Vertrag", l.Contract.ContractNumber),
                ("Rechnungsnummer", d.Number),
                ("Rechnungsdatum", Date(d.IssuedOn)),
                ("Fragen zur Rechnung", u.Hotline),
            ]);

        p.Text(20, 98, $"{Title(l)} {CommodityName(l.Contract.Commodity)} für {Date(d.PeriodStart)} bis {Date(d.PeriodEnd)}", LetterPage.Bold(12));
        var y = p.Paragraph(20, 105, 170, $"Guten Tag {Name(l)},\n{Opening(l)}", LetterPage.Regular(9)) + 3;

        // The amount and what happens with it stand out.
        var (headline, action) = Balance(l);
        // A customer who pays by transfer gets a GiroCode beside the amount.
        var giroCode = d.Kind != BillKind.Cancellation && d.Balance > 0 && l.Contract.BankAccount is null
            ? GiroCode.Payload(u.Name, u.BankIban, u.BankBic, d.Balance, $"Rechnung {d.Number} Kunde {l.Customer.CustomerNumber}")
            : null;
        var textWidth = giroCode is null ? 160 : 128;
        var boxHeight = Math.Max(8 + p.Measure(action, LetterPage.Regular(9), textWidth), giroCode is null ? 0 : 30);
        p.Box(20, y, 170, boxHeight + 6, Light);
        p.Text(25, y + 7, headline, LetterPage.Bold(13), Brand);
        p.Paragraph(25, y + 10, textWidth, action, LetterPage.Regular(9));
        if (giroCode is not null)
        {
            p.Qr(160, y + 3, 26, GiroCode.Modules(giroCode));
            p.Text(163, y + 32, "GiroCode scannen", LetterPage.Regular(6), Muted);
        }

        y += boxHeight + 12;

        var b = l.Bill;
        var unit = Unit(b);
        var estimated = l.Meters.Where(m => m.FromKind == ReadingKind.Estimated || m.ToKind == ReadingKind.Estimated).ToList(); // marked on page 1, the readings on page 2
        if (d.Kind == BillKind.Cancellation)
        {
            // A cancellation only takes the bill back: what it had charged, no payments, no credit, no plan, no chart.
            var cancelled = new List<(string, string)>
            {
                ($"Aufgehobener Verbrauch {Date(d.PeriodStart)} – {Date(d.PeriodEnd)}", Consumption(l)),
                ("Aufgehobener Nettobetrag", Euro(Math.Abs(b.Net))),
            };
            cancelled.AddRange(b.Vat.Select(v => ($"aufgehobene Umsatzsteuer {Percent(v.Rate)} auf {Euro(Math.Abs(v.Net))}", Euro(Math.Abs(v.Amount)))));
            cancelled.Add(("Gutschrift auf Ihr Vertragskonto (brutto)", Euro(Math.Abs(b.Gross))));
            y = p.Heading(20, y, "Was die Stornorechnung aufhebt");
            p.Summary(20, y, 170, cancelled);
            return;
        }

        var rows = new List<(string, string)>
        {
            ($"Verbrauch {Date(d.PeriodStart)} – {Date(d.PeriodEnd)}{(estimated.Count > 0 ? " (Zählerstand geschätzt, siehe Seite 2)" : string.Empty)}", Consumption(l)),
            ("Nettobetrag", Euro(b.Net)),
        };
        rows.AddRange(b.Vat.Select(v => ($"Umsatzsteuer {Percent(v.Rate)} auf {Euro(v.Net)}", Euro(v.Amount))));
        rows.Add(("Rechnungsbetrag (brutto)", Euro(b.Gross)));
        rows.Add(("abzüglich geleisteter Abschläge", Euro(-b.Paid)));
        rows.Add((b.Balance >= 0 ? "Nachzahlung" : "Guthaben", Euro(Math.Abs(b.Balance))));
        y = p.Heading(20, y, "Ihre Abrechnung im Überblick");
        y = p.Summary(20, y, 170, rows);
        // A final bill ends the supply: no installments follow, whatever the engine proposed.
        if (b.NextInstallment is { } plan && d.Kind != BillKind.FinalBill)
        {
            y = p.Heading(20, y + 2, "Ihr neuer Abschlag");
            var dues = string.Join(", ", plan.Dues.Select(Date));
            var sepa = l.Contract.BankAccount is { } bank
                ? $" Wir ziehen die Abschläge an diesen Tagen per SEPA-Lastschrift von Ihrem Konto {Masked(bank.Iban.Value)} ein ({SepaReferences(l, bank)}); diese Mitteilung ist die Vorabankündigung."
                : $" Bitte überweisen Sie die Abschläge jeweils zum Fälligkeitstag auf {u.BankIban} ({u.BankName}), Verwendungszweck {l.Contract.ContractAccountNumber}.";
            y = p.Paragraph(20, y, 170,
                $"{plan.Count} Abschläge zu je {Euro(plan.Amount)}, berechnet aus Ihrem Verbrauch von {Number(plan.AnnualQuantity)} {unit} im Jahr, fällig am {dues}.{sepa} Verbrauchen Sie künftig deutlich weniger, passen wir den Abschlag gern an: im Kundenportal oder telefonisch.",
                LetterPage.Regular(8.5)) + 2;
        }

        y = p.Heading(20, y + 1, "Ihr Verbrauch im Vergleich");
        y = Chart(p, l, y);
        var code = new PortalRegistrationCode(u.PortalRegistrationSecret).For(l.Customer.CustomerNumber);
        var portal = d.Kind == BillKind.FinalBill ? "Rechnungen ansehen und herunterladen" : "Rechnungen ansehen, Abschlag ändern, Zählerstand melden";
        p.Paragraph(20, y + 2, 170, $"Kundenportal: {portal} unter {u.Portal}. Noch nicht registriert? Ihr Registrierungscode: {code}", LetterPage.Regular(8));
    }

    private static double Chart(LetterPage p, BillLetter l, double y)
    {
        var unit = Unit(l.Bill);
        var days = l.Input.Period.Days;
        var bars = new List<(string Label, decimal Value, bool Current)>();
        var previousLabel = PreviousLabel(l);
        if (l.Previous is { } previous)
        {
            bars.Add((previousLabel, previous.Quantity, false));
        }

        bars.Add(($"Dieser Zeitraum {Date(l.Input.Period.Start)} – {Date(l.Input.Period.End)} ({days} Tage)", l.Bill.Quantity, true));
        var groupPerPeriod = decimal.Round(l.ComparisonAnnualQuantity * days / 365m);
        if (l.Customer.Kind != Core.Customers.CustomerKind.Business)
        {
            // A business is no household: it is compared with its own previous period only.
            bars.Add(($"Vergleichsgruppe (Durchschnittshaushalt, {days} Tage)", groupPerPeriod, false));
        }

        var max = Math.Max(1m, bars.Max(b => b.Value));
        foreach (var (label, value, current) in bars)
        {
            p.Text(20, y + 3, label, LetterPage.Regular(7.5));
            var width = (double)(value / max) * 50;
            p.Box(112, y, Math.Max(0.5, width), 4, current ? Brand : XColor.FromArgb(150, 170, 190));
            p.Text(114 + width, y + 3.2, $"{Number((long)value)} {unit}", LetterPage.Regular(7.5));
            y += 6;
        }

        if (l.Previous is null)
        {
            // No bar and no number for a value that does not exist.
            p.Text(20, y + 3, previousLabel, LetterPage.Regular(7.5), Muted);
            y += 6;
        }
        else if (!IsYearBefore(l.Previous.Period, l.Input.Period) && l.Previous.Period.Days != days)
        {
            // Periods of different length compare per day (the year before compares as it is, leap day or not).
            var which = l.Previous.Period.End.AddDays(1) == l.Input.Period.Start ? "in der Vorperiode" : "im zuletzt abgerechneten Zeitraum";
            var perDay = $"Die Zeiträume sind verschieden lang; je Tag: {PerDay(l.Previous.Quantity, l.Previous.Period.Days)} {unit} {which}, {PerDay(l.Bill.Quantity, days)} {unit} in diesem Zeitraum.";
            y = p.Paragraph(20, y, 170, perDay, LetterPage.Regular(7.5)) + 1;
        }

        return y;
    }

    private static bool IsYearBefore(BillingPeriod previous, BillingPeriod current) =>
        previous.Start == current.Start.AddYears(-1) && previous.End == current.End.AddYears(-1);

    /// <summary>
    /// What the previous period is to this one, said truly: "Vorjahr" only for the same days one year before, else
    /// "Vorperiode" (the period right before) or the last billed period before a gap, each with its dates and days;
    /// without a previous bill, that there is none to compare with (the first period of the contract, or periods not
    /// billed in this system; see <see cref="BillLetters"/>).
    /// </summary>
    public static string PreviousLabel(BillLetter l)
    {
        var current = l.Input.Period;
        if (l.Previous is not { } previous)
        {
            return l.Contract.StartDate >= current.Start
                ? "Vorperiode: keine, dies ist der erste Abrechnungszeitraum Ihres Vertrags"
                : "Vorperiode: kein Vergleichswert vorhanden";
        }

        var period = previous.Period;
        if (IsYearBefore(period, current))
        {
            return $"Vorjahr {Date(period.Start)} – {Date(period.End)} ({period.Days} Tage)";
        }

        return period.End.AddDays(1) == current.Start
            ? $"Vorperiode {Date(period.Start)} – {Date(period.End)} ({period.Days} Tage)"
            : $"Zuletzt abgerechnet {Date(period.Start)} – {Date(period.End)} ({period.Days} Tage)";
    }

    private static string PerDay(long quantity, int days) => ((decimal)quantity / days).ToString("N1", German);

    private static void SecondPage(LetterPage p, BillLetter l)
    {
        var u = l.Utility;
        var d = l.Document;
        var premise = l.Premise;
        // A cancellation's details are those of the bill it takes back.
        var title = d.Kind == BillKind.Cancellation
            ? $"Einzelheiten der aufgehobenen Rechnung {l.CancelledBillNumber}"
            : $"Einzelheiten zu Rechnung {d.Number}";
        p.Text(20, 16, title, LetterPage.Bold(11), Brand);
        var y = p.Heading(20, 22, "Abnahmestelle und Vertrag");
        var details = new List<(string, string)>
        {
            ("Lieferadresse", $"{premise.Address.Street} {premise.Address.HouseNumber}, {premise.Address.PostalCode} {premise.Address.City}"),
            ("Tarif", $"{l.Tariff.Name} ({l.Tariff.Code})"),
            ("Vertragsbeginn", Date(l.Contract.StartDate) + (l.Contract.EndDate is { } end ? $", Vertragsende {Date(end)}" : string.Empty)),
            ("Vertragsart und Kündigung", u.ContractTerms),
        };
        if (premise.MarketLocation is { } malo)
        {
            details.Add(("Marktlokation (MaLo)", malo.Value));
        }

        if (premise.MeteringLocation is { } melo)
        {
            details.Add(("Messlokation (Zählpunkt)", melo.Value));
        }

        if (l.Contract.Commodity is Commodity.Electricity or Commodity.Gas)
        {
            details.Add(("Netzbetreiber", u.GridOperator));
            details.Add(("Messstellenbetreiber", u.MeterOperator));
        }

        y = p.Summary(20, y, 170, details, valuesRight: false);

        y = p.Heading(20, y + 1, "Zählerstände");
        var intervals = Intervals(l);
        var meterUnit = MeterUnit(l);
        // One row per reading interval; dates and readings in columns of their own, readings right-aligned with their unit.
        y = p.Table(20, y, [27, 16, 23, 16, 23, 21, 44], ["Zähler", "Von", "Anfangsstand", "Bis", "Endstand", "Verbrauch", "Art der Ermittlung"],
            intervals.Select(i => new[]
            {
                i.Meter,
                Date(i.FromDate),
                Measured(i.FromValue, i.Decimals, meterUnit),
                Date(i.ToDate),
                Measured(i.ToValue, i.Decimals, meterUnit),
                Measured(i.Use, i.Decimals, meterUnit),
                $"{Kind(i.FromKind)} / {Kind(i.ToKind)}",
            }).ToList(), rightColumns: [2, 4, 5]);
        if (l.Input.Gas is { } gas)
        {
            // Gas is measured in m³ and billed in kWh: the volume of each meter, the factors, the energy.
            y = p.Table(20, y + 1, [27, 35, 30, 40, 38], ["Umrechnung in kWh", "Verbrauch", "Zustandszahl", "Brennwert", "Energie"],
                intervals.GroupBy(i => i.Meter).Select(g => new[]
                {
                    g.Key,
                    Measured(g.Sum(i => i.Use), g.First().Decimals, "m³"),
                    gas.StateFactor.ToString("0.0000####", German),
                    gas.CalorificValue.ToString("0.000####", German) + " kWh/m³",
                    $"{Number(g.Sum(i => i.Billed))} kWh",
                }).ToList(), rightColumns: [1, 2, 3, 4]);
            y = p.Paragraph(20, y, 170, string.Create(German, $"kWh = m³ × Zustandszahl × Brennwert (zusammen {gas.Factor:0.0000######} kWh je m³), je Ablesezeitraum auf volle kWh gerundet."), LetterPage.Regular(7.5));
        }
        else if (intervals.Any(i => i.Use != i.Billed))
        {
            // The engine bills whole units per reading interval: say so where the readings have decimals.
            var parts = string.Join(", ", intervals.Select(i => $"{Measured(i.Use, i.Decimals, meterUnit)} → {Number(i.Billed)} {meterUnit}"));
            y = p.Paragraph(20, y, 170, $"Abgerechnet werden volle {meterUnit} je Ablesezeitraum: {parts}, zusammen {Number(l.Bill.Quantity)} {meterUnit}.", LetterPage.Regular(7.5));
        }

        y = p.Heading(20, y + 2, "Berechnung");
        var unit = Unit(l.Bill);
        y = p.Table(20, y, [34, 10, 22, 24, 20, 24, 22, 14],
            ["Zeitraum", "Tage", "Menge", "Arbeitspreis", "Arbeit netto", "Grundpreis/Jahr", "Grund netto", "USt"],
            l.Bill.Lines.Select(line => new[]
            {
                $"{Date(line.From)} – {Date(line.To)}",
                line.Days.ToString(German),
                $"{Number(line.Quantity)} {unit}",
                string.Create(German, $"{line.EnergyPrice:0.0000} €/{unit}"),
                Euro(line.EnergyNet),
                Euro(line.BasePerYear),
                Euro(line.BaseNet),
                Percent(line.VatRate),
            }).ToList(), rightColumns: [1, 2, 3, 4, 5, 6, 7]);
        var vat = l.Bill.Vat.Select(v => ($"Umsatzsteuer {Percent(v.Rate)} auf {Euro(v.Net)} netto", Euro(v.Amount))).ToList();
        var gross = d.Kind == BillKind.Cancellation ? "Aufgehobener Rechnungsbetrag brutto" : "Rechnungsbetrag brutto";
        y = p.Summary(20, y + 1, 170, [("Summe netto", Euro(l.Bill.Net)), .. vat, (gross, Euro(l.Bill.Gross))]);
        y = p.Paragraph(20, y + 1, 170, PriceComponents(l.Contract.Commodity) + " Preisänderungen gelten ab dem genannten Tag, der Verbrauch wird tagesgenau aufgeteilt.", LetterPage.Regular(7));

        y = p.Heading(20, y + 2, "Gut zu wissen");
        var notes = new List<string>();
        if (l.Contract.Commodity == Commodity.Electricity)
        {
            notes.Add($"Stromkennzeichnung: {u.FuelMix}");
        }

        notes.Add($"Fragen oder Beschwerden: Wir erklären Ihnen die Rechnung kostenlos ({u.Hotline}, {u.Email}, {u.Portal}).");
        if (l.Contract.Commodity is Commodity.Electricity or Commodity.Gas)
        {
            notes.Add("Streitbeilegung: Hilft Ihnen unsere Antwort auf eine Beschwerde nicht, können Sie die Schlichtungsstelle Energie e.V., Friedrichstraße 133, 10117 Berlin, www.schlichtungsstelle-energie.de, anrufen. Informationen zu Ihren Rechten gibt der Verbraucherservice Energie der Bundesnetzagentur, Postfach 8001, 53105 Bonn, verbraucherservice-energie@bnetza.de.");
            notes.Add("Lieferantenwechsel: Sie können den Lieferanten unentgeltlich wechseln; Preisvergleiche bieten Vergleichsportale und die Verbraucherzentralen. Informationen zur Energieeffizienz erhalten Sie bei der Deutschen Energie-Agentur (www.dena.de), den Energieagenturen der Länder und den Verbraucherzentralen (www.verbraucherzentrale-energieberatung.de).");
        }

        if (l.Contract.BankAccount is { } bank && l.CreditorId is { } creditor)
        {
            notes.Add($"SEPA-Lastschrift: Gläubiger-Identifikationsnummer {creditor}, Mandatsreferenz {bank.MandateReference}.");
        }

        foreach (var note in notes)
        {
            y = p.Paragraph(20, y, 170, note, LetterPage.Regular(7.5)) + 1.2;
        }
    }

    /// <summary>One reading interval of a meter: its readings, the use between them, the whole billed units (kWh after the gas conversion).</summary>
    private sealed record MeterInterval(string Meter, int Decimals, DateOnly FromDate, decimal FromValue, ReadingKind? FromKind, DateOnly ToDate, decimal ToValue, ReadingKind? ToKind, decimal Use, long Billed);

    /// <summary>The reading intervals of every meter, computed as the engine does (roll-over, whole units per interval).</summary>
    private static List<MeterInterval> Intervals(BillLetter l)
    {
        var factor = l.Input.Gas?.Factor ?? 1m;
        var intervals = new List<MeterInterval>();
        foreach (var m in l.Meters)
        {
            var readings = new List<LetterReading> { new(m.FromDate, m.FromValue, m.FromKind) };
            readings.AddRange(m.Between);
            readings.Add(new LetterReading(m.ToDate, m.ToValue, m.ToKind));
            var input = l.Input.Meters.First(x => x.Number == m.Number);
            var decimals = ReadingDecimals(l, readings.Select(r => r.Value));
            for (var i = 1; i < readings.Count; i++)
            {
                var (from, to) = (readings[i - 1], readings[i]);
                var use = to.Value - from.Value;
                if (use < 0 && input.RollOver is { } capacity)
                {
                    use += capacity;
                }

                intervals.Add(new MeterInterval(m.Number, decimals, from.Date, from.Value, from.Kind, to.Date, to.Value, to.Kind, use, Money.RoundToWholeUnit(use * factor)));
            }
        }

        return intervals;
    }

    /// <summary>
    /// Decimals of a meter's readings and uses, one rule per meter on every page: m³ (gas, water) always three, the
    /// most a register shows (<see cref="Core.Metering.Meter.MaxDecimals"/>), so 1.234,500 m³ and 0,900 m³ line up; kWh
    /// (electricity, heat) as many as the meter's most precise reading in the period, whole kWh for the usual registers.
    /// </summary>
    private static int ReadingDecimals(BillLetter l, IEnumerable<decimal> readings) =>
        l.Contract.Commodity is Commodity.Gas or Commodity.Water
            ? Core.Metering.Meter.MaxDecimals
            : Math.Min(Core.Metering.Meter.MaxDecimals, readings.Max(Scale));

    private static int Scale(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        return point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
    }

    /// <summary>What the meters measure: m³ of gas or water, kWh of electricity or heat.</summary>
    private static string MeterUnit(BillLetter l) => l.Contract.Commodity is Commodity.Gas or Commodity.Water ? "m³" : "kWh";

    private static string Measured(decimal value, int decimals, string unit) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), German) + " " + unit;

    /// <summary>The billed quantity with its unit; for gas also the measured volume it was converted from.</summary>
    private static string Consumption(BillLetter l)
    {
        var billed = $"{Number(l.Bill.Quantity)} {Unit(l.Bill)}";
        if (l.Input.Gas is null)
        {
            return billed;
        }

        var volume = Intervals(l).Sum(i => i.Use);
        return $"{billed} ({Measured(volume, Core.Metering.Meter.MaxDecimals, "m³")} Gas)";
    }

    private static string Title(BillLetter l) => l.Document.Kind switch
    {
        BillKind.Cancellation => "Stornorechnung",
        BillKind.FinalBill => l.Document.ReferencesBillId is null ? "Schlussrechnung" : "Korrigierte Schlussrechnung",
        _ => l.Document.ReferencesBillId is null ? "Jahresabrechnung" : "Korrigierte Jahresabrechnung",
    };

    private static string Opening(BillLetter l) => l.Document.Kind switch
    {
        BillKind.Cancellation => $"mit dieser Stornorechnung heben wir die Rechnung {l.CancelledBillNumber} auf. Der Betrag wird Ihrem Vertragskonto gutgeschrieben.",
        BillKind.FinalBill => l.Document.ReferencesBillId is null
            ? "Ihr Vertrag an dieser Abnahmestelle ist beendet: Hier ist Ihre Schlussrechnung. Vielen Dank, dass Sie Kunde bei uns waren."
            : $"wir haben Ihre Schlussrechnung{Replaced(l)} korrigiert; diese Rechnung ersetzt sie.",
        _ => l.Document.ReferencesBillId is null
            ? "hier ist Ihre Jahresabrechnung. Auf dieser Seite finden Sie das Wichtigste, auf der nächsten alle Einzelheiten."
            : $"wir haben Ihre Rechnung{Replaced(l)} für diesen Zeitraum korrigiert; diese Rechnung ersetzt sie. Auf dieser Seite finden Sie das Wichtigste, auf der nächsten alle Einzelheiten.",
    };

    private static string Replaced(BillLetter l) => l.CancelledBillNumber is { } number ? " " + number : string.Empty;

    private static (string Headline, string Action) Balance(BillLetter l)
    {
        var d = l.Document;
        var u = l.Utility;
        var bank = l.Contract.BankAccount;
        if (d.Kind == BillKind.Cancellation)
        {
            return ($"Gutschrift: {Euro(Math.Abs(d.Gross))}", $"Die Rechnung {l.CancelledBillNumber} ist aufgehoben; eine korrigierte Rechnung folgt, wenn der Zeitraum neu berechnet wird.");
        }

        if (d.Balance > 0)
        {
            return bank is not null
                ? ($"Nachzahlung: {Euro(d.Balance)}", $"Wir buchen den Betrag am {Date(d.DueOn)} von Ihrem Konto {Masked(bank.Iban.Value)} ab (SEPA-Lastschrift; {SepaReferences(l, bank)}). Bitte sorgen Sie für Deckung; Sie müssen nichts weiter tun.")
                : ($"Nachzahlung: {Euro(d.Balance)}, fällig am {Date(d.DueOn)}", $"Bitte überweisen Sie den Betrag bis zum {Date(d.DueOn)} auf {u.BankIban} ({u.BankName}, BIC {u.BankBic}), Verwendungszweck {d.Number}.");
        }

        if (d.Balance < 0)
        {
            return bank is not null
                ? ($"Guthaben: {Euro(-d.Balance)}", $"Wir überweisen Ihnen das Guthaben bis zum {Date(d.DueOn)} auf Ihr Konto {Masked(bank.Iban.Value)}. Möchten Sie es lieber mit den nächsten Abschlägen verrechnen, sagen Sie uns Bescheid.")
                : ($"Guthaben: {Euro(-d.Balance)}", $"Bitte nennen Sie uns Ihre Bankverbindung (Kundenportal oder {u.Hotline}); wir überweisen das Guthaben innerhalb von zwei Wochen. Auf Wunsch verrechnen wir es mit den nächsten Abschlägen.");
        }

        return ("Ihr Konto ist ausgeglichen: 0,00 €", "Ihre Abschläge haben den Verbrauch genau gedeckt.");
    }

    private static string CommodityName(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "Strom",
        Commodity.Gas => "Gas",
        Commodity.Water => "Wasser",
        _ => "Wärme",
    };

    /// <summary>The customer as a letter addresses them: first and last name, or the company.</summary>
    internal static string Name(BillLetter l) => CustomerName(l.Customer);

    internal static string CustomerName(Core.Customers.Customer customer) => customer.Kind == Core.Customers.CustomerKind.Business
        ? customer.CompanyName ?? customer.DisplayName
        : string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

    /// <summary>The SEPA references of the pre-notification: creditor identifier (when configured) and mandate.</summary>
    private static string SepaReferences(BillLetter l, Core.Accounts.BankAccount bank) =>
        l.CreditorId is { } creditor ? $"Gläubiger-ID {creditor}, Mandatsreferenz {bank.MandateReference}" : $"Mandatsreferenz {bank.MandateReference}";

    private static string Kind(ReadingKind? kind) => kind switch
    {
        ReadingKind.Actual => "abgelesen",
        ReadingKind.CustomerReported => "Kundenablesung",
        ReadingKind.Estimated => "geschätzt",
        _ => "berechnet",
    };

    private static string Unit(Bill bill) => bill.Unit == QuantityUnit.CubicMetre ? "m³" : "kWh";

    private static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", German);

    private static string Euro(decimal amount) => amount.ToString("N2", German) + " €";

    private static string Number(long value) => value.ToString("N0", German);

    private static string Percent(decimal rate) => (rate * 100).ToString("0.##", German) + " %";

    /// <summary>What the prices contain, true for the commodity: grid charges and energy taxes exist for electricity and gas only.</summary>
    public static string PriceComponents(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "Die Preise enthalten die Netzentgelte einschließlich Messstellenbetrieb, die Konzessionsabgabe, die gesetzlichen Umlagen und die Stromsteuer.",
        Commodity.Gas => "Die Preise enthalten die Netzentgelte einschließlich Messstellenbetrieb, die Konzessionsabgabe, die CO₂-Kosten nach dem BEHG und die Energiesteuer.",
        Commodity.Water => "Die Preise enthalten die Kosten der Wassergewinnung, -aufbereitung und -verteilung.",
        _ => "Die Preise enthalten die Kosten der Wärmeerzeugung und -verteilung.",
    };

    internal static string Masked(string iban) => iban.Length > 8 ? $"{iban[..4]} **** **** {iban[^4..]}" : iban;
}
