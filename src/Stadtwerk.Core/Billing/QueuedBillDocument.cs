namespace Stadtwerk.Core.Billing;

/// <summary>
/// A bill waiting for its document (the letter, an e-invoice) and its dispatch: queued in the transaction that
/// issues the bill, so no bill goes without a letter and none gets two.
/// </summary>
public sealed class QueuedBillDocument
{
    private QueuedBillDocument()
    {
    }

    public Guid BillId { get; private set; }

    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>How many tries to make the letter failed (a letter that fails <see cref="MaxAttempts"/> times waits for a person).</summary>
    public const int MaxAttempts = 5;

    /// <summary>When the document was made and sent; none while it waits.</summary>
    public DateTimeOffset? DoneAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Why the last try failed.</summary>
    public string? LastError { get; private set; }

    public void Done(DateTimeOffset now) => DoneAt = now.ToUniversalTime();

    /// <summary>A try failed: counted, with the reason; after <see cref="MaxAttempts"/> the dispatcher leaves it alone.</summary>
    public void Failed(string error)
    {
        Attempts++;
        var text = string.IsNullOrWhiteSpace(error) ? "unknown error" : error.Trim();
        LastError = text.Length > 500 ? text[..500] : text;
    }

    public static QueuedBillDocument For(IssuedBill bill, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return new QueuedBillDocument { BillId = bill.Id, QueuedAt = now.ToUniversalTime() };
    }
}
