using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The hybrid e-invoice (ZUGFeRD 2.4 / Factur-X 1.08, profile EN 16931) as PDF/A-3b (ISO 19005-3): the bill letter
/// (PDF 1.7, DejaVu Sans embedded) with the CII XML embedded as <c>factur-x.xml</c> (MIME type text/xml, /Params
/// with /ModDate, file specification with /F, /UF, /Desc and /AFRelationship /Alternative, listed in the catalogue's
/// /AF), the sRGB output intent and XMP metadata that declares PDF/A-3B and the Factur-X extension schema
/// (fx: DocumentType INVOICE, DocumentFileName, Version 1.0, ConformanceLevel EN 16931), consistent with the Info
/// dictionary. PDFsharp writes its own XMP on save; <see cref="PdfA3"/> replaces it by an incremental update.
/// </summary>
public static class ZugferdPdf
{
    public const string AttachmentName = "factur-x.xml";

    /// <summary>The Factur-X PDF/A extension schema (Factur-X 1.08, ZUGFeRD 2.x) with the values of a profile.</summary>
    private static XmpExtension FacturX(string conformanceLevel) => new(
        "Factur-X PDFA Extension Schema",
        "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
        "fx",
        [
            new("DocumentFileName", "The name of the embedded XML document", AttachmentName),
            new("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER", "INVOICE"),
            new("Version", "The actual version of the standard applying to the embedded XML document", "1.0"),
            new("ConformanceLevel", "The conformance level of the embedded XML document", conformanceLevel),
        ]);

    public static byte[] Render(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // A public-sector buyer (with a Leitweg-ID) gets the XRechnung inside (ZUGFeRD profile XRECHNUNG), others EN 16931.
        var xrechnung = letter.Customer.LeitwegId is not null;
        var xml = Encoding.UTF8.GetBytes(EInvoice.Write(letter, xrechnung ? EInvoiceProfile.XRechnung : EInvoiceProfile.FacturX));
        using var document = PdfReader.Open(new MemoryStream(BillLetterPdf.Render(letter)), PdfDocumentOpenMode.Modify);
        document.AddEmbeddedFile(AttachmentName, new MemoryStream(xml));

        // The file specification says what the XML is to the invoice (PDF/A-3: /AFRelationship, /AF in the catalogue).
        var names = document.Internals.Catalog.Elements.GetDictionary("/Names");
        var embedded = names?.Elements.GetDictionary("/EmbeddedFiles");
        var pairs = embedded?.Elements.GetArray("/Names");
        if (pairs is not null && pairs.Elements.Count >= 2 && pairs.Elements.GetReference(1)?.Value is PdfDictionary fileSpec)
        {
            fileSpec.Elements.SetName("/AFRelationship", "/Alternative");
            fileSpec.Elements.SetString("/Desc", xrechnung ? "XRechnung (ZUGFeRD profile XRECHNUNG)" : "Factur-X/ZUGFeRD invoice (EN 16931)");
            fileSpec.Elements.SetString("/UF", AttachmentName);
            var af = new PdfArray(document);
            af.Elements.Add(fileSpec.Reference ?? (PdfItem)fileSpec);
            document.Internals.Catalog.Elements["/AF"] = af;
            if (fileSpec.Elements.GetDictionary("/EF")?.Elements.GetReference("/F")?.Value is PdfDictionary stream)
            {
                stream.Elements.SetName("/Subtype", "/text#2Fxml");
                var parameters = new PdfDictionary(document);
                parameters.Elements.SetString("/ModDate", PdfA3.PdfDate(letter.Document.CreatedAt));
                parameters.Elements.SetInteger("/Size", xml.Length);
                stream.Elements["/Params"] = parameters;
            }
        }

        PdfA3.Prepare(document, letter.Document.CreatedAt);
        using var output = new MemoryStream();
        PdfOutput.SaveCompressed(document, output);
        PdfA3.AppendMetadata(output, document, letter.Document.CreatedAt, FacturX(xrechnung ? "XRECHNUNG" : "EN 16931"));
        return output.ToArray();
    }
}
