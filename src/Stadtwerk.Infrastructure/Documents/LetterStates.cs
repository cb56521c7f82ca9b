using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>One e-mail of a bill's letter (the first, or one sent again): to whom, and whether it went.</summary>
public sealed record LetterEmail(string To, DateTimeOffset QueuedAt, DateTimeOffset? SentAt, int Attempts, string? LastError);

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

/// <summary>Where bill letters are (queued, made, e-mailed, printed), read for the API and the contract page alike.</summary>
public sealed class LetterStates(StadtwerkDbContext db)
{
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
}
