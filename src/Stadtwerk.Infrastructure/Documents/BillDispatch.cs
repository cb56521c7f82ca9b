using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// Dispatch of the queued bill letters (every issued bill, cancellation and correction queues one): each letter is rendered once and stored immutable, then
/// sent by e-mail with the PDF attached and a signed download link (customers who chose e-mail or the portal and gave
/// an address; through the outbox, so a failed mail is tried again and none goes twice) or kept for the next print
/// batch (<see cref="PrintBatches"/>); what each letter's e-mail says is <see cref="LetterMail"/>'s, where each letter is
/// <see cref="LetterStates"/>'. Any number of processes dispatch at once: on PostgreSQL each takes its own batch (SKIP LOCKED), and
/// every process renders its batch on all cores.
/// </summary>
public sealed class BillDispatch(StadtwerkDbContext db, BillLetters letters, DocumentSettings settings, LetterMail mail, TimeProvider clock)
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

            var email = LetterMail.AddressOf(letter.Customer);
            var document = StoredDocument.ForBill(bills[entry.BillId], pdfs[i]!, email is null ? DispatchChannel.Print : DispatchChannel.Email, now);
            db.StoredDocuments.Add(document);
            if (email is not null)
            {
                db.OutgoingEmails.Add(mail.Compose(letter, email, document, now));
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
