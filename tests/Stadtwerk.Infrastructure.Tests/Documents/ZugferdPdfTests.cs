using System.Text.RegularExpressions;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>
/// The hybrid e-invoice embeds its XML as FeRD's reference samples do (shared/schemas/samples): the XRechnung of a
/// public-sector buyer as xrechnung.xml like XRECHNUNG_Einfach_fx.pdf, Factur-X EN 16931 as factur-x.xml like
/// EN16931_Einfach_fx.pdf. Both files are rewritten by qpdf (QDF, names and objects normalised) and compared entry by entry.
/// </summary>
public sealed partial class ZugferdPdfTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "zugferd");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("04011000-1234512345-06", "XRECHNUNG_Einfach_fx.pdf", "xrechnung.xml", "XRECHNUNG")]
    [InlineData(null, "EN16931_Einfach_fx.pdf", "factur-x.xml", "EN 16931")]
    public async Task The_attachment_and_its_metadata_are_those_of_the_FeRD_sample(string? leitwegId, string sample, string name, string conformanceLevel)
    {
        var letter = BillLetterPdfTests.Letter("electricity", business: true, BillKind.AnnualBill, withMandate: true, estimatedEnd: false, leitwegId: leitwegId);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, Path.GetFileNameWithoutExtension(name) + ".pdf");
        var pdf = ZugferdPdf.Render(letter);
        await File.WriteAllBytesAsync(file, pdf, Ct);
        ZugferdPdf.Attachment(letter).Name.ShouldBe(name);

        var ours = await DescribeAsync(file);
        var theirs = await DescribeAsync(Path.Combine(SharedFiles.Root, "schemas", "samples", sample));
        ours.ShouldBe(theirs);
        ours["/F"].ShouldBe($"({name})");
        ours["/UF"].ShouldBe($"({name})");
        ours["/AFRelationship"].ShouldBe("/Alternative");
        ours["/Subtype"].ShouldBe("/text#2fxml");
        ours["fx:DocumentFileName"].ShouldBe(name);
        ours["fx:ConformanceLevel"].ShouldBe(conformanceLevel);

        // The attachment as a reader lists it: one file, MIME type text/xml, its size and checksum.
        var listed = await PdfTools.RunAsync("qpdf", "--list-attachments", "--verbose", file);
        listed.ShouldStartWith($"{name} -> ");
        listed.ShouldContain("mime type: text/xml");
        listed.ShouldContain($"description: {ours["/Desc"][1..^1]}");
        (await PdfTools.RunAsync("pdfdetach", "-list", file)).ShouldContain($"1: {name}");
        var xml = await PdfTools.RunAsync("qpdf", $"--show-attachment={name}", file);
        xml.ShouldContain(leitwegId is null ? EInvoice.FacturXGuideline + "<" : EInvoice.XRechnungGuideline);
    }

    /// <summary>The file specification of the XML, its embedded file's MIME type and the fx: values of the XMP, from qpdf's QDF form.</summary>
    private static async Task<SortedDictionary<string, string>> DescribeAsync(string pdf)
    {
        var qdf = Path.Combine(Folder, Path.GetFileNameWithoutExtension(pdf) + ".qdf.pdf");
        await PdfTools.RunAsync("qpdf", "--qdf", "--object-streams=disable", pdf, qdf);
        var text = System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(qdf, Ct));
        var spec = FileSpecs().Matches(text).Select(m => m.Value).Single(s => s.Contains(".xml)", StringComparison.Ordinal));
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        // The entries of the file specification itself, two spaces in; those of /EF are four spaces in.
        foreach (var key in new[] { "/AFRelationship", "/Desc", "/F", "/UF" })
        {
            values[key] = Regex.Match(spec, $@"^  {key} (.+)$", RegexOptions.Multiline).Groups[1].Value.Trim();
        }

        values["/Subtype"] = EmbeddedFileSubtype().Match(text).Groups[1].Value;
        foreach (Match property in FxValues().Matches(text))
        {
            values["fx:" + property.Groups[1].Value] = property.Groups[2].Value;
        }

        return values;
    }

    [GeneratedRegex(@"<<(?:(?!endobj).)*?/Type /Filespec(?:(?!endobj).)*?>>\s*endobj", RegexOptions.Singleline)]
    private static partial Regex FileSpecs();

    [GeneratedRegex(@"/Subtype (/text\S*)\s+/Type /EmbeddedFile")]
    private static partial Regex EmbeddedFileSubtype();

    [GeneratedRegex(@"<fx:(\w+)>([^<]*)</fx:\1>")]
    private static partial Regex FxValues();
}
