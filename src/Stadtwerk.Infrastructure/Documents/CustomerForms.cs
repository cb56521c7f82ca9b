using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>The forms a customer fills in by hand and returns by post or fax.</summary>
public enum FormKind
{
    /// <summary>New bank account with a SEPA direct-debit mandate (Bankverbindung und SEPA-Lastschriftmandat).</summary>
    BankChange,

    /// <summary>Moving out or in (Umzugsmeldung), with the final reading.</summary>
    MoveReport,

    /// <summary>The meter-reading card (Ablesekarte).</summary>
    ReadingCard,

    /// <summary>A new installment amount (Abschlagsänderung).</summary>
    InstallmentChange,
}

/// <summary>
/// The code on every form (printed as QR code and as text): form kind, customer and contract, so that a returned
/// scan or fax is routed to the right customer and case without typing, e.g. <c>STW1|BANK|K1000001|C3000001</c>.
/// </summary>
public sealed record FormCode(FormKind Kind, string CustomerNumber, string ContractNumber)
{
    private const string Prefix = "STW1";

    public override string ToString() => string.Join('|', Prefix, Token(Kind), CustomerNumber, ContractNumber);

    public static FormCode? Parse(string? text)
    {
        var parts = (text ?? string.Empty).Trim().Split('|');
        if (parts.Length != 4 || parts[0] != Prefix || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return null;
        }

        FormKind? kind = parts[1] switch
        {
            "BANK" => FormKind.BankChange,
            "MOVE" => FormKind.MoveReport,
            "READ" => FormKind.ReadingCard,
            "INST" => FormKind.InstallmentChange,
            _ => null,
        };
        return kind is { } k ? new FormCode(k, parts[2], parts[3]) : null;
    }

    public static bool TryParseKind(string? text, out FormKind kind)
    {
        (var known, kind) = text?.ToLowerInvariant() switch
        {
            "bank-change" or "bankchange" => (true, FormKind.BankChange),
            "move-report" or "movereport" => (true, FormKind.MoveReport),
            "reading-card" or "readingcard" => (true, FormKind.ReadingCard),
            "installment-change" or "installmentchange" => (true, FormKind.InstallmentChange),
            _ => (false, FormKind.BankChange),
        };
        return known;
    }

    private static string Token(FormKind kind) => kind switch
    {
        FormKind.BankChange => "BANK",
        FormKind.MoveReport => "MOVE",
        FormKind.ReadingCard => "READ",
        _ => "INST",
    };
}

/// <summary>Prefilled forms for post and fax (PDF, A4): the customer's name, numbers and address, the form code as QR code, fields to fill in by hand.</summary>
public sealed class CustomerForms(StadtwerkDbContext db, UtilityProfile utility, SepaSettings sepa)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public Task<(FormCode Code, byte[] Pdf)?> RenderAsync(string contractNumber, FormKind kind, CancellationToken ct) => RenderAsync(contractNumber, kind, null, ct);

    /// <summary>The form with an <paramref name="instruction"/> above the fields (a reading campaign's day and deadline).</summary>
    public async Task<(FormCode Code, byte[] Pdf)?> RenderAsync(string contractNumber, FormKind kind, string? instruction, CancellationToken ct) =>
        (await RenderManyAsync([contractNumber], kind, instruction, ct)).TryGetValue(contractNumber, out var form) ? form : null;

    /// <summary>
    /// The forms of several contracts (a campaign's reading cards), by contract number, loaded set-based: four queries
    /// for all of them; contracts that do not exist are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (FormCode Code, byte[] Pdf)>> RenderManyAsync(IReadOnlyCollection<string> contractNumbers, FormKind kind, string? instruction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(contractNumbers);
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractNumbers.Contains(c.ContractNumber)).ToListAsync(ct);
        var customerIds = contracts.Select(c => c.CustomerId).Distinct().ToList();
        var premiseIds = contracts.Select(c => c.PremiseId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var premises = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var meters = (await db.Meters.AsNoTracking().Where(m => premiseIds.Contains(m.PremiseId) && m.RemovedOn == null)
                .Select(m => new { m.PremiseId, m.MeterNumber }).ToListAsync(ct))
            .ToLookup(m => m.PremiseId, m => m.MeterNumber);
        var forms = new Dictionary<string, (FormCode Code, byte[] Pdf)>(StringComparer.Ordinal);
        foreach (var contract in contracts)
        {
            var (customer, premise) = (customers[contract.CustomerId], premises[contract.PremiseId]);
            var code = new FormCode(kind, customer.CustomerNumber, contract.ContractNumber);
            var supply = $"{premise.Address.Street} {premise.Address.HouseNumber}, {premise.Address.PostalCode} {premise.Address.City}";
            forms[contract.ContractNumber] = (code, Render(code, customer, contract, supply, [.. meters[premise.Id]], instruction));
        }

        return forms;
    }

    private byte[] Render(FormCode code, Customer customer, Contract contract, string supplyAddress, IReadOnlyList<string> meters, string? instruction)
    {
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = Title(code.Kind);
        document.Info.Author = utility.Name;
        var page = document.AddPage();
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            var f = new FormDrawing(gfx);
            f.Text(20, 16, utility.Name, 14, bold: true);
            f.Text(20, 22, $"{utility.Street} · {utility.PostalCode} {utility.City} · Telefon {utility.Phone}", 7.5);
            f.Text(20, 26, $"Fax {utility.Fax} · {utility.Email}", 7.5);
            f.Qr(166, 10, 24, GiroCode.Modules(code.ToString()));
            f.Text(140, 38, $"Formularcode {code}", 5.5);

            f.Text(20, 48, utility.AddressLine, 6.5);
            var name = customer.Kind == CustomerKind.Business ? customer.CompanyName ?? customer.DisplayName : $"{customer.FirstName} {customer.LastName}";
            f.Text(20, 55, name, 10);
            f.Text(20, 60, $"{customer.Address.Street} {customer.Address.HouseNumber}", 10);
            f.Text(20, 65, $"{customer.Address.PostalCode} {customer.Address.City}", 10);
            f.Text(125, 52, $"Kundennummer: {customer.CustomerNumber}", 8.5);
            f.Text(125, 57, $"Vertrag: {contract.ContractNumber}", 8.5);
            f.Text(125, 62, $"Vertragskonto: {contract.ContractAccountNumber}", 8.5);
            f.Text(125, 67, $"Lieferstelle: {supplyAddress}", 7.5);

            f.Text(20, 92, Title(code.Kind), 14, bold: true);
            var y = 100.0;
            if (instruction is not null)
            {
                y = f.Paragraph(20, y, instruction) + 2;
            }

            switch (code.Kind)
            {
                case FormKind.BankChange:
                    y = f.Paragraph(20, y, "Bitte buchen Sie die Abschläge und Rechnungsbeträge ab sofort von diesem Konto ab.");
                    y = f.Field(20, y + 4, "Kontoinhaber");
                    y = f.Boxes(20, y + 2, "IBAN", 22);
                    y = f.Field(20, y + 2, "BIC (nur bei Konten außerhalb Deutschlands)");
                    y = f.Field(20, y + 2, "Kreditinstitut");
                    var creditor = sepa.Creditor().Value?.Id.Value ?? "wird mitgeteilt";
                    y = f.Paragraph(20, y + 6, $"SEPA-Lastschriftmandat: Ich ermächtige {utility.Name} (Gläubiger-Identifikationsnummer {creditor}), Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die von {utility.Name} auf mein Konto gezogenen Lastschriften einzulösen. Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen. Die Mandatsreferenz teilen wir Ihnen gesondert mit.");
                    break;
                case FormKind.MoveReport:
                    y = f.Paragraph(20, y, $"Ich ziehe aus der Lieferstelle {supplyAddress} aus.");
                    y = f.Field(20, y + 4, "Auszugsdatum (letzter Liefertag)");
                    y = MeterRows(f, y + 4, meters, "Zählerstand am Auszugstag");
                    y = f.Field(20, y + 4, "Neue Anschrift (Straße, Hausnummer)");
                    y = f.Field(20, y + 2, "Postleitzahl und Ort");
                    y = f.Field(20, y + 2, "Nachmieter oder Eigentümer (falls bekannt)");
                    y = f.Paragraph(20, y + 4, "Möchten Sie an der neuen Adresse weiter von uns beliefert werden? Kreuzen Sie an:  [ ] ja   [ ] nein");
                    break;
                case FormKind.ReadingCard:
                    y = f.Paragraph(20, y, "Bitte lesen Sie Ihren Zähler ab und tragen Sie den Stand mit dem Ablesedatum ein (nur die Zahlen vor dem Komma).");
                    y = MeterRows(f, y + 4, meters, "Zählerstand");
                    y = f.Field(20, y + 4, "Ablesedatum");
                    break;
                default:
                    var amount = contract.InstallmentPlan is { } plan ? plan.Amount.ToString("N2", German) + " €" : "kein Abschlag vereinbart";
                    y = f.Paragraph(20, y, $"Ihr monatlicher Abschlag beträgt zurzeit {amount}. Wir ändern ihn ab dem nächsten Abschlag, der noch nicht eingezogen ist.");
                    y = f.Field(20, y + 4, "Neuer Abschlag in ganzen Euro");
                    y = f.Field(20, y + 2, "Grund (z. B. weniger Personen im Haushalt, neue Geräte)");
                    break;
            }

            y = f.Field(20, y + 10, "Ort, Datum");
            f.Field(20, y + 2, "Unterschrift");
            f.Text(20, 258, $"Zurück an: {utility.AddressLine}", 7.5);
            f.Text(20, 262, $"oder per Fax an {utility.Fax}, oder als Scan an {utility.Email}.", 7.5);
            f.Text(20, 267, "Den Code oben rechts bitte nicht abdecken: Er ordnet das Formular Ihrem Vertrag zu.", 7.5);
            f.Text(20, 284, $"{utility.Name} · {utility.RegisterCourt} {utility.RegisterNumber} · USt-IdNr. {utility.VatId}", 6.3);
        }

        return PdfOutput.Save(document);
    }

    private static double MeterRows(FormDrawing f, double y, IReadOnlyList<string> meters, string label)
    {
        foreach (var meter in meters.DefaultIfEmpty("(Zählernummer)"))
        {
            f.Text(20, y + 4, $"Zähler {meter}", 9);
            y = f.Boxes(70, y, label, 8);
        }

        return y;
    }

    public static string Title(FormKind kind) => kind switch
    {
        FormKind.BankChange => "Bankverbindung ändern und SEPA-Lastschriftmandat",
        FormKind.MoveReport => "Umzugsmeldung",
        FormKind.ReadingCard => "Ablesekarte",
        _ => "Abschlag ändern",
    };

    private sealed class FormDrawing(XGraphics gfx)
    {
        private const double PointsPerMillimetre = 72 / 25.4;

        public void Text(double x, double y, string text, double size, bool bold = false) =>
            gfx.DrawString(text, new XFont(EmbeddedFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular), XBrushes.Black, Mm(x), Mm(y));

        public double Paragraph(double x, double y, string text)
        {
            var font = new XFont(EmbeddedFonts.Family, 8.5, XFontStyleEx.Regular);
            var line = string.Empty;
            foreach (var word in text.Split(' '))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > Mm(170))
                {
                    y += 4.2;
                    gfx.DrawString(line, font, XBrushes.Black, Mm(x), Mm(y));
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            y += 4.2;
            gfx.DrawString(line, font, XBrushes.Black, Mm(x), Mm(y));
            return y;
        }

        /// <summary>A label and a line to write on; returns the y below it.</summary>
        public double Field(double x, double y, string label)
        {
            Text(x, y + 3, label, 7.5);
            gfx.DrawLine(new XPen(XColors.Black, 0.6), Mm(x), Mm(y + 11), Mm(x + 170), Mm(y + 11));
            return y + 12;
        }

        /// <summary>A label and <paramref name="count"/> boxes for one character each (IBAN, readings).</summary>
        public double Boxes(double x, double y, string label, int count)
        {
            Text(x, y + 3, label, 7.5);
            var size = Math.Min(7, 120.0 / count);
            for (var i = 0; i < count; i++)
            {
                gfx.DrawRectangle(new XPen(XColors.Black, 0.6), Mm(x + (i * size)), Mm(y + 4.5), Mm(size), Mm(7));
            }

            return y + 13;
        }

        public void Qr(double x, double y, double size, bool[][] modules) => QrDrawing.Draw(gfx, Mm(x), Mm(y), Mm(size), modules);

        private static double Mm(double millimetres) => millimetres * PointsPerMillimetre;
    }
}
