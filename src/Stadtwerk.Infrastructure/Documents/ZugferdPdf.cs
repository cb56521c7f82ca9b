using System.Globalization;
using System.Text;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The hybrid e-invoice (ZUGFeRD 2.4 / Factur-X 1.08, profile EN 16931): the bill letter as PDF, fonts embedded, with
/// the CII XML embedded as <c>factur-x.xml</c> (relationship Alternative, referenced from the catalogue's /AF).
/// Not yet: the PDF/A-3 XMP metadata with the Factur-X extension schema and the output intent (PDFsharp writes its
/// own XMP on save), so strict PDF/A-3 validators will object.
/// </summary>
public static class ZugferdPdf
{
    public const string AttachmentName = "factur-x.xml";

    public static byte[] Render(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var xml = Encoding.UTF8.GetBytes(EInvoice.Write(letter, EInvoiceProfile.FacturX));
        using var document = PdfReader.Open(new MemoryStream(BillLetterPdf.Render(letter)), PdfDocumentOpenMode.Modify);
        document.AddEmbeddedFile(AttachmentName, new MemoryStream(xml));

        // The file specification says what the XML is to the invoice (PDF/A-3: /AFRelationship, /AF in the catalogue).
        var names = document.Internals.Catalog.Elements.GetDictionary("/Names");
        var embedded = names?.Elements.GetDictionary("/EmbeddedFiles");
        var pairs = embedded?.Elements.GetArray("/Names");
        if (pairs is not null && pairs.Elements.Count >= 2 && pairs.Elements.GetReference(1)?.Value is PdfDictionary fileSpec)
        {
            fileSpec.Elements.SetName("/AFRelationship", "/Alternative");
            fileSpec.Elements.SetString("/Desc", "Factur-X/ZUGFeRD invoice (EN 16931)");
            fileSpec.Elements.SetString("/UF", AttachmentName);
            var af = new PdfArray(document);
            af.Elements.Add(fileSpec.Reference ?? (PdfItem)fileSpec);
            document.Internals.Catalog.Elements["/AF"] = af;
            if (fileSpec.Elements.GetDictionary("/EF")?.Elements.GetReference("/F")?.Value is PdfDictionary stream)
            {
                stream.Elements.SetName("/Subtype", "/text#2Fxml");
                var parameters = new PdfDictionary(document);
                parameters.Elements.SetString("/ModDate", "D:" + letter.Document.CreatedAt.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z");
                parameters.Elements.SetInteger("/Size", xml.Length);
                stream.Elements["/Params"] = parameters;
            }
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }
}
