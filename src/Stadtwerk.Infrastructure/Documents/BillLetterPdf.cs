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
    private static readonly XColor Brand = XColor.FromArgb(10, 92, 138);
    private static readonly XColor Light = XColor.FromArgb(232, 241, 247);
    private static readonly XColor Muted = XColor.FromArgb(90, 103, 118);

    public static byte[] Render(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"{Title(letter)} {letter.Document.Number}";
        document.Info.Author = letter.Utility.Name;
        document.Info.Subject = $"Rechnung {letter.Document.Number} für Vertrag {letter.Contract.ContractNumber}";
        var first = new Page(document.AddPage(), letter);
        FirstPage(first, letter);
        var second = new Page(document.AddPage(), letter);
        SecondPage(second, letter);
        first.Footer(1, 2);
        second.Footer(2, 2);
        first.Dispose();
        second.Dispose();
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static void FirstPage(Page p, BillLetter l)
    {
        var u = l.Utility;
        var d = l.Document;
        p.Text(20, 14, u.Name, Page.Bold(15), Brand);
        p.Text(20, 21, "Kundenservice und Abrechnung", Page.Regular(8), Muted);
        p.RightLines(190, 14, [u.Street, $"{u.PostalCode} {u.City}", $"Telefon {u.Phone}", u.Email, u.Portal], Page.Regular(7.5));

        // The address field of DIN 5008 form B: 45 mm from the top, 20 mm from the left, 85 × 45 mm.
        p.Text(20, 48, u.AddressLine, Page.Regular(6.5), Muted);
        p.Line(20, 50.5, 105, 50.5);
        var address = l.Customer.Address;
        p.Lines(20, 55, [Name(l), $"{address.Street} {address.HouseNumber}", $"{address.PostalCode} {address.City}"], Page.Regular(10), 4.6);

        p.Labels(125, 50, [
            ("Kundennummer", l.Customer.CustomerNumber),
            ("Vertragskonto", l.Contract.ContractAccountNumber),
            ("Vertrag", l.Contract.ContractNumber),
            ("Rechnungsnummer", d.Number),
            ("Rechnungsdatum", Date(d.IssuedOn)),
            ("Fragen zur Rechnung", u.Hotline),
        ]);

        p.Text(20, 98, $"{Title(l)} {CommodityName(l.Contract.Commodity)} für {Date(d.PeriodStart)} bis {Date(d.PeriodEnd)}", Page.Bold(12));
        var y = p.Paragraph(20, 105, 170, $"Guten Tag {Name(l)},\n{Opening(l)}", Page.Regular(9)) + 3;

        // The amount and what happens with it stand out.
        var (headline, action) = Balance(l);
        // A customer who pays by transfer gets a GiroCode beside the amount.
        var giroCode = d.Kind != BillKind.Cancellation && d.Balance > 0 && l.Contract.BankAccount is null
            ? GiroCode.Payload(u.Name, u.BankIban, u.BankBic, d.Balance, $"Rechnung {d.Number} Kunde {l.Customer.CustomerNumber}")
            : null;
        var textWidth = giroCode is null ? 160 : 128;
        var boxHeight = Math.Max(8 + p.Measure(action, Page.Regular(9), textWidth), giroCode is null ? 0 : 30);
        p.Box(20, y, 170, boxHeight + 6, Light);
        p.Text(25, y + 7, headline, Page.Bold(13), Brand);
        p.Paragraph(25, y + 10, textWidth, action, Page.Regular(9));
        if (giroCode is not null)
        {
            p.Qr(160, y + 3, 26, GiroCode.Modules(giroCode));
            p.Text(163, y + 32, "GiroCode scannen", Page.Regular(6), Muted);
        }

        y += boxHeight + 12;

        var b = l.Bill;
        var unit = Unit(b);
        var rows = new List<(string, string)>
        {
            ($"Verbrauch {Date(d.PeriodStart)} – {Date(d.PeriodEnd)}", $"{Number(b.Quantity)} {unit}"),
            ("Nettobetrag", Euro(b.Net)),
        };
        rows.AddRange(b.Vat.Select(v => ($"Umsatzsteuer {Percent(v.Rate)} auf {Euro(v.Net)}", Euro(v.Amount))));
        rows.Add(("Rechnungsbetrag (brutto)", Euro(b.Gross)));
        rows.Add(("abzüglich geleisteter Abschläge", Euro(-b.Paid)));
        rows.Add((b.Balance >= 0 ? "Nachzahlung" : "Guthaben", Euro(Math.Abs(b.Balance))));
        y = p.Heading(20, y, "Ihre Abrechnung im Überblick");
        y = p.Summary(20, y, 170, rows);

        if (b.NextInstallment is { } plan)
        {
            y = p.Heading(20, y + 2, "Ihr neuer Abschlag");
            var dues = string.Join(", ", plan.Dues.Select(Date));
            var sepa = l.Contract.BankAccount is { } bank
                ? $" Wir ziehen die Abschläge an diesen Tagen per SEPA-Lastschrift von Ihrem Konto {Masked(bank.Iban.Value)} ein ({SepaReferences(l, bank)}); diese Mitteilung ist die Vorabankündigung."
                : $" Bitte überweisen Sie die Abschläge jeweils zum Fälligkeitstag auf {u.BankIban} ({u.BankName}), Verwendungszweck {l.Contract.ContractAccountNumber}.";
            y = p.Paragraph(20, y, 170,
                $"{plan.Count} Abschläge zu je {Euro(plan.Amount)}, berechnet aus Ihrem Verbrauch von {Number(plan.AnnualQuantity)} {unit} im Jahr, fällig am {dues}.{sepa} Verbrauchen Sie künftig deutlich weniger, passen wir den Abschlag gern an: im Kundenportal oder telefonisch.",
                Page.Regular(8.5)) + 2;
        }

        y = p.Heading(20, y + 1, "Ihr Verbrauch im Vergleich");
        y = Chart(p, l, y);
        var code = new PortalRegistrationCode(u.PortalRegistrationSecret).For(l.Customer.CustomerNumber);
        p.Paragraph(20, y + 2, 170, $"Kundenportal: Rechnungen ansehen, Abschlag ändern, Zählerstand melden unter {u.Portal}. Noch nicht registriert? Ihr Registrierungscode: {code}", Page.Regular(8));
    }

    private static double Chart(Page p, BillLetter l, double y)
    {
        var unit = Unit(l.Bill);
        var bars = new List<(string Label, decimal Value)>();
        if (l.Previous is { } previous)
        {
            bars.Add(($"Vorjahr ({Date(previous.Period.Start)} – {Date(previous.Period.End)})", previous.Quantity));
        }
        else
        {
            bars.Add(("Vorjahr: kein Vergleich (erste Abrechnung)", 0));
        }

        bars.Add(($"Dieser Zeitraum ({l.Input.Period.Days} Tage)", l.Bill.Quantity));
        var groupPerPeriod = decimal.Round(l.ComparisonAnnualQuantity * l.Input.Period.Days / 365m);
        bars.Add(("Vergleichsgruppe (Durchschnittshaushalt)", groupPerPeriod));
        var max = Math.Max(1m, bars.Max(b => b.Value));
        foreach (var (label, value) in bars)
        {
            p.Text(20, y + 3, label, Page.Regular(7.5));
            var width = (double)(value / max) * 58;
            p.Box(105, y, Math.Max(0.5, width), 4, value == l.Bill.Quantity ? Brand : XColor.FromArgb(150, 170, 190));
            p.Text(107 + width, y + 3.2, $"{Number((long)value)} {unit}", Page.Regular(7.5));
            y += 6;
        }

        return y;
    }

    private static void SecondPage(Page p, BillLetter l)
    {
        var u = l.Utility;
        var d = l.Document;
        var premise = l.Premise;
        p.Text(20, 16, $"Einzelheiten zu Rechnung {d.Number}", Page.Bold(11), Brand);
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
        y = p.Table(20, y, [28, 40, 40, 22, 40], ["Zähler", "Anfangsstand", "Endstand", "Verbrauch", "Art der Ermittlung"],
            l.Meters.Select(m => new[]
            {
                m.Number,
                $"{Date(m.FromDate)}: {Reading(m.FromValue)}",
                $"{Date(m.ToDate)}: {Reading(m.ToValue)}",
                Reading(MeterUse(l, m)),
                $"{Kind(m.FromKind)} / {Kind(m.ToKind)}",
            }).ToList(), rightColumns: [3]);
        if (l.Input.Gas is { } gas)
        {
            y = p.Paragraph(20, y + 1, 170, string.Create(German, $"Umrechnung von m³ in kWh: Zustandszahl {gas.StateFactor:0.0000} × Brennwert {gas.CalorificValue:0.000} kWh/m³ = {gas.Factor:0.0000} kWh je m³."), Page.Regular(7.5));
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
        y = p.Summary(20, y + 1, 170, [("Summe netto", Euro(l.Bill.Net)), .. vat, ("Rechnungsbetrag brutto", Euro(l.Bill.Gross))]);
        y = p.Paragraph(20, y + 1, 170,
            "Die Preise enthalten die Netzentgelte einschließlich Messstellenbetrieb, die Konzessionsabgabe, die gesetzlichen Umlagen und die Strom- bzw. Energiesteuer; Preisänderungen gelten ab dem genannten Tag, der Verbrauch wird tagesgenau aufgeteilt.",
            Page.Regular(7));

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
            y = p.Paragraph(20, y, 170, note, Page.Regular(7.5)) + 1.2;
        }
    }

    private static decimal MeterUse(BillLetter l, LetterMeter m)
    {
        var use = m.ToValue - m.FromValue;
        var digits = l.Input.Meters.First(x => x.Number == m.Number).Digits;
        return use < 0 && digits is { } d ? use + (decimal)Math.Pow(10, d) : use;
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
        BillKind.FinalBill => "Sie sind ausgezogen oder haben den Vertrag beendet: Hier ist Ihre Schlussrechnung. Vielen Dank, dass Sie Kunde bei uns waren.",
        _ => l.Document.ReferencesBillId is null
            ? "hier ist Ihre Jahresabrechnung. Auf dieser Seite finden Sie das Wichtigste, auf der nächsten alle Einzelheiten."
            : "wir haben Ihre Rechnung korrigiert; sie ersetzt die frühere Rechnung dieses Zeitraums.",
    };

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
    private static string Name(BillLetter l) => l.Customer.Kind == Core.Customers.CustomerKind.Business
        ? l.Customer.CompanyName ?? l.Customer.DisplayName
        : string.Join(' ', new[] { l.Customer.FirstName, l.Customer.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));

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

    private static string Reading(decimal value) => value.ToString("#,##0.###", German);

    private static string Percent(decimal rate) => (rate * 100).ToString("0.##", German) + " %";

    private static string Masked(string iban) => iban.Length > 8 ? $"{iban[..4]} **** **** {iban[^4..]}" : iban;

    /// <summary>One page and its drawing, in millimetres from the top left.</summary>
    private sealed class Page(PdfPage page, BillLetter letter) : IDisposable
    {
        private const double PointsPerMillimetre = 72 / 25.4;
        private readonly XGraphics gfx = XGraphics.FromPdfPage(page);

        public static XFont Regular(double size) => new(EmbeddedFonts.Family, size, XFontStyleEx.Regular);

        public static XFont Bold(double size) => new(EmbeddedFonts.Family, size, XFontStyleEx.Bold);

        public void Text(double x, double y, string text, XFont font, XColor? color = null) =>
            gfx.DrawString(text, font, new XSolidBrush(color ?? XColors.Black), Mm(x), Mm(y));

        public void RightLines(double right, double y, IReadOnlyList<string> lines, XFont font)
        {
            foreach (var line in lines)
            {
                var width = gfx.MeasureString(line, font).Width;
                gfx.DrawString(line, font, XBrushes.Black, Mm(right) - width, Mm(y));
                y += 3.5;
            }
        }

        public void Lines(double x, double y, IReadOnlyList<string> lines, XFont font, double step)
        {
            foreach (var line in lines)
            {
                Text(x, y, line, font);
                y += step;
            }
        }

        public void Labels(double x, double y, IReadOnlyList<(string Label, string Value)> rows)
        {
            foreach (var (label, value) in rows)
            {
                Text(x, y, label, Regular(7), XColor.FromArgb(90, 103, 118));
                Text(x, y + 3.2, value, Regular(8.5));
                y += 7.4;
            }
        }

        public void Line(double x1, double y1, double x2, double y2) =>
            gfx.DrawLine(new XPen(XColor.FromArgb(190, 200, 210), 0.5), Mm(x1), Mm(y1), Mm(x2), Mm(y2));

        /// <summary>A QR code of <paramref name="size"/> mm.</summary>
        public void Qr(double x, double y, double size, bool[][] modules) => QrDrawing.Draw(gfx, Mm(x), Mm(y), Mm(size), modules);

        public void Box(double x, double y, double width, double height, XColor color) =>
            gfx.DrawRectangle(new XSolidBrush(color), Mm(x), Mm(y), Mm(width), Mm(height));

        public double Heading(double x, double y, string text)
        {
            Text(x, y + 4, text, Bold(9.5), Brand);
            Line(x, y + 5.5, x + 170, y + 5.5);
            return y + 9;
        }

        /// <summary>Label and value rows; returns the y below them.</summary>
        public double Summary(double x, double y, double width, IReadOnlyList<(string Label, string Value)> rows, bool valuesRight = true)
        {
            foreach (var (label, value) in rows)
            {
                var font = Regular(8.5);
                Text(x, y, label, font);
                if (valuesRight)
                {
                    var w = gfx.MeasureString(value, font).Width;
                    gfx.DrawString(value, font, XBrushes.Black, Mm(x + width) - w, Mm(y));
                    y += 4.4;
                }
                else
                {
                    // The value wraps in its column; its first line stands on the label's baseline.
                    var firstBaseline = font.Size * 1.3 / PointsPerMillimetre * 0.75;
                    y = Paragraph(x + 48, y - firstBaseline, width - 48, value, font) + firstBaseline + 1.0;
                }
            }

            return y;
        }

        /// <summary>A table with a header row; returns the y below it.</summary>
        public double Table(double x, double y, double[] widths, string[] header, IReadOnlyList<string[]> rows, int[] rightColumns)
        {
            var headFont = Bold(7);
            var font = Regular(7.5);
            Cells(x, y, widths, header, headFont, rightColumns);
            y += 4;
            foreach (var row in rows)
            {
                Cells(x, y, widths, row, font, rightColumns);
                Line(x, y + 1.2, x + widths.Sum(), y + 1.2);
                y += 4.2;
            }

            return y + 1;
        }

        private void Cells(double x, double y, double[] widths, string[] cells, XFont font, int[] rightColumns)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                if (rightColumns.Contains(i))
                {
                    var w = gfx.MeasureString(cells[i], font).Width;
                    gfx.DrawString(cells[i], font, XBrushes.Black, Mm(x + widths[i] - 1.5) - w, Mm(y));
                }
                else
                {
                    Text(x, y, cells[i], font);
                }

                x += widths[i];
            }
        }

        /// <summary>Text wrapped to <paramref name="width"/> mm, from the top at <paramref name="y"/>; returns the y below it.</summary>
        public double Paragraph(double x, double y, double width, string text, XFont font)
        {
            var lineHeight = font.Size * 1.3 / PointsPerMillimetre;
            foreach (var line in Wrap(text, font, width))
            {
                y += lineHeight;
                Text(x, y - (lineHeight * 0.25), line, font);
            }

            return y;
        }

        public double Measure(string text, XFont font, double width) => Wrap(text, font, width).Count * font.Size * 1.3 / PointsPerMillimetre;

        public void Footer(int number, int of)
        {
            var u = letter.Utility;
            var font = Regular(6.3);
            var grey = XColor.FromArgb(90, 103, 118);
            Line(20, 279, 190, 279);
            Text(20, 282.5, $"{u.Name} · {u.Street} · {u.PostalCode} {u.City} · Telefon {u.Phone} · {u.Email}", font, grey);
            Text(20, 285.3, $"Sitz und Registergericht: {u.RegisterCourt} {u.RegisterNumber} · USt-IdNr. {u.VatId} · {u.Management}", font, grey);
            Text(20, 288.1, $"Bankverbindung: {u.BankName} · IBAN {u.BankIban} · BIC {u.BankBic}", font, grey);
            var pageText = $"Seite {number} von {of}";
            var w = gfx.MeasureString(pageText, font).Width;
            gfx.DrawString(pageText, font, XBrushes.Black, Mm(190) - w, Mm(288.1));
        }

        public void Dispose() => gfx.Dispose();

        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > Mm(width))
                    {
                        lines.Add(line);
                        line = word;
                    }
                    else
                    {
                        line = candidate;
                    }
                }

                lines.Add(line);
            }

            return lines;
        }

        private static double Mm(double millimetres) => millimetres * PointsPerMillimetre;
    }
}
