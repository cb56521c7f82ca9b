using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

/// <summary>What a ledger entry records on a contract account.</summary>
public enum LedgerEntryKind
{
    /// <summary>A payment received that is not an installment, e.g. of a bill's balance (credit).</summary>
    Payment,

    /// <summary>An installment (Abschlag) received, credited on the next bill (credit).</summary>
    Installment,

    /// <summary>The gross amount of an issued bill (debit); the installments paid were credited as payments.</summary>
    Bill,

    /// <summary>A credit balance paid out to the customer (debit).</summary>
    Refund,

    /// <summary>A direct debit the customer's bank returned (debit: the amount is owed again).</summary>
    ReturnedDebit,

    /// <summary>The cancellation of a bill (credit of the cancelled bill's gross).</summary>
    Cancellation,

    /// <summary>The fee of a dunning notice (Mahngebühr, debit).</summary>
    DunningFee,
}

/// <summary>
/// One entry of a contract account (Vertragskonto), append-only: positive amounts are owed by the customer,
/// negative ones are in the customer's favour. The balance is the sum of the entries, never stored.
/// </summary>
public sealed class LedgerEntry
{
    private LedgerEntry()
    {
        Reference = string.Empty;
    }

    public const int MaxNoteLength = 200;

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public DateOnly BookedOn { get; private set; }

    public LedgerEntryKind Kind { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The bill number, the payment's reference, ...</summary>
    public string Reference { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>What the entry says besides its reference, e.g. why a direct debit came back.</summary>
    public string? Note { get; private set; }

    /// <summary>The bill a payment names in its remittance information: the payment is allocated to that bill's items first.</summary>
    public string? BillNumber { get; private set; }

    public static LedgerEntry Payment(Contract contract, DateOnly bookedOn, decimal amount, string reference, DateTimeOffset now, string? billNumber = null)
    {
        var entry = Create(contract, bookedOn, LedgerEntryKind.Payment, -Guard.Positive(amount, nameof(amount)), reference, now);
        entry.BillNumber = billNumber;
        return entry;
    }

    /// <summary>An installment received (direct debit collected or transferred), credited on the next bill.</summary>
    public static LedgerEntry Installment(Contract contract, DateOnly bookedOn, decimal amount, string reference, DateTimeOffset now) =>
        Create(contract, bookedOn, LedgerEntryKind.Installment, -Guard.Positive(amount, nameof(amount)), reference, now);

    public static LedgerEntry ForBill(Contract contract, DateOnly bookedOn, decimal gross, string billNumber, DateTimeOffset now) =>
        Create(contract, bookedOn, LedgerEntryKind.Bill, gross, billNumber, now);

    /// <summary>A direct debit the payer's bank sent back: owed again, with the bank's reason (ISO code) in words.</summary>
    public static LedgerEntry ReturnedDebit(Contract contract, DateOnly bookedOn, decimal amount, string reference, DateTimeOffset now, string? reason = null)
    {
        var entry = Create(contract, bookedOn, LedgerEntryKind.ReturnedDebit, Guard.Positive(amount, nameof(amount)), reference, now);
        entry.Note = "Rückgabegrund " + SepaReturnReasons.Describe(reason);
        if (entry.Note.Length > MaxNoteLength)
        {
            entry.Note = entry.Note[..MaxNoteLength];
        }

        return entry;
    }

    public static LedgerEntry ForCancellation(Contract contract, DateOnly bookedOn, decimal cancelledGross, string cancellationNumber, DateTimeOffset now) =>
        Create(contract, bookedOn, LedgerEntryKind.Cancellation, -cancelledGross, cancellationNumber, now);

    public static LedgerEntry ForRefund(Contract contract, DateOnly bookedOn, decimal amount, string reference, DateTimeOffset now) =>
        Create(contract, bookedOn, LedgerEntryKind.Refund, Guard.Positive(amount, nameof(amount)), reference, now);

    public static LedgerEntry ForDunningFee(Contract contract, DateOnly bookedOn, decimal fee, string noticeReference, DateTimeOffset now) =>
        Create(contract, bookedOn, LedgerEntryKind.DunningFee, Guard.Positive(fee, nameof(fee)), noticeReference, now);

    private static LedgerEntry Create(Contract contract, DateOnly bookedOn, LedgerEntryKind kind, decimal amount, string reference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new LedgerEntry
        {
            Id = Guid.CreateVersion7(),
            ContractId = contract.Id,
            BookedOn = bookedOn,
            Kind = kind,
            Amount = amount,
            Reference = Guard.NotBlank(reference, nameof(reference)),
            CreatedAt = now.ToUniversalTime(),
        };
    }
}
