using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

/// <summary>What a bank statement entry is to the utility.</summary>
public enum BankTransactionKind
{
    /// <summary>Money received (a transfer or a collected direct debit).</summary>
    Payment,

    /// <summary>A direct debit returned by the customer's bank (Rücklastschrift).</summary>
    ReturnedDebit,

    /// <summary>A credit transfer of the utility's own that paid a customer's credit out (its end-to-end id is the payout's id).</summary>
    Refund,
}

public enum BankTransactionStatus
{
    /// <summary>Booked on a contract account.</summary>
    Matched,

    /// <summary>No contract found by its references: on the clerk's list.</summary>
    Unmatched,
}

/// <summary>
/// One entry of an imported bank statement (CAMT.053) or debit notification (CAMT.054), kept so that a file
/// imported twice books nothing twice (<see cref="Fingerprint"/>) and unmatched money waits for a clerk.
/// </summary>
public sealed class BankTransaction
{
    private BankTransaction()
    {
        Fingerprint = string.Empty;
        Currency = string.Empty;
        SourceFile = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The bank's reference for the entry (AcctSvcrRef), or a hash of its contents when there is none; unique.</summary>
    public string Fingerprint { get; private set; }

    public BankTransactionKind Kind { get; private set; }

    public BankTransactionStatus Status { get; private set; }

    public DateOnly BookingDate { get; private set; }

    /// <summary>Positive: received; the amount of a returned debit is positive too (its kind says it is a return).</summary>
    public decimal Amount { get; private set; }

    public string Currency { get; private set; }

    public string? CounterpartyName { get; private set; }

    public string? CounterpartyIban { get; private set; }

    public string? RemittanceInformation { get; private set; }

    public string? EndToEndId { get; private set; }

    public string? MandateReference { get; private set; }

    public string? ReturnReason { get; private set; }

    public Guid? ContractId { get; private set; }

    public string SourceFile { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    public static BankTransaction Create(
        string fingerprint, BankTransactionKind kind, DateOnly bookingDate, decimal amount, string currency, string? counterpartyName, string? counterpartyIban,
        string? remittanceInformation, string? endToEndId, string? mandateReference, string? returnReason, Contract? matched, string sourceFile, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        Fingerprint = Guard.NotBlank(fingerprint, nameof(fingerprint)),
        Kind = kind,
        Status = matched is null ? BankTransactionStatus.Unmatched : BankTransactionStatus.Matched,
        BookingDate = bookingDate,
        Amount = Guard.Positive(amount, nameof(amount)),
        Currency = Guard.NotBlank(currency, nameof(currency)),
        CounterpartyName = counterpartyName,
        CounterpartyIban = counterpartyIban,
        RemittanceInformation = remittanceInformation,
        EndToEndId = endToEndId,
        MandateReference = mandateReference,
        ReturnReason = returnReason,
        ContractId = matched?.Id,
        SourceFile = Guard.NotBlank(sourceFile, nameof(sourceFile)),
        ImportedAt = now.ToUniversalTime(),
    };

    /// <summary>A clerk assigns an unmatched payment to a contract.</summary>
    public void Assign(Contract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ContractId = contract.Id;
        Status = BankTransactionStatus.Matched;
    }
}
