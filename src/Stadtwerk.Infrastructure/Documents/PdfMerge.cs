using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>Joins PDF documents page by page, in order (a letter with its enclosures, a print batch).</summary>
public static class PdfMerge
{
    public static byte[] Merge(IEnumerable<byte[]> documents) => MergeCounting(documents).Pdf;

    /// <summary>The joined document and the number of pages each source contributed.</summary>
    public static (byte[] Pdf, IReadOnlyList<int> Pages) MergeCounting(IEnumerable<byte[]> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var pages = new List<int>();
        using var merged = new PdfDocument();
        // The sources stay open until the result is saved: its pages refer to them.
        var sources = new List<PdfDocument>();
        try
        {
            foreach (var bytes in documents)
            {
                var source = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
                sources.Add(source);
                pages.Add(source.PageCount);
                foreach (var page in source.Pages)
                {
                    merged.AddPage(page);
                }
            }

            using var output = new MemoryStream();
            merged.Save(output);
            return (output.ToArray(), pages);
        }
        finally
        {
            sources.ForEach(source => source.Dispose());
        }
    }
}

/// <summary>One mail piece of a print batch: its PDF and what the manifest says about it.</summary>
public sealed record PrintItem(byte[] Pdf, string Reference, string CustomerNumber, string Name, string PostalCode, string City);

/// <summary>
/// A batch for the print shop (Lettershop): the pieces merged in the order given (postal order, chosen by the caller)
/// and a CSV manifest with position, first page, pages, the piece's reference (bill or contract number), customer
/// number, name, postal code and city, so the shop can fold, envelope and check each piece.
/// </summary>
public static class PrintManifest
{
    public static (byte[] Pdf, int Pages, string Manifest) Compose(IReadOnlyList<PrintItem> items, string referenceColumn)
    {
        ArgumentNullException.ThrowIfNull(items);
        var (pdf, pages) = PdfMerge.MergeCounting(items.Select(item => item.Pdf));
        var manifest = new System.Text.StringBuilder($"position;first_page;pages;{referenceColumn};customer_number;name;postal_code;city\n");
        var firstPage = 1;
        for (var position = 0; position < items.Count; position++)
        {
            var item = items[position];
            manifest.Append(System.Globalization.CultureInfo.InvariantCulture, $"{position + 1};{firstPage};{pages[position]};{item.Reference};{item.CustomerNumber};{item.Name.Replace(';', ',')};{item.PostalCode};{item.City}\n");
            firstPage += pages[position];
        }

        return (pdf, pages.Sum(), manifest.ToString());
    }
}
