using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using PdfSharp.Pdf;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// What PDFsharp 6.2.4 leaves out of a PDF/A-3b (ISO 19005-3) file, in two steps around <see cref="PdfDocument.Save(Stream, bool)"/>:
/// <see cref="Prepare"/> before it sets the Info dates and adds the output intent (sRGB, the ICC profile shipped in
/// Documents/Color with its licence); <see cref="AppendMetadata"/> after it replaces the XMP metadata, which PDFsharp
/// generates anew in every save (without the PDF/A identification and without a way to add to it), by an incremental
/// update (ISO 32000-1, 7.5.6): the metadata object again under its own number, one cross-reference entry and a
/// trailer with /Prev. The XMP states PDF/A-3B, repeats the Info dictionary (title, author, subject, creator,
/// producer, dates) and may carry one extension schema with its properties (Factur-X).
/// </summary>
internal static class PdfA3
{
    public const string OutputCondition = "sRGB IEC61966-2.1";

    /// <summary>The sRGB profile, zlib-compressed once (with its Adler-32 checksum, which PDFsharp's own Flate encoder leaves out).</summary>
    private static readonly byte[] Srgb = LoadProfile();

    private static readonly XNamespace X = "adobe:ns:meta/";
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace Pdf = "http://ns.adobe.com/pdf/1.3/";
    private static readonly XNamespace PdfAId = "http://www.aiim.org/pdfa/ns/id/";
    private static readonly XNamespace PdfAExtension = "http://www.aiim.org/pdfa/ns/extension/";
    private static readonly XNamespace PdfASchema = "http://www.aiim.org/pdfa/ns/schema#";
    private static readonly XNamespace PdfAProperty = "http://www.aiim.org/pdfa/ns/property#";

    /// <summary>Before saving: PDF 1.7, creation and modification date in the Info dictionary, the sRGB output intent.</summary>
    public static void Prepare(PdfDocument document, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Version < 17)
        {
            document.Version = 17;
        }

        // As strings, in UTC: PDFsharp writes a DateTime with the machine's offset whatever its kind.
        document.Info.Elements.SetString("/CreationDate", PdfDate(timestamp));
        document.Info.Elements.SetString("/ModDate", PdfDate(timestamp));

        var profile = new PdfDictionary(document);
        document.Internals.AddObject(profile);
        profile.CreateStream((byte[])Srgb.Clone());
        profile.Elements.SetName("/Filter", "/FlateDecode");
        profile.Elements.SetInteger("/N", 3);
        var intent = new PdfDictionary(document);
        intent.Elements.SetName("/Type", "/OutputIntent");
        intent.Elements.SetName("/S", "/GTS_PDFA1");
        intent.Elements.SetString("/OutputConditionIdentifier", OutputCondition);
        intent.Elements.SetString("/RegistryName", "http://www.color.org");
        intent.Elements.SetString("/Info", OutputCondition);
        intent.Elements.SetReference("/DestOutputProfile", profile);
        document.Internals.Catalog.Elements["/OutputIntents"] = new PdfArray(document, intent);
    }

    /// <summary>
    /// After saving <paramref name="document"/> into <paramref name="output"/>: appends the PDF/A-3B metadata as an
    /// incremental update of the catalogue's metadata object.
    /// </summary>
    public static void AppendMetadata(MemoryStream output, PdfDocument document, DateTimeOffset timestamp, XmpExtension? extension = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(document);
        var metadata = document.Internals.Catalog.Elements.GetReference("/Metadata")
            ?? throw new InvalidOperationException("PDFsharp wrote no /Metadata into the catalogue.");
        var xmp = Metadata(document.Info, timestamp, extension);

        var pdf = output.GetBuffer().AsSpan(0, (int)output.Length);
        var startxref = pdf.LastIndexOf("startxref"u8);
        var trailer = startxref < 0 ? -1 : pdf[..startxref].LastIndexOf("trailer"u8);
        if (trailer < 0)
        {
            throw new InvalidOperationException("The saved PDF ends without a trailer and startxref.");
        }

        var section = pdf[trailer..startxref];
        var open = section.IndexOf("<<"u8);
        var close = section.LastIndexOf(">>"u8);
        if (open < 0 || close < open || section.IndexOf("/Prev"u8) >= 0)
        {
            throw new InvalidOperationException("The saved PDF's trailer is not the single one PDFsharp writes.");
        }

        // The previous trailer's entries stay (Size, Root, Info, ID), /Prev points at the previous cross-reference table.
        var dictionary = Encoding.Latin1.GetString(section[open..close]);
        var previous = long.Parse(Encoding.Latin1.GetString(pdf[(startxref + "startxref".Length)..]).Split('\n', '\r', StringSplitOptions.RemoveEmptyEntries)[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture);

        output.Seek(0, SeekOrigin.End);
        if (pdf[^1] != (byte)'\n')
        {
            output.WriteByte((byte)'\n');
        }

        var offset = output.Position;
        var (number, generation) = (metadata.ObjectNumber, metadata.GenerationNumber);
        Write(output, string.Create(CultureInfo.InvariantCulture, $"{number} {generation} obj\n<</Type/Metadata/Subtype/XML/Length {xmp.Length}>>\nstream\n"));
        output.Write(xmp);
        Write(output, "\nendstream\nendobj\n");
        var xref = output.Position;
        Write(output, string.Create(CultureInfo.InvariantCulture, $"xref\n{number} 1\n{offset:D10} {generation:D5} n\r\ntrailer\n{dictionary}/Prev {previous}>>\nstartxref\n{xref}\n%%EOF\n"));
    }

    /// <summary>A PDF date string (ISO 32000-1, 7.9.4) in UTC.</summary>
    public static string PdfDate(DateTimeOffset timestamp) =>
        "D:" + timestamp.ToUniversalTime().ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "+00'00'";

    /// <summary>The XMP packet: PDF/A identification, the Info dictionary's entries, the extension schema and its values.</summary>
    public static byte[] Metadata(PdfDocumentInformation info, DateTimeOffset timestamp, XmpExtension? extension)
    {
        ArgumentNullException.ThrowIfNull(info);
        var date = timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        var descriptions = new List<XElement>
        {
            Description("pdfaid", PdfAId, new XElement(PdfAId + "part", "3"), new XElement(PdfAId + "conformance", "B")),
            Description("dc", Dc,
                Alt(Dc + "title", info.Title),
                info.Author.Length == 0 ? null : new XElement(Dc + "creator", new XElement(Rdf + "Seq", new XElement(Rdf + "li", info.Author))),
                Alt(Dc + "description", info.Subject)),
            Description("xmp", Xmp,
                Text(Xmp + "CreatorTool", info.Creator),
                new XElement(Xmp + "CreateDate", date),
                new XElement(Xmp + "ModifyDate", date)),
            Description("pdf", Pdf, Text(Pdf + "Producer", info.Producer), Text(Pdf + "Keywords", info.Keywords)),
        };
        if (extension is not null)
        {
            descriptions.Add(Schema(extension));
            descriptions.Add(Description(extension.Prefix, extension.NamespaceUri,
                extension.Properties.Select(p => new XElement(XName.Get(p.Name, extension.NamespaceUri), p.Value))));
        }

        var packet = new XDocument(
            new XProcessingInstruction("xpacket", "begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\""),
            new XElement(X + "xmpmeta", new XAttribute(XNamespace.Xmlns + "x", X),
                new XElement(Rdf + "RDF", new XAttribute(XNamespace.Xmlns + "rdf", Rdf), descriptions)),
            new XProcessingInstruction("xpacket", "end=\"w\""));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { OmitXmlDeclaration = true, Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" }))
        {
            packet.Save(writer);
        }

        return buffer.ToArray();
    }

    private static XElement Schema(XmpExtension extension) =>
        Description("pdfaExtension", PdfAExtension,
            new XAttribute(XNamespace.Xmlns + "pdfaSchema", PdfASchema),
            new XAttribute(XNamespace.Xmlns + "pdfaProperty", PdfAProperty),
            new XElement(PdfAExtension + "schemas", new XElement(Rdf + "Bag", new XElement(Rdf + "li", new XAttribute(Rdf + "parseType", "Resource"),
                new XElement(PdfASchema + "schema", extension.Schema),
                new XElement(PdfASchema + "namespaceURI", extension.NamespaceUri),
                new XElement(PdfASchema + "prefix", extension.Prefix),
                new XElement(PdfASchema + "property", new XElement(Rdf + "Seq", extension.Properties.Select(p =>
                    new XElement(Rdf + "li", new XAttribute(Rdf + "parseType", "Resource"),
                        new XElement(PdfAProperty + "name", p.Name),
                        new XElement(PdfAProperty + "valueType", "Text"),
                        new XElement(PdfAProperty + "category", "external"),
                        new XElement(PdfAProperty + "description", p.Description)))))))));

    private static XElement Description(string prefix, XNamespace ns, params object?[] content) =>
        new(Rdf + "Description", new XAttribute(Rdf + "about", ""), new XAttribute(XNamespace.Xmlns + prefix, ns), content);

    private static XElement? Text(XName name, string value) => value.Length == 0 ? null : new XElement(name, value);

    private static XElement? Alt(XName name, string value) => value.Length == 0
        ? null
        : new XElement(name, new XElement(Rdf + "Alt", new XElement(Rdf + "li", new XAttribute(XNamespace.Xml + "lang", "x-default"), value)));

    private static void Write(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));

    private static byte[] LoadProfile()
    {
        using var stream = typeof(PdfA3).Assembly.GetManifestResourceStream("sRGB.icc")
            ?? throw new InvalidOperationException("The sRGB ICC profile is not embedded.");
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            stream.CopyTo(zlib);
        }

        return compressed.ToArray();
    }
}

/// <summary>A PDF/A extension schema (ISO 19005, XMP extension schema container) with the values of its text properties.</summary>
internal sealed record XmpExtension(string Schema, string NamespaceUri, string Prefix, IReadOnlyList<XmpProperty> Properties);

/// <summary>A text property of an <see cref="XmpExtension"/> (category external) and its value.</summary>
internal sealed record XmpProperty(string Name, string Description, string Value);
