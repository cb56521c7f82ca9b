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
