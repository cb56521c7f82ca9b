using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>One page of a letter and its drawing, in millimetres from the top left; the supplier's data in the footer.</summary>
internal sealed class LetterPage(PdfPage page, UtilityProfile utility) : IDisposable
{
    public static readonly XColor Brand = XColor.FromArgb(10, 92, 138);
    public static readonly XColor Light = XColor.FromArgb(232, 241, 247);
    public static readonly XColor Muted = XColor.FromArgb(90, 103, 118);

    private const double PointsPerMillimetre = 72 / 25.4;
    private readonly XGraphics gfx = XGraphics.FromPdfPage(page);

    public static XFont Regular(double size) => new(EmbeddedFonts.Family, size, XFontStyleEx.Regular);

    public static XFont Bold(double size) => new(EmbeddedFonts.Family, size, XFontStyleEx.Bold);

    /// <summary>The letterhead, the address field of a DIN 5008 form-B window envelope (45 mm from the top, 20 mm from the left) and the reference block.</summary>
    public void Letterhead(IReadOnlyList<string> recipient, IReadOnlyList<(string Label, string Value)> references)
    {
        var u = utility;
        Text(20, 14, u.Name, Bold(15), Brand);
        Text(20, 21, "Kundenservice und Abrechnung", Regular(8), Muted);
        RightLines(190, 14, [u.Street, $"{u.PostalCode} {u.City}", $"Telefon {u.Phone}", u.Email, u.Portal], Regular(7.5));
        Text(20, 48, u.AddressLine, Regular(6.5), Muted);
        Line(20, 50.5, 105, 50.5);
        Lines(20, 55, recipient, Regular(10), 4.6);
        Labels(125, 50, references);
    }

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

    /// <summary>The reference block from <paramref name="x"/> to the right margin (190 mm); a value too long for it is set smaller, never past the margin.</summary>
    public void Labels(double x, double y, IReadOnlyList<(string Label, string Value)> rows)
    {
        var room = Mm(190 - x);
        foreach (var (label, value) in rows)
        {
            Text(x, y, label, Regular(7), XColor.FromArgb(90, 103, 118));
            var font = Regular(8.5);
            var width = gfx.MeasureString(value, font).Width;
            if (width > room)
            {
                font = Regular(Math.Max(6, Math.Floor(8.5 * room / width * 10) / 10));
            }

            Text(x, y + 3.2, value, font);
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
        var u = utility;
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
