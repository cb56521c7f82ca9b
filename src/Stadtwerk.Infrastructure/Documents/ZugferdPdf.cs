using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The hybrid e-invoice (ZUGFeRD 2.4 / Factur-X 1.08) as PDF/A-3b (ISO 19005-3): the bill letter (PDF 1.7, DejaVu Sans
/// embedded) with the CII XML embedded as FeRD's reference samples embed it (XRECHNUNG_Einfach_fx.pdf,
/// EN16931_Einfach_fx.pdf): for a public-sector buyer (with a Leitweg-ID) the XRechnung as <c>xrechnung.xml</c>
/// ("XRechnung Rechnung", fx:Version 3.0, fx:ConformanceLevel XRECHNUNG), for other businesses Factur-X EN 16931 as
/// <c>factur-x.xml</c> ("Factur-X Rechnung", fx:Version 1.0, fx:ConformanceLevel EN 16931). The embedded file has
/// the MIME type text/xml and /Params with /ModDate, /Size and /CheckSum; its file specification has /F, /UF, /Desc
/// and /AFRelationship /Alternative and is listed in the catalogue's /AF. With the sRGB output intent and XMP metadata
/// that declares PDF/A-3B and the Factur-X extension schema (fx: DocumentType INVOICE, DocumentFileName, Version,
/// ConformanceLevel), consistent with the Info dictionary. PDFsharp writes its own XMP on save; <see cref="PdfA3"/>
/// replaces it by an incremental update.
/// </summary>
public static class ZugferdPdf
{
    public const string FacturXAttachmentName = "factur-x.xml";

    public const string XRechnungAttachmentName = "xrechnung.xml";

    /// <summary>What the hybrid PDF of <paramref name="letter"/> embeds: name, description, fx:Version and fx:ConformanceLevel.</summary>
    public static (string Name, string Description, string Version, string ConformanceLevel) Attachment(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // A public-sector buyer (with a Leitweg-ID) gets the XRechnung inside (ZUGFeRD profile XRECHNUNG, XRechnung 3.0), others EN 16931.
        return letter.Customer.LeitwegId is not null
            ? (XRechnungAttachmentName, "XRechnung Rechnung", "3.0", "XRECHNUNG")
            : (FacturXAttachmentName, "Factur-X Rechnung", "1.0", "EN 16931");
    }

    /// <summary>The Factur-X PDF/A extension schema (Factur-X 1.08, ZUGFeRD 2.x) with the values of a profile.</summary>
    private static XmpExtension FacturX(string fileName, string version, string conformanceLevel) => new(
        "Factur-X PDFA Extension Schema",
        "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#",
        "fx",
        [
            new("DocumentFileName", "The name of the embedded XML document", fileName),
            new("DocumentType", "The type of the hybrid document in capital letters, e.g. INVOICE or ORDER", "INVOICE"),
            new("Version", "The actual version of the standard applying to the embedded XML document", version),
            new("ConformanceLevel", "The conformance level of the embedded XML document", conformanceLevel),
        ]);

    public static byte[] Render(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var attachment = Attachment(letter);
        var xrechnung = attachment.Name == XRechnungAttachmentName;
        var xml = Encoding.UTF8.GetBytes(EInvoice.Write(letter, xrechnung ? EInvoiceProfile.XRechnung : EInvoiceProfile.FacturX));
        using var document = PdfReader.Open(new MemoryStream(BillLetterPdf.Render(letter)), PdfDocumentOpenMode.Modify);
        document.AddEmbeddedFile(attachment.Name, new MemoryStream(xml));

        // The file specification says what the XML is to the invoice (PDF/A-3: /AFRelationship, /AF in the catalogue).
        var names = document.Internals.Catalog.Elements.GetDictionary("/Names");
        var embedded = names?.Elements.GetDictionary("/EmbeddedFiles");
        var pairs = embedded?.Elements.GetArray("/Names");
        if (pairs is not null && pairs.Elements.Count >= 2 && pairs.Elements.GetReference(1)?.Value is PdfDictionary fileSpec)
        {
            fileSpec.Elements.SetName("/AFRelationship", "/Alternative");
            fileSpec.Elements.SetString("/Desc", attachment.Description);
            fileSpec.Elements.SetString("/UF", attachment.Name);
            var af = new PdfArray(document);
            af.Elements.Add(fileSpec.Reference ?? (PdfItem)fileSpec);
            document.Internals.Catalog.Elements["/AF"] = af;
            if (fileSpec.Elements.GetDictionary("/EF")?.Elements.GetReference("/F")?.Value is PdfDictionary stream)
            {
                // The MIME type as a name: text/xml, the solidus written #2F (ISO 32000-1, 7.3.5). PDFsharp's SetName would
                // escape the # itself (text#232Fxml, a type "text#2Fxml"), so the name is written as it stands.
                stream.Elements["/Subtype"] = new PdfLiteral("/text#2Fxml");
                var parameters = new PdfDictionary(document);
                parameters.Elements.SetString("/ModDate", PdfA3.PdfDate(letter.Document.CreatedAt));
                parameters.Elements.SetInteger("/Size", xml.Length);
                // The 16-byte MD5 of the file (ISO 32000-1, 7.11.4.2), as a hexadecimal string.
#pragma warning disable CA5351 // ISO 32000 names MD5 for this integrity checksum; nothing here is secret or signed.
                parameters.Elements["/CheckSum"] = new PdfLiteral("<" + Convert.ToHexString(System.Security.Cryptography.MD5.HashData(xml)) + ">");
#pragma warning restore CA5351
                stream.Elements["/Params"] = parameters;
            }
        }

        PdfA3.Prepare(document, letter.Document.CreatedAt);
        using var output = new MemoryStream();
        PdfOutput.SaveCompressed(document, output);
        PdfA3.AppendMetadata(output, document, letter.Document.CreatedAt, FacturX(attachment.Name, attachment.Version, attachment.ConformanceLevel));
        return output.ToArray();
    }
}
