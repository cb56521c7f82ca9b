using System.Globalization;
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
/// Where a bill's letter is: <c>queued</c> (not made yet), <c>failed</c> (could not be made after several tries:
/// <see cref="LastError"/>), <c>email</c> (stored, e-mails below), <c>print</c> (stored, waiting for a print batch),
/// <c>printed</c> (in batch <see cref="PrintBatch"/>), or <c>none</c> (no letter was queued, e.g. bills made before
/// dispatch existed).
/// </summary>
/// <summary>Where a bill's letter is.</summary>
public enum LetterState
{
    /// <summary>No letter was queued (bills issued before letters were queued with them).</summary>
    None,

    /// <summary>Waiting to be made.</summary>
    Queued,

    /// <summary>Could not be made five times: waits for a person.</summary>
    Failed,

    /// <summary>Made and sent, or waiting to be sent, by e-mail.</summary>
    Email,

    /// <summary>Made and waiting for the next print batch.</summary>
    Print,

    /// <summary>Printed in a print batch.</summary>
    Printed,
}

public sealed record LetterDispatchState(
    string BillNumber, LetterState State, DateTimeOffset? QueuedAt, Guid? DocumentId, string? Sha256, int? Bytes, DateTimeOffset? StoredAt,
    int? PrintBatch, DateTimeOffset? PrintedAt, IReadOnlyList<LetterEmail> Emails, int Attempts, string? LastError);

/// <summary>
/// Dispatch of the queued bill letters (every issued bill, cancellation and correction queues one): each letter is rendered once and stored immutable, then
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
                .FromSql($"SELECT * FROM queued_bill_documents WHERE done_at IS NULL AND attempts < {QueuedBillDocument.MaxAttempts} ORDER BY bill_id LIMIT {BatchSize} FOR UPDATE SKIP LOCKED")
                .ToListAsync(ct)
            : await db.QueuedBillDocuments.Where(q => q.DoneAt == null && q.Attempts < QueuedBillDocument.MaxAttempts).OrderBy(q => q.BillId).Take(BatchSize).ToListAsync(ct);
        if (queued.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var ids = queued.Select(q => q.BillId).ToList();
        var bills = await db.IssuedBills.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var errors = new string?[queued.Count];
        var loaded = await LoadAsync(queued.Select(entry => bills[entry.BillId]).ToList(), errors, ct);

        // Rendering is pure CPU work: all cores at once. Business customers with an e-mail address get the letter as
        // ZUGFeRD/Factur-X (PDF/A-3 with the EN 16931 XML inside): the same pages, and an e-invoice their software reads.
        // A letter that cannot be made is counted with the reason and the others go on.
        var pdfs = new byte[]?[loaded.Count];
        Parallel.For(0, loaded.Count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = settings.RenderThreads ?? Environment.ProcessorCount }, i =>
        {
            if (loaded[i] is not { } letter)
            {
                return;
            }

            try
            {
                pdfs[i] = EInvoice.Unavailable(letter) is null ? ZugferdPdf.Render(letter) : BillLetterPdf.Render(letter);
            }
            catch (Exception e) when (IsLetterProblem(e))
            {
                errors[i] = $"{e.GetType().Name}: {e.Message}";
            }
        });
        for (var i = 0; i < queued.Count; i++)
        {
            var (entry, letter) = (queued[i], loaded[i]);
            if (pdfs[i] is null || letter is null)
            {
                entry.Failed(errors[i] ?? "the letter was not made");
                continue;
            }

            var email = EmailAddressOf(letter.Customer);
            var document = StoredDocument.ForBill(bills[entry.BillId], pdfs[i]!, email is null ? DispatchChannel.Print : DispatchChannel.Email, now);
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
        catch (DbUpdateException) when (!db.Database.IsNpgsql())
        {
            // SQLite has no SKIP LOCKED: another dispatcher stored these letters at the same moment (one letter per
            // bill), and it sends them. On PostgreSQL the batch is ours alone, so an error there is a real one.
            db.ChangeTracker.Clear();
            return 0;
        }

        db.ChangeTracker.Clear();
        return queued.Count;
    }

    /// <summary>The letters of a batch, set-based; when one cannot be loaded, each on its own, so one broken bill stops no other.</summary>
    private async Task<IReadOnlyList<BillLetter?>> LoadAsync(List<IssuedBill> documents, string?[] errors, CancellationToken ct)
    {
        try
        {
            return [.. await letters.LoadManyAsync(documents, ct)];
        }
        catch (Exception e) when (IsLetterProblem(e))
        {
            var one = new BillLetter?[documents.Count];
            for (var i = 0; i < documents.Count; i++)
            {
                try
                {
                    one[i] = await letters.LoadAsync(documents[i], ct);
                }
                catch (Exception single) when (IsLetterProblem(single))
                {
                    errors[i] = $"{single.GetType().Name}: {single.Message}";
                }
            }

            return one;
        }
    }

    /// <summary>What goes wrong with one letter's data or drawing (not the database, not cancellation).</summary>
    private static bool IsLetterProblem(Exception e) =>
        e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or InvalidCastException or NotSupportedException
        && e is not OperationCanceledException;

    /// <summary>Where the letter of a bill is (queued, stored, e-mailed, printed); none for an unknown bill.</summary>
    public async Task<LetterDispatchState?> StateAsync(string billNumber, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().Where(b => b.Number == billNumber).Select(b => new { b.Id, b.Number }).FirstOrDefaultAsync(ct);
        return bill is null ? null : (await StatesAsync([bill.Id], ct))[bill.Id];
    }

    /// <summary>Where the letters of several bills are, in a few queries for all of them (the contract page).</summary>
    public async Task<IReadOnlyDictionary<Guid, LetterDispatchState>> StatesAsync(IReadOnlyCollection<Guid> billIds, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(billIds);
        var ids = billIds.Distinct().ToList();
        var numbers = await db.IssuedBills.AsNoTracking().Where(b => ids.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Number, ct);
        var queued = await db.QueuedBillDocuments.AsNoTracking().Where(q => ids.Contains(q.BillId)).ToDictionaryAsync(q => q.BillId, ct);
        var documents = await db.StoredDocuments.AsNoTracking().Where(d => ids.Contains(d.BillId))
            .Select(d => new { d.Id, d.BillId, d.Channel, d.Sha256, Bytes = d.Content.Length, d.CreatedAt, d.PrintBatchId }).ToDictionaryAsync(d => d.BillId, ct);
        var documentIds = documents.Values.Select(d => d.Id).ToList();
        var purposes = numbers.Values.Select(n => "bill:" + n).ToList();
        var emails = (await db.OutgoingEmails.AsNoTracking()
                .Where(e => (e.AttachmentId != null && documentIds.Contains(e.AttachmentId.Value)) || purposes.Contains(e.Purpose))
                .Select(e => new { e.Purpose, Email = new LetterEmail(e.To, e.CreatedAt, e.SentAt, e.Attempts, e.LastError) }).ToListAsync(ct))
            .ToLookup(e => e.Purpose, e => e.Email);
        var batchIds = documents.Values.Where(d => d.PrintBatchId != null).Select(d => d.PrintBatchId!.Value).ToList();
        var batches = await db.PrintBatches.AsNoTracking().Where(b => batchIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => new { b.Number, b.CreatedAt }, ct);

        var states = new Dictionary<Guid, LetterDispatchState>();
        foreach (var (id, number) in numbers)
        {
            var entry = queued.GetValueOrDefault(id);
            if (!documents.TryGetValue(id, out var document))
            {
                var waiting = entry is null ? LetterState.None : entry.Attempts >= QueuedBillDocument.MaxAttempts ? LetterState.Failed : LetterState.Queued;
                states[id] = new LetterDispatchState(number, waiting, entry?.QueuedAt, null, null, null, null, null, null, [], entry?.Attempts ?? 0, entry?.LastError);
                continue;
            }

            var batch = document.PrintBatchId is { } batchId ? batches[batchId] : null;
            var state = document.Channel == DispatchChannel.Email ? LetterState.Email : batch is null ? LetterState.Print : LetterState.Printed;
            states[id] = new LetterDispatchState(
                number, state, entry?.QueuedAt, document.Id, document.Sha256, document.Bytes, document.CreatedAt, batch?.Number, batch?.CreatedAt,
                [.. emails["bill:" + number].OrderBy(e => e.QueuedAt)], entry?.Attempts ?? 0, entry?.LastError);
        }

        return states;
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

    /// <summary>
    /// The letters waiting for print, merged in postal order into one PDF with a manifest; none when nothing waits.
    /// Two clerks at once cannot print a letter twice: the batch claims its letters only while they are unprinted.
    /// </summary>
    public async Task<PrintBatch?> CreatePrintBatchAsync(string createdBy, CancellationToken ct)
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
            // Dunning letters go by post too: with a disconnection threat the customer must be reached for certain.
            var notices = await (from notice in db.DunningNotices.AsNoTracking()
                                 where notice.PrintBatchId == null
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

    /// <summary>The address to e-mail a letter to: customers who chose e-mail or the portal and gave one.</summary>
    private static string? EmailAddressOf(Customer customer) =>
        customer.Email is { } email && customer.PreferredChannel is ContactChannel.Email or ContactChannel.Portal ? email.Value : null;

    private OutgoingEmail Mail(BillLetter letter, string to, StoredDocument document, DateTimeOffset now)
    {
        var bill = letter.Document;
        var german = CultureInfo.GetCultureInfo("de-DE");
        var name = letter.Customer.Kind == CustomerKind.Business ? letter.Customer.CompanyName : $"{letter.Customer.FirstName} {letter.Customer.LastName}";
        var period = $"{bill.PeriodStart.ToString("dd.MM.yyyy", german)} bis {bill.PeriodEnd.ToString("dd.MM.yyyy", german)}";
        var amount = bill.Balance switch
        {
            > 0 => string.Create(german, $"Ihre Nachzahlung beträgt {bill.Balance:N2} €."),
            < 0 => string.Create(german, $"Ihr Guthaben beträgt {-bill.Balance:N2} €."),
            _ => "Ihr Konto ist ausgeglichen.",
        };

        // What the document is: a cancellation undoes a bill (no new claim, no new credit), a correction replaces one.
        var (title, opening) = bill.Kind switch
        {
            BillKind.Cancellation => (
                "Stornorechnung",
                $"mit der Stornorechnung {bill.Number} heben wir die Rechnung {letter.CancelledBillNumber} für den Zeitraum {period} auf. Beträge daraus verrechnen wir mit Ihrem Vertragskonto; erhalten Sie eine korrigierte Rechnung, gilt nur noch diese."),
            BillKind.FinalBill => ("Schlussrechnung", $"Ihre Schlussrechnung {bill.Number} für den Zeitraum {period} ist da. {amount}"),
            _ when bill.ReferencesBillId is not null => ("korrigierte Rechnung", $"Ihre korrigierte Rechnung {bill.Number} für den Zeitraum {period} ist da; sie ersetzt die stornierte Rechnung. {amount}"),
            _ => ("Rechnung", $"Ihre Rechnung {bill.Number} für den Zeitraum {period} ist da. {amount}"),
        };
        var (link, lastDay) = links.For(document.Id, UtilityCalendar.Today(now));
        var until = lastDay.ToString("dd.MM.yyyy", german);
        var where = settings.EmailAttachment
            ? $"Alle Einzelheiten stehen in der angehängten PDF-Datei. Sie können das Dokument bis zum {until} auch hier abrufen:\n{link}"
            : $"Das Dokument mit allen Einzelheiten können Sie bis zum {until} hier abrufen (PDF):\n{link}";
        var body = $"Guten Tag {name},\n\n{opening}\n\n{where}\n\nFragen beantworten wir gern: {letter.Utility.Hotline}, {letter.Utility.Email}.\n\nMit freundlichen Grüßen\n{letter.Utility.Name}\n";
        return OutgoingEmail.Create(to, $"Ihre {title} {bill.Number} von {letter.Utility.Name}", body, $"bill:{bill.Number}", now, settings.EmailAttachment ? document.Id : null);
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
