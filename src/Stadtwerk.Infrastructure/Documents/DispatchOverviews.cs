using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>A letter that could not be made after every try, or an e-mail the server refused: waits for a person.</summary>
public sealed record DispatchProblem(string Reference, string What, int Attempts, string? LastError, DateTimeOffset Since);

/// <summary>A print batch as the list shows it (without its PDF).</summary>
public sealed record PrintBatchRow(int Number, int Letters, int Pages, string CreatedBy, DateTimeOffset CreatedAt);

/// <summary>Where the letters are, for the dispatch page: being made, failed, e-mails waiting and sent, print waiting, and the print batches.</summary>
public sealed record DispatchOverview(
    int LettersQueued,
    int EmailsWaiting,
    int EmailsSent,
    int BillLettersToPrint,
    int DunningLettersToPrint,
    IReadOnlyList<DispatchProblem> Problems,
    IReadOnlyList<PrintBatchRow> Batches)
{
    public int LettersToPrint => BillLettersToPrint + DunningLettersToPrint;
}

/// <summary>Loads the <see cref="DispatchOverview"/> in a few counting queries.</summary>
public sealed class DispatchOverviews(StadtwerkDbContext db)
{
    public async Task<DispatchOverview> LoadAsync(CancellationToken ct)
    {
        var queued = await db.QueuedBillDocuments.AsNoTracking().CountAsync(q => q.DoneAt == null && q.Attempts < QueuedBillDocument.MaxAttempts, ct);
        var failedLetters = await (from q in db.QueuedBillDocuments.AsNoTracking()
                                   where q.DoneAt == null && q.Attempts >= QueuedBillDocument.MaxAttempts
                                   join b in db.IssuedBills on q.BillId equals b.Id
                                   select new DispatchProblem(b.Number, "letter", q.Attempts, q.LastError, q.QueuedAt)).Take(100).ToListAsync(ct);
        var waiting = await db.OutgoingEmails.AsNoTracking().CountAsync(e => e.SentAt == null, ct);
        var failedEmails = (await db.OutgoingEmails.AsNoTracking().Where(e => e.SentAt == null && e.LastError != null)
                .OrderBy(e => e.Id).Take(100).Select(e => new { e.To, e.Purpose, e.Attempts, e.LastError, e.CreatedAt }).ToListAsync(ct))
            .Select(e => new DispatchProblem(e.Purpose, "email:" + e.To, e.Attempts, e.LastError, e.CreatedAt));
        var sent = await db.OutgoingEmails.AsNoTracking().CountAsync(e => e.SentAt != null, ct);
        var billsToPrint = await db.StoredDocuments.AsNoTracking().CountAsync(d => d.Channel == DispatchChannel.Print && d.PrintBatchId == null, ct);
        var dunningToPrint = await db.DunningNotices.AsNoTracking().CountAsync(n => n.Channel == DispatchChannel.Print && n.PrintBatchId == null, ct);
        var batches = await db.PrintBatches.AsNoTracking().OrderByDescending(b => b.Number).Take(50)
            .Select(b => new PrintBatchRow(b.Number, b.Letters, b.Pages, b.CreatedBy, b.CreatedAt)).ToListAsync(ct);
        return new DispatchOverview(
            queued, waiting, sent, billsToPrint, dunningToPrint, [.. failedLetters, .. failedEmails], batches);
    }
}
