using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Stadtwerk.Core.Billing;

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
            PdfOutput.SaveCompressed(merged, output);
            return (output.ToArray(), pages);
        }
        finally
        {
            sources.ForEach(source => source.Dispose());
        }
    }
}

/// <summary>One mail piece of a print batch: its PDF and what the manifest says about it.</summary>
public sealed record PrintItem(byte[] Pdf, string Reference, string CustomerNumber, string Name, string PostalCode, string City)
{
    /// <summary>The name on the envelope: the company, or first and last name.</summary>
    public static string NameOf(string? companyName, string? firstName, string? lastName) => companyName ?? $"{firstName} {lastName}".Trim();

    /// <summary>Postal order for the print shop (postage rebates): postal code, then name, then reference.</summary>
    public static IReadOnlyList<PrintItem> InPostalOrder(IEnumerable<PrintItem> items) =>
        [.. items.OrderBy(i => i.PostalCode, StringComparer.Ordinal).ThenBy(i => i.Name, StringComparer.Ordinal).ThenBy(i => i.Reference, StringComparer.Ordinal)];
}

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
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var options = new CsvHelper.CsvWriterOptions
        {
            Separator = ';',
            NewLine = "\n",
            Injection = CsvHelper.CsvInjection.Escape, // a name starting with = is no formula in the shop's spreadsheet
        };
        using (var csv = CsvHelper.CsvWriter.Create(text, options, leaveOpen: true))
        {
            csv.WriteRecord(["position", "first_page", "pages", referenceColumn, "customer_number", "name", "postal_code", "city"]);
            var firstPage = 1;
            for (var position = 0; position < items.Count; position++)
            {
                var item = items[position];
                var invariant = System.Globalization.CultureInfo.InvariantCulture;
                csv.WriteRecord([(position + 1).ToString(invariant), firstPage.ToString(invariant), pages[position].ToString(invariant), item.Reference, item.CustomerNumber, item.Name, item.PostalCode, item.City]);
                firstPage += pages[position];
            }
        }

        return (pdf, pages.Sum(), text.ToString());
    }
}

/// <summary>
/// Stores a print batch in its own short transaction, with the next batch number, and claims its pieces with
/// <c>claim</c> (an update that takes only pieces not yet printed): when another batch took a piece or the number at
/// the same moment, nothing is stored and the caller looks again.
/// </summary>
internal static class PrintBatchStore
{
    public static async Task<PrintBatch?> StoreAsync(
        Persistence.StadtwerkDbContext db, int pieces, int pages, byte[] pdf, string manifest, string createdBy, DateTimeOffset now,
        Func<PrintBatch, Task<bool>> claim, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = (await db.PrintBatches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = PrintBatch.Create(Guid.CreateVersion7(), number, pieces, pages, pdf, manifest, createdBy, now);
        db.PrintBatches.Add(batch);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear(); // the number was taken by a batch made at the same moment
            return null;
        }

        if (!await claim(batch))
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }

        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return batch;
    }
}
