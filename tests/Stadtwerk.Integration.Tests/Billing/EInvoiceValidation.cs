using System.Diagnostics;
using System.Xml.Linq;
using System.Xml.Schema;
using Stadtwerk.Core.Tests;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The official checks of an e-invoice, as published in ../shared: the Factur-X EN 16931 XSD (CII D16B subset) with
/// System.Xml.Schema, and the compiled schematron rules (CEN EN 16931 CII, KoSIT XRechnung 3.0.2 CII, Factur-X 1.08
/// EN 16931) with Saxon-HE from Debian on Java. Findings are failed assertions flagged fatal or error (or unflagged).
/// </summary>
internal static class EInvoiceValidation
{
    public const string Saxon = "/usr/share/java/Saxon-HE.jar";

    public static string En16931 => Path.Combine(SharedFiles.Root, "schematron", "en16931-cii", "EN16931-CII-validation.xslt");

    public static string XRechnung => Path.Combine(SharedFiles.Root, "schematron", "xrechnung-3.0.2", "xsl", "XRechnung-CII-validation.xsl");

    public static string FacturX => Path.Combine(SharedFiles.Root, "schematron", "facturx-1.08", "EN16931", "_XSLT_EN16931", "FACTUR-X_EN16931.xslt");

    public static IReadOnlyList<string> Xsd(string file)
    {
        // The profile XSD imports its parts by relative path: they are read from the same folder.
        var schemas = new XmlSchemaSet { XmlResolver = new System.Xml.XmlUrlResolver() };
        schemas.Add(null, Path.Combine(SharedFiles.Root, "schemas", "facturx-1.08", "EN16931", "FACTUR-X_EN16931.xsd"));
        var problems = new List<string>();
        XDocument.Load(file).Validate(schemas, (_, e) => problems.Add(e.Message));
        return problems;
    }

    public static async Task<IReadOnlyList<string>> SchematronAsync(string file, string rules, CancellationToken ct)
    {
        if (!File.Exists(Saxon))
        {
            throw new InvalidOperationException($"{Saxon} is missing: scripts/test.sh installs libsaxonhe-java from Debian");
        }

        var svrl = Path.Combine(Path.GetTempPath(), $"svrl-{Guid.NewGuid():N}.xml");
        try
        {
            var start = new ProcessStartInfo("java") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var arg in (string[])["-cp", Saxon, "net.sf.saxon.Transform", $"-s:{file}", $"-xsl:{rules}", $"-o:{svrl}"])
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"Saxon failed on {Path.GetFileName(rules)}: {await error}");
            }

            XNamespace ns = "http://purl.oclc.org/dsdl/svrl";
            return [.. XDocument.Load(svrl).Descendants(ns + "failed-assert")
                .Where(a => (string?)a.Attribute("flag") is null or "fatal" or "error")
                .Select(a => $"{(string?)a.Attribute("id")}: {a.Element(ns + "text")?.Value.Trim()}")];
        }
        finally
        {
            File.Delete(svrl);
        }
    }
}
