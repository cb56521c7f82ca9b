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

    /// <summary>When the document was made and sent; none while it waits.</summary>
    public DateTimeOffset? DoneAt { get; private set; }

    public void Done(DateTimeOffset now) => DoneAt = now.ToUniversalTime();

    public static QueuedBillDocument For(IssuedBill bill, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return new QueuedBillDocument { BillId = bill.Id, QueuedAt = now.ToUniversalTime() };
    }
}
