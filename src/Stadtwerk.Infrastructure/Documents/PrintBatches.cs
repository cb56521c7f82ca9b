using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// Print batches for the print shop: every stored letter that goes by post (bill letters, dunning letters), merged in
/// postal order into one PDF with a manifest.
/// </summary>
public sealed class PrintBatches(StadtwerkDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The letters waiting for print, merged in postal order into one PDF with a manifest; none when nothing waits.
    /// Two clerks at once cannot print a letter twice: the batch claims its letters only while they are unprinted.
    /// </summary>
    public async Task<PrintBatch?> CreateAsync(string createdBy, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var waiting = await (from document in db.StoredDocuments.AsNoTracking()
                                 where document.Channel == DispatchChannel.Print && document.PrintBatchId == null
                                 join bill in db.IssuedBills on document.BillId equals bill.Id
                                 join contract in db.Contracts on bill.ContractId equals contract.Id
                                 join customer in db.Customers on contract.CustomerId equals customer.Id
                                 select new { document.Id, document.Content, bill.Number, customer.CustomerNumber, customer.LastName, customer.FirstName, customer.CompanyName, customer.Address.PostalCode, customer.Address.City })
                .ToListAsync(ct);
            // Dunning letters by post: every threat and announcement (the customer must be reached for certain), and the
            // reminders and notices of customers who get no e-mail.
            var notices = await (from notice in db.DunningNotices.AsNoTracking()
                                 where notice.Channel == DispatchChannel.Print && notice.PrintBatchId == null
                                 join contract in db.Contracts on notice.ContractId equals contract.Id
                                 join customer in db.Customers on contract.CustomerId equals customer.Id
                                 select new { notice.Id, Content = notice.Pdf, Number = notice.Reference, customer.CustomerNumber, customer.LastName, customer.FirstName, customer.CompanyName, customer.Address.PostalCode, customer.Address.City })
                .ToListAsync(ct);
            if (waiting.Count == 0 && notices.Count == 0)
            {
                return null;
            }

            var items = PrintItem.InPostalOrder(waiting.Concat(notices).Select(w => new PrintItem(w.Content, w.Number, w.CustomerNumber, PrintItem.NameOf(w.CompanyName, w.FirstName, w.LastName), w.PostalCode, w.City)));
            var (pdf, pages, manifest) = PrintManifest.Compose(items, "document");
            var ids = waiting.Select(w => w.Id).ToList();
            var noticeIds = notices.Select(n => n.Id).ToList();
            var batch = await PrintBatchStore.StoreAsync(
                db, items.Count, pages, pdf, manifest, createdBy, clock.GetUtcNow(),
                async stored => await db.StoredDocuments.Where(d => ids.Contains(d.Id) && d.PrintBatchId == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(d => d.PrintBatchId, stored.Id), ct) == ids.Count
                    && await db.DunningNotices.Where(n => noticeIds.Contains(n.Id) && n.PrintBatchId == null)
                        .ExecuteUpdateAsync(u => u.SetProperty(n => n.PrintBatchId, stored.Id), ct) == noticeIds.Count,
                ct);
            if (batch is not null)
            {
                return batch;
            }
        }

        throw new InvalidOperationException("Print batches were made at the same moment three times; try again.");
    }
}
