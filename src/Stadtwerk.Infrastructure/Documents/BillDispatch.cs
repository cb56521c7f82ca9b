using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

public abstract record ResendResult
{
    private ResendResult()
    {
    }

    public sealed record Queued(string To) : ResendResult;

    public sealed record NotFound(string What) : ResendResult;

    public sealed record Invalid(string Message) : ResendResult;
}

/// <summary>One e-mail of a bill's letter (the first, or one sent again): to whom, and whether it went.</summary>
public sealed record LetterEmail(string To, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

/// <summary>
/// Where a bill's letter is: <c>queued</c> (not made yet), <c>email</c> (stored, e-mails below), <c>print</c>
/// (stored, waiting for a print batch), <c>printed</c> (in batch <see cref="PrintBatch"/>), or <c>none</c> (no letter
/// was queued, e.g. bills made before dispatch existed).
/// </summary>
public sealed record LetterDispatchState(
    string BillNumber, string State, DateTimeOffset? QueuedAt, Guid? DocumentId, string? Sha256, int? Bytes, DateTimeOffset? StoredAt,
    int? PrintBatch, DateTimeOffset? PrintedAt, IReadOnlyList<LetterEmail> Emails);

/// <summary>
/// Dispatch of the bill letters the billing run queued: each letter is rendered once and stored immutable, then
/// sent by e-mail with the PDF attached and a signed download link (customers who chose e-mail or the portal and gave
/// an address; through the outbox, so a failed mail is tried again and none goes twice) or kept for the next print
/// batch, which merges the letters in postal order into one PDF with a manifest for the print shop. A letter can be
/// sent again. Any number of processes dispatch at once: on PostgreSQL each takes its own batch (SKIP LOCKED), and
/// every process renders its batch on all cores.
/// </summary>
public sealed class BillDispatch(StadtwerkDbContext db, BillLetters letters, DocumentSettings settings, DocumentLinks links, TimeProvider clock)
{
    public const int BatchSize = 50;

    /// <summary>Dispatches up to <see cref="BatchSize"/> queued letters in one transaction; returns how many.</summary>
    public async Task<int> DispatchQueuedAsync(CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var queued = db.Database.IsNpgsql()
            ? await db.QueuedBillDocuments
                .FromSql($"SELECT * FROM queued_bill_documents WHERE done_at IS NULL ORDER BY bill_id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct)
            : await db.QueuedBillDocuments.Where(q => q.DoneAt == null).OrderBy(q => q.BillId).Take(BatchSize).ToListAsync(ct);
        if (queued.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var ids = queued.Select(q => q.BillId).ToList();
        var bills = await db.IssuedBills.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var loaded = await letters.LoadManyAsync(queued.Select(entry => bills[entry.BillId]).ToList(), ct);

        // Rendering is pure CPU work: all cores at once. Business customers with an e-mail address get the letter as
        // ZUGFeRD/Factur-X (PDF/A-3 with the EN 16931 XML inside): the same pages, and an e-invoice their software reads.
        var pdfs = new byte[loaded.Count][];
        Parallel.For(0, loaded.Count, new ParallelOptions { CancellationToken = ct }, i =>
            pdfs[i] = EInvoice.Unavailable(loaded[i]) is null ? ZugferdPdf.Render(loaded[i]) : BillLetterPdf.Render(loaded[i]));
        for (var i = 0; i < queued.Count; i++)
        {
            var (entry, letter) = (queued[i], loaded[i]);
            var email = EmailAddressOf(letter.Customer);
            var document = StoredDocument.ForBill(bills[entry.BillId], pdfs[i], email is null ? DispatchChannel.Print : DispatchChannel.Email, now);
            db.StoredDocuments.Add(document);
            if (email is not null)
            {
                db.OutgoingEmails.Add(Mail(letter, email, document, now));
            }

            entry.Done(now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another dispatcher stored these letters at the same moment (one letter per bill; SQLite): it sends them.
            db.ChangeTracker.Clear();
            return 0;
        }

        db.ChangeTracker.Clear();
        return queued.Count;
    }

    /// <summary>Where the letter of a bill is (queued, stored, e-mailed, printed); none for an unknown bill.</summary>
    public async Task<LetterDispatchState?> StateAsync(string billNumber, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().Where(b => b.Number == billNumber).Select(b => new { b.Id, b.Number }).FirstOrDefaultAsync(ct);
        if (bill is null)
        {
            return null;
        }

        var queued = await db.QueuedBillDocuments.AsNoTracking().FirstOrDefaultAsync(q => q.BillId == bill.Id, ct);
        var document = await db.StoredDocuments.AsNoTracking().Where(d => d.BillId == bill.Id)
            .Select(d => new { d.Id, d.Channel, d.Sha256, Bytes = d.Content.Length, d.CreatedAt, d.PrintBatchId }).FirstOrDefaultAsync(ct);
        if (document is null)
        {
            return new LetterDispatchState(bill.Number, queued is null ? "none" : "queued", queued?.QueuedAt, null, null, null, null, null, null, []);
        }

        var batch = document.PrintBatchId is { } batchId
            ? await db.PrintBatches.AsNoTracking().Where(b => b.Id == batchId).Select(b => new { b.Number, b.CreatedAt }).FirstOrDefaultAsync(ct)
            : null;
        var emails = (await db.OutgoingEmails.AsNoTracking().Where(e => e.AttachmentId == document.Id || e.Purpose == "bill:" + bill.Number)
                .Select(e => new LetterEmail(e.To, e.CreatedAt, e.SentAt, e.Attempts, e.LastError)).ToListAsync(ct))
            .OrderBy(e => e.QueuedAt).ToList();
        var state = document.Channel == DispatchChannel.Email ? "email" : batch is null ? "print" : "printed";
        return new LetterDispatchState(bill.Number, state, queued?.QueuedAt, document.Id, document.Sha256, document.Bytes, document.CreatedAt, batch?.Number, batch?.CreatedAt, emails);
    }

    /// <summary>Sends the stored letter of a bill again by e-mail, the same bytes.</summary>
    public async Task<ResendResult> ResendAsync(string billNumber, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == billNumber, ct);
        var document = bill is null ? null : await db.StoredDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.BillId == bill.Id, ct);
        if (bill is null || document is null)
        {
            return new ResendResult.NotFound(bill is null ? $"Bill {billNumber}" : $"The letter of bill {billNumber} (not dispatched yet)");
        }

        var letter = await letters.LoadAsync(bill, ct);
        if (letter.Customer.Email is not { } address)
        {
            return new ResendResult.Invalid($"customer {letter.Customer.CustomerNumber} has no e-mail address; the letter goes by post");
        }

        db.OutgoingEmails.Add(Mail(letter, address.Value, document, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new ResendResult.Queued(address.Value);
    }

    /// <summary>The letters waiting for print, merged in postal order into one PDF with a manifest; none when nothing waits.</summary>
    public async Task<PrintBatch?> CreatePrintBatchAsync(string createdBy, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var waiting = await (from document in db.StoredDocuments
                             where document.Channel == DispatchChannel.Print && document.PrintBatchId == null
                             join bill in db.IssuedBills on document.BillId equals bill.Id
                             join contract in db.Contracts on bill.ContractId equals contract.Id
                             join customer in db.Customers on contract.CustomerId equals customer.Id
                             select new { Document = document, bill.Number, customer.CustomerNumber, customer.LastName, customer.FirstName, customer.CompanyName, customer.Address.PostalCode, customer.Address.City })
            .ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return null;
        }

        var ordered = waiting.OrderBy(w => w.PostalCode, StringComparer.Ordinal).ThenBy(w => w.CompanyName ?? w.LastName, StringComparer.Ordinal).ThenBy(w => w.Number, StringComparer.Ordinal).ToList();
        var (pdf, pages, manifest) = PrintManifest.Compose(
            [.. ordered.Select(w => new PrintItem(w.Document.Content, w.Number, w.CustomerNumber, w.CompanyName ?? $"{w.FirstName} {w.LastName}".Trim(), w.PostalCode, w.City))],
            "bill_number");
        var number = (await db.PrintBatches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = PrintBatch.Create(Guid.CreateVersion7(), number, ordered.Count, pages, pdf, manifest, createdBy, clock.GetUtcNow());
        db.PrintBatches.Add(batch);
        foreach (var item in ordered)
        {
            item.Document.Printed(batch.Id);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return batch;
    }

    /// <summary>The address to e-mail a letter to: customers who chose e-mail or the portal and gave one.</summary>
    private static string? EmailAddressOf(Customer customer) =>
        customer.Email is { } email && customer.PreferredChannel is ContactChannel.Email or ContactChannel.Portal ? email.Value : null;

    private OutgoingEmail Mail(BillLetter letter, string to, StoredDocument document, DateTimeOffset now)
    {
        var bill = letter.Document;
        var german = CultureInfo.GetCultureInfo("de-DE");
        var name = letter.Customer.Kind == CustomerKind.Business ? letter.Customer.CompanyName : $"{letter.Customer.FirstName} {letter.Customer.LastName}";
        var amount = bill.Balance switch
        {
            > 0 => string.Create(german, $"Ihre Nachzahlung beträgt {bill.Balance:N2} €."),
            < 0 => string.Create(german, $"Ihr Guthaben beträgt {-bill.Balance:N2} €."),
            _ => "Ihr Konto ist ausgeglichen.",
        };
        var (link, lastDay) = links.For(document.Id, UtilityCalendar.Today(now));
        var where = settings.EmailAttachment
            ? $"Alle Einzelheiten stehen in der angehängten PDF-Datei. Sie können die Rechnung bis zum {lastDay.ToString("dd.MM.yyyy", german)} auch hier abrufen:\n{link}"
            : $"Ihre Rechnung mit allen Einzelheiten können Sie bis zum {lastDay.ToString("dd.MM.yyyy", german)} hier abrufen (PDF):\n{link}";
        var body = $"Guten Tag {name},\n\nIhre Rechnung {bill.Number} für den Zeitraum {bill.PeriodStart.ToString("dd.MM.yyyy", german)} bis {bill.PeriodEnd.ToString("dd.MM.yyyy", german)} ist da. {amount}\n\n{where}\n\nFragen beantworten wir gern: {letter.Utility.Hotline}, {letter.Utility.Email}.\n\nMit freundlichen Grüßen\n{letter.Utility.Name}\n";
        return OutgoingEmail.Create(to, $"Ihre Rechnung {bill.Number} von {letter.Utility.Name}", body, $"bill:{bill.Number}", now, settings.EmailAttachment ? document.Id : null);
    }
}

/// <summary>Dispatches the queued bill letters every <c>Documents:DispatchSeconds</c> (default 30) while the process runs.</summary>
public sealed partial class BillDispatchWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<BillDispatchWorker> logger, int seconds) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, seconds)), clock, stoppingToken);
            try
            {
                int done;
                do
                {
                    using var scope = scopes.CreateScope();
                    done = await scope.ServiceProvider.GetRequiredService<BillDispatch>().DispatchQueuedAsync(stoppingToken);
                }
                while (done > 0 && !stoppingToken.IsCancellationRequested);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatching bill letters failed; they stay queued")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
