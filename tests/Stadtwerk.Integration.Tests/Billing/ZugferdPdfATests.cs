using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Shouldly;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The hybrid ZUGFeRD / Factur-X PDF of a demo business customer (paying by transfer, so with a GiroCode) against the
/// requirements of PDF/A-3b (ISO 19005-3) and Factur-X 1.08. veraPDF, the PDF/A-3 validator, cannot be installed here
/// (no Maven registry on these machines, no Debian or npm package), so two checks stand in for it. Apache PDFBox
/// Preflight (Debian's libpdfbox2-java) validates PDF/A-1b, whose rules PDF/A-3b shares but for a few that it relaxes:
/// any finding outside those fails. And the file is read with poppler-utils and PDFsharp for what PDF/A-3 and
/// Factur-X add: header and trailer, XMP (PDF/A-3B identification, the Factur-X extension schema and its values, the
/// same title, author, subject, creator, producer and dates as the Info dictionary), the sRGB output intent with its
/// ICC profile, every font embedded, factur-x.xml with MIME type, dates and relationship, listed in the catalogue's /AF.
/// </summary>
public sealed class ZugferdPdfATests
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace Xmp = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace Pdf = "http://ns.adobe.com/pdf/1.3/";
    private static readonly XNamespace PdfAId = "http://www.aiim.org/pdfa/ns/id/";
    private static readonly XNamespace PdfASchema = "http://www.aiim.org/pdfa/ns/schema#";
    private static readonly XNamespace PdfAProperty = "http://www.aiim.org/pdfa/ns/property#";
    private static readonly XNamespace Fx = "urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#";

    /// <summary>Preflight's findings that PDF/A-1b makes and PDF/A-3b does not (ISO 19005-3 6.8, 6.4, 6.2.11.4.2, 6.6.4).</summary>
    private static readonly (string Code, string Text)[] AllowedInPdfA3 =
    [
        ("1.4.7", "EmbeddedFile entry is present in the Names dictionary"),
        ("1.2.9", "EmbeddedFile entry is present in a FileSpecification dictionary"),
        ("2.2.1", "Group has a transparency S entry"),
        ("3.1.11", "The CIDSet entry is missing for the Composite Subset"),
        ("7.11.2", "part must be 1"),
    ];

    private static readonly string[] PreflightClassPath =
        ["preflight", "pdfbox2", "fontbox2", "xmpbox", "commons-logging", "javax.activation", "jaxb-api"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_hybrid_e_invoice_meets_the_PDF_A_3b_and_Factur_X_requirements()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        string contract;
        await using (var db = app.OpenDb())
        {
            contract = await (from c in db.Contracts
                              join k in db.Customers on c.CustomerId equals k.Id
                              where k.Kind == CustomerKind.Business && k.Email != null && c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1) && c.BankAccount == null
                              orderby c.ContractNumber
                              select c.ContractNumber).FirstAsync(Ct);
        }

        (await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", contractNumbers = new[] { contract } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await BillingRunTests.WaitAsync(client, 1)).GetProperty("billed").GetInt32().ShouldBe(1);
        string number;
        await using (var db = app.OpenDb())
        {
            number = await (from b in db.IssuedBills join c in db.Contracts on b.ContractId equals c.Id where c.ContractNumber == contract select b.Number).SingleAsync(Ct);
        }

        var response = await client.GetAsync($"/api/bills/{number}/e-invoice?profile=zugferd-pdf", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        var folder = Path.Combine(AppContext.BaseDirectory, "e-invoices");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{number}-zugferd-pdfa.pdf");
        await File.WriteAllBytesAsync(file, bytes, Ct);

        // PDFBox Preflight: nothing but what PDF/A-3b allows beyond PDF/A-1b.
        var findings = await PreflightAsync(file);
        findings.Where(f => !AllowedInPdfA3.Any(a => f.Code == a.Code && f.Text.Contains(a.Text, StringComparison.Ordinal)))
            .ShouldBeEmpty("PDFBox Preflight: " + string.Join("; ", findings.CountBy(f => $"{f.Code} {f.Text}").Select(f => $"{f.Key} ({f.Value}x)")));
        findings.ShouldContain(f => f.Code == "7.11.2", "Preflight reads the PDF/A identification and sees part 3");

        // ISO 19005-3 6.1.2: %PDF-1.n (PDF/A-3 rests on PDF 1.7), then a comment of at least four bytes above 127.
        Encoding.Latin1.GetString(bytes, 0, 9).ShouldBe("%PDF-1.7\n");
        bytes[9].ShouldBe((byte)'%');
        bytes.Skip(10).Take(4).ShouldAllBe(b => b > 127);
        // 6.1.3: nothing but an end-of-line after the last %%EOF; no encryption.
        Encoding.Latin1.GetString(bytes[^6..]).ShouldBe("%%EOF\n");
        var info = await EInvoiceTests.Tool("pdfinfo", "-isodates", file);
        info.ShouldMatch(@"Encrypted:\s+no\b");
        info.ShouldMatch(@"PDF version:\s+1\.7\b");
        info.ShouldMatch(@"JavaScript:\s+no\b");

        // 6.2.11.4: every font embedded.
        var fonts = (await EInvoiceTests.Tool("pdffonts", file)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        fonts.ShouldNotBeEmpty();
        fonts.ShouldAllBe(line => line.Contains(" yes yes ", StringComparison.Ordinal), string.Join('\n', fonts));

        using var pdf = PdfReader.Open(file, PdfDocumentOpenMode.Import);
        // 6.1.3: the (last) trailer has a file identifier.
        pdf.Internals.FirstDocumentID.ShouldNotBeNullOrEmpty();
        pdf.Internals.SecondDocumentID.ShouldNotBeNullOrEmpty();
        var catalog = pdf.Internals.Catalog;

        // 6.6.2: XMP metadata in the catalogue, unfiltered, the one poppler reads.
        var metadata = catalog.Elements.GetDictionary("/Metadata").ShouldNotBeNull();
        metadata.Elements.GetName("/Type").ShouldBe("/Metadata");
        metadata.Elements.GetName("/Subtype").ShouldBe("/XML");
        metadata.Elements.ContainsKey("/Filter").ShouldBeFalse();
        var packet = Encoding.UTF8.GetString(metadata.Stream.Value);
        packet.ShouldStartWith("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>");
        packet.ShouldNotContain("bytes=");
        packet.ShouldNotContain("encoding=");
        (await EInvoiceTests.Tool("pdfinfo", "-meta", file)).ShouldContain("<pdfaid:part>3</pdfaid:part>");
        var xmp = XDocument.Parse(packet);
        Value(xmp, PdfAId + "part").ShouldBe("3");
        Value(xmp, PdfAId + "conformance").ShouldBe("B");

        // Factur-X 1.08 / ZUGFeRD 2.x: the extension schema describes the fx namespace, whose values name the attachment.
        var schema = xmp.Descendants(PdfASchema + "namespaceURI").ShouldHaveSingleItem().Parent.ShouldNotBeNull();
        ((string?)schema.Element(PdfASchema + "namespaceURI")).ShouldBe(Fx.NamespaceName);
        ((string?)schema.Element(PdfASchema + "prefix")).ShouldBe("fx");
        ((string?)schema.Element(PdfASchema + "schema")).ShouldNotBeNullOrWhiteSpace();
        var properties = schema.Element(PdfASchema + "property").ShouldNotBeNull().Element(Rdf + "Seq").ShouldNotBeNull().Elements(Rdf + "li").ToList();
        properties.Select(p => (string?)p.Element(PdfAProperty + "name")).ShouldBe(["DocumentFileName", "DocumentType", "Version", "ConformanceLevel"], ignoreOrder: true);
        properties.ShouldAllBe(p => (string?)p.Element(PdfAProperty + "valueType") == "Text" && (string?)p.Element(PdfAProperty + "category") == "external" && !string.IsNullOrWhiteSpace((string?)p.Element(PdfAProperty + "description")));
        Value(xmp, Fx + "DocumentType").ShouldBe("INVOICE");
        Value(xmp, Fx + "DocumentFileName").ShouldBe("factur-x.xml");
        Value(xmp, Fx + "Version").ShouldBe("1.0");
        Value(xmp, Fx + "ConformanceLevel").ShouldBe("EN 16931");

        // 6.6.2.3.1: each entry of the Info dictionary has its equivalent in the XMP.
        var document = pdf.Info;
        document.Title.ShouldContain(number);
        Value(xmp, Dc + "title").ShouldBe(document.Title);
        Value(xmp, Dc + "creator").ShouldBe(document.Author);
        Value(xmp, Dc + "description").ShouldBe(document.Subject);
        Value(xmp, Xmp + "CreatorTool").ShouldBe(document.Creator);
        Value(xmp, Pdf + "Producer").ShouldBe(document.Producer);
        document.Keywords.ShouldBeEmpty();
        xmp.Descendants(Pdf + "Keywords").ShouldBeEmpty();
        var created = PdfDate(document.Elements.GetString("/CreationDate"));
        DateTimeOffset.Parse(Value(xmp, Xmp + "CreateDate"), CultureInfo.InvariantCulture).ShouldBe(created);
        DateTimeOffset.Parse(Value(xmp, Xmp + "ModifyDate"), CultureInfo.InvariantCulture).ShouldBe(PdfDate(document.Elements.GetString("/ModDate")));

        // 6.2.2: one PDF/A output intent, sRGB, with an RGB monitor profile of ICC version 2 to 4.
        var intents = catalog.Elements.GetArray("/OutputIntents").ShouldNotBeNull();
        intents.Elements.Count.ShouldBe(1);
        var intent = intents.Elements.GetDictionary(0).ShouldNotBeNull();
        intent.Elements.GetName("/S").ShouldBe("/GTS_PDFA1");
        intent.Elements.GetString("/OutputConditionIdentifier").ShouldBe("sRGB IEC61966-2.1");
        var profile = intent.Elements.GetDictionary("/DestOutputProfile").ShouldNotBeNull();
        profile.Elements.GetInteger("/N").ShouldBe(3);
        var icc = profile.Stream.UnfilteredValue;
        Encoding.ASCII.GetString(icc, 36, 4).ShouldBe("acsp");
        Encoding.ASCII.GetString(icc, 12, 8).ShouldBe("mntrRGB ");
        ((int)icc[8]).ShouldBeInRange(2, 4);

        // 6.8 and Factur-X: factur-x.xml embedded with F, UF, MIME type, modification date and relationship, in /AF.
        (await EInvoiceTests.Tool("pdfdetach", "-list", file)).ShouldContain("factur-x.xml");
        var af = catalog.Elements.GetArray("/AF").ShouldNotBeNull();
        af.Elements.Count.ShouldBe(1);
        var spec = af.Elements.GetDictionary(0).ShouldNotBeNull();
        spec.Elements.GetName("/Type").ShouldBe("/Filespec");
        spec.Elements.GetString("/F").ShouldBe("factur-x.xml");
        spec.Elements.GetString("/UF").ShouldBe("factur-x.xml");
        spec.Elements.GetName("/AFRelationship").ShouldBe("/Alternative");
        spec.Elements.GetString("/Desc").ShouldBe("Factur-X Rechnung");
        var embedded = spec.Elements.GetDictionary("/EF").ShouldNotBeNull().Elements.GetDictionary("/F").ShouldNotBeNull();
        embedded.Elements.GetName("/Type").ShouldBe("/EmbeddedFile");
        embedded.Elements.GetName("/Subtype").ShouldBeOneOf("/text/xml", "/text#2Fxml");
        embedded.Elements.GetDictionary("/Params").ShouldNotBeNull().Elements.GetString("/ModDate").ShouldStartWith("D:");
        (await EInvoiceTests.Tool("qpdf", "--list-attachments", "--verbose", file)).ShouldContain("mime type: text/xml");
        var names = catalog.Elements.GetDictionary("/Names").ShouldNotBeNull().Elements.GetDictionary("/EmbeddedFiles").ShouldNotBeNull().Elements.GetArray("/Names").ShouldNotBeNull();
        names.Elements.GetReference(1).ShouldNotBeNull().Value.ShouldBeSameAs(spec);

        // Nothing PDF/A-3b forbids on the pages: no annotations, actions or JavaScript.
        catalog.Elements.ContainsKey("/OpenAction").ShouldBeFalse();
        catalog.Elements.ContainsKey("/AA").ShouldBeFalse();
        pdf.Pages.Count.ShouldBe(2);
        foreach (var page in pdf.Pages)
        {
            page.Elements.ContainsKey("/Annots").ShouldBeFalse();
            page.Elements.ContainsKey("/AA").ShouldBeFalse();
        }
    }

    /// <summary>Runs PDFBox Preflight (PDF/A-1b) from Debian's jars and returns its findings as (rule code, message).</summary>
    private static async Task<IReadOnlyList<(string Code, string Text)>> PreflightAsync(string file)
    {
        var jars = PreflightClassPath.Select(jar => $"/usr/share/java/{jar}.jar").ToList();
        if (jars.FirstOrDefault(jar => !File.Exists(jar)) is { } missing)
        {
            throw new InvalidOperationException($"{missing} is missing: scripts/test.sh installs libpdfbox2-java, libactivation-java and libjaxb-api-java from Debian");
        }

        var start = new ProcessStartInfo("java") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-cp", string.Join(':', jars), "org.apache.pdfbox.preflight.Validator_A1b", file])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(Ct);
        var output = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        output.ShouldMatch(@"The file .* is (not )?a valid PDF/A-1b file", $"Preflight did not validate: {output}{await error}");
        return [.. Regex.Matches(output, @"^(\d+(?:\.\d+)*) : (.*)$", RegexOptions.Multiline).Select(m => (m.Groups[1].Value, m.Groups[2].Value.Trim()))];
    }

    private static string Value(XDocument xmp, XName name)
    {
        var element = xmp.Descendants(name).ShouldHaveSingleItem($"{name} in the XMP");
        return element.Descendants(Rdf + "li").FirstOrDefault()?.Value ?? element.Value;
    }

    /// <summary>A PDF date string (D:YYYYMMDDHHmmSSOHH'mm') as a point in time.</summary>
    private static DateTimeOffset PdfDate(string value)
    {
        var match = Regex.Match(value, @"^D:(\d{14})(Z|[+-]\d{2}'\d{2}'?)");
        match.Success.ShouldBeTrue(value);
        var local = DateTime.ParseExact(match.Groups[1].Value, "yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var zone = match.Groups[2].Value;
        var offset = zone == "Z" ? TimeSpan.Zero : new TimeSpan(int.Parse(zone[1..3], CultureInfo.InvariantCulture), int.Parse(zone[4..6], CultureInfo.InvariantCulture), 0) * (zone[0] == '-' ? -1 : 1);
        return new DateTimeOffset(local, offset);
    }
}
