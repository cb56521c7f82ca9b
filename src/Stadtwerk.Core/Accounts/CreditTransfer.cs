using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

public enum CreditTransferStatus
{
    /// <summary>Waits for the credit-transfer file of its execution date.</summary>
    Open,

    /// <summary>Above the approval limit: a second person must approve it before it is paid.</summary>
    AwaitingApproval,

    /// <summary>The contract has no bank account: a clerk asks the customer for one.</summary>
    WaitingForIban,

    /// <summary>In a pain.001 file sent to the bank.</summary>
    Submitted,

    /// <summary>The bank statement (camt) shows the money left: booked as a refund on the contract account.</summary>
    Booked,

    /// <summary>Not paid: its bill was cancelled, the credit is set off instead, or a clerk stopped it.</summary>
    Withdrawn,
}

/// <summary>
/// A credit paid out to the customer (Erstattung, Guthabenauszahlung) as a SEPA credit transfer: the amount, the
/// customer's IBAN and the date the letter promised. Above a configured amount a second person approves it; without
/// an IBAN it waits on the clerks' list. The refund is booked on the contract account when the bank statement shows
/// the transfer (<see cref="Book"/>).
/// </summary>
public sealed class CreditTransfer : IVersioned
{
    private CreditTransfer()
    {
        Reference = string.Empty;
        RequestedBy = string.Empty;
        Key = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>What it pays out, unique: <c>bill:{bill id}</c> for a bill's credit.</summary>
    public string Key { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid? BillId { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The day the money is to reach the customer at the latest (ReqdExctnDt): the date the letter names.</summary>
    public DateOnly ExecuteOn { get; private set; }

    public string? Iban { get; private set; }

    public string? Holder { get; private set; }

    public string Reference { get; private set; }

    public CreditTransferStatus Status { get; private set; }

    public string RequestedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public Guid? FileId { get; private set; }

    public string? Note { get; private set; }

    public int Version { get; private set; }

    /// <summary>The payout of a bill's credit, or none when the bill leaves no credit.</summary>
    public static CreditTransfer? ForBill(Contract contract, IssuedBill bill, decimal amount, decimal approvalLimit, string requestedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(bill);
        if (bill.Balance >= 0 || bill.Kind == BillKind.Cancellation || amount <= 0)
        {
            return null;
        }

        var transfer = new CreditTransfer
        {
            Id = Guid.CreateVersion7(),
            Key = $"bill:{bill.Id:N}",
            ContractId = contract.Id,
            BillId = bill.Id,
            Amount = Math.Min(amount, -bill.Balance),
            ExecuteOn = bill.DueOn,
            Reference = $"Guthaben Rechnung {bill.Number}",
            RequestedBy = Guard.NotBlank(requestedBy, nameof(requestedBy)),
            CreatedAt = now.ToUniversalTime(),
        };
        transfer.Status = contract.BankAccount is null ? CreditTransferStatus.WaitingForIban
            : transfer.Amount > approvalLimit ? CreditTransferStatus.AwaitingApproval
            : CreditTransferStatus.Open;
        (transfer.Iban, transfer.Holder) = (contract.BankAccount?.Iban.Value, contract.BankAccount?.Holder);
        return transfer;
    }

    /// <summary>A second person approves a payout above the limit: never the one who asked for it.</summary>
    public DomainResult<CreditTransfer> Approve(string approver, DateTimeOffset now)
    {
        if (Status != CreditTransferStatus.AwaitingApproval)
        {
            return DomainResult<CreditTransfer>.Invalid("status", "this payout does not wait for approval");
        }

        if (string.Equals(approver, RequestedBy, StringComparison.OrdinalIgnoreCase))
        {
            return DomainResult<CreditTransfer>.Invalid("approver", $"{approver} asked for this payout; a second person must approve it");
        }

        (Status, ApprovedBy, ApprovedAt) = (CreditTransferStatus.Open, Guard.NotBlank(approver, nameof(approver)), now.ToUniversalTime());
        return DomainResult<CreditTransfer>.Ok(this);
    }

    /// <summary>The customer gave an account (the contract's bank account now): the payout can go.</summary>
    public bool UseAccount(Contract contract, decimal approvalLimit)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (Status != CreditTransferStatus.WaitingForIban || contract.BankAccount is not { } bank)
        {
            return false;
        }

        (Iban, Holder) = (bank.Iban.Value, bank.Holder);
        Status = Amount > approvalLimit && ApprovedBy is null ? CreditTransferStatus.AwaitingApproval : CreditTransferStatus.Open;
        return true;
    }

    public void Submit(Guid fileId)
    {
        if (Status != CreditTransferStatus.Open)
        {
            throw new InvalidOperationException($"The payout {Reference} is not open.");
        }

        (Status, FileId) = (CreditTransferStatus.Submitted, fileId);
    }

    /// <summary>The bank statement shows it: from now on the refund is on the account. A second report changes nothing.</summary>
    public bool Book()
    {
        if (Status != CreditTransferStatus.Submitted)
        {
            return false;
        }

        Status = CreditTransferStatus.Booked;
        return true;
    }

    /// <summary>Not paid (bill cancelled, credit set off, stopped by a clerk); only before it went to the bank.</summary>
    public bool Withdraw(string reason)
    {
        if (Status is CreditTransferStatus.Submitted or CreditTransferStatus.Booked or CreditTransferStatus.Withdrawn)
        {
            return false;
        }

        (Status, Note) = (CreditTransferStatus.Withdrawn, reason.Length > 200 ? reason[..200] : reason);
        return true;
    }

    /// <summary>The customer chose another date (e.g. a refund agreed on the phone, paid within two weeks).</summary>
    public void Reschedule(DateOnly executeOn)
    {
        if (Status is CreditTransferStatus.Open or CreditTransferStatus.AwaitingApproval or CreditTransferStatus.WaitingForIban)
        {
            ExecuteOn = executeOn;
        }
    }
}

/// <summary>A SEPA credit-transfer file (pain.001.001.09) as sent to the bank: immutable, with its XML.</summary>
public sealed class CreditTransferFile
{
    private CreditTransferFile()
    {
        MessageId = string.Empty;
        Xml = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public string MessageId { get; private set; }

    public DateOnly ExecutionDate { get; private set; }

    public int Transactions { get; private set; }

    public decimal ControlSum { get; private set; }

    public string Xml { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static CreditTransferFile Create(Guid id, string messageId, DateOnly executionDate, int transactions, decimal controlSum, string xml, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        MessageId = Guard.NotBlank(messageId, nameof(messageId)),
        ExecutionDate = executionDate,
        Transactions = transactions,
        ControlSum = controlSum,
        Xml = Guard.NotBlank(xml, nameof(xml)),
        CreatedBy = Guard.NotBlank(createdBy, nameof(createdBy)),
        CreatedAt = now.ToUniversalTime(),
    };
}
