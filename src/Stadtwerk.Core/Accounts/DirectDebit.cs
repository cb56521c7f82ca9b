using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

public enum DirectDebitKind
{
    /// <summary>What the collection schedule asks on a due date: the installment (Abschlag) of the plan, plus agreed parts, less credit set off.</summary>
    Installment,

    /// <summary>The balance a bill claims (Nachzahlung), on its due date.</summary>
    BillBalance,
}

public enum DirectDebitStatus
{
    /// <summary>Waiting for the SEPA direct-debit file of its due date.</summary>
    Open,

    /// <summary>In a pain.008 file sent to the bank.</summary>
    Submitted,

    /// <summary>Refused by the bank before collection (pain.002 RJCT): not paid; a clerk contacts the customer.</summary>
    Rejected,

    /// <summary>Collected, then returned by the payer's bank (Rücklastschrift in a camt.053/054): owed again.</summary>
    Returned,

    /// <summary>Taken back before it went to the bank: its bill was cancelled or corrected, or the contract ended before the due date.</summary>
    Withdrawn,
}

/// <summary>
/// A SEPA collection entry (Lastschriftposten): an amount to collect from the contract's bank account under its
/// mandate on a due date. The billing run creates them for the next installment and a bill's balance; the
/// direct-debit file (pain.008) is made from the open entries of a due date.
/// </summary>
public sealed class DirectDebit : IVersioned
{
    private DirectDebit()
    {
        Iban = string.Empty;
        MandateReference = string.Empty;
        Reference = string.Empty;
        Key = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// What the entry collects, unique: <c>bill:{bill id}</c> for a bill's balance, <c>schedule:{contract id}:{due date}</c>
    /// for the schedule of a due date. Whoever creates an entry a second time (a repeated collection run, a bill and a
    /// run at once) is refused by the database, so nothing is collected twice.
    /// </summary>
    public string Key { get; private set; }

    public Guid ContractId { get; private set; }

    public DirectDebitKind Kind { get; private set; }

    public DateOnly DueOn { get; private set; }

    public decimal Amount { get; private set; }

    public string Iban { get; private set; }

    public string MandateReference { get; private set; }

    public DateOnly MandateSignedOn { get; private set; }

    /// <summary>The bill it comes from (its number is the remittance information).</summary>
    public Guid? BillId { get; private set; }

    public string Reference { get; private set; }

    public DirectDebitStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The direct-debit file it went to the bank in.</summary>
    public Guid? FileId { get; private set; }

    /// <summary>The file's payment information it stands in (PmtInfId), which a bank's status report may reject as a whole.</summary>
    public string? PaymentInformationId { get; private set; }

    /// <summary>The bank's reason for a rejection: ISO code and text (e.g. AC01 account identifier incorrect).</summary>
    public string? RejectionReason { get; private set; }

    public int Version { get; private set; }

    /// <summary>Put into a direct-debit file: from now on the bank collects it.</summary>
    public void Submit(Guid fileId, string paymentInformationId)
    {
        if (Status != DirectDebitStatus.Open)
        {
            throw new InvalidOperationException($"The direct debit {Reference} is in a file already.");
        }

        (Status, FileId, PaymentInformationId) = (DirectDebitStatus.Submitted, fileId, paymentInformationId);
    }

    /// <summary>Taken back while open (its bill was cancelled, the contract ended): it never goes to the bank. Returns whether it was open.</summary>
    public bool Withdraw(string reason)
    {
        if (Status != DirectDebitStatus.Open)
        {
            return false;
        }

        (Status, RejectionReason) = (DirectDebitStatus.Withdrawn, reason.Length > 200 ? reason[..200] : reason);
        return true;
    }

    /// <summary>The key of a bill's balance entry.</summary>
    public static string BillKey(Guid billId) => $"bill:{billId:N}";

    /// <summary>The key of the schedule's entry of a contract on a due date.</summary>
    public static string ScheduleKey(Guid contractId, DateOnly dueOn) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"schedule:{contractId:N}:{dueOn:yyyy-MM-dd}");

    /// <summary>The bank refused it (pain.002); only a submitted debit can be; a second report of the same is ignored.</summary>
    public bool Reject(string reason)
    {
        if (Status != DirectDebitStatus.Submitted)
        {
            return false;
        }

        (Status, RejectionReason) = (DirectDebitStatus.Rejected, reason.Length > 200 ? reason[..200] : reason);
        return true;
    }

    /// <summary>The entry as staff read it in a case: "R-… (Abschlag, fällig am 28.02.2027, Mandat M-1)".</summary>
    public string GermanDescription()
    {
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        return string.Create(german, $"{Reference} ({(Kind == DirectDebitKind.Installment ? "Abschlag" : "Nachzahlung")}, {Amount:N2} €, fällig am {DueOn:dd.MM.yyyy}, Mandat {MandateReference})");
    }

    /// <summary>The payer's bank returned it after collection (camt); only a submitted debit can be; a second report of the same is ignored.</summary>
    public bool Return(string? reason)
    {
        if (Status != DirectDebitStatus.Submitted)
        {
            return false;
        }

        var text = string.IsNullOrWhiteSpace(reason) ? "returned" : reason.Trim();
        (Status, RejectionReason) = (DirectDebitStatus.Returned, text.Length > 200 ? text[..200] : text);
        return true;
    }

    /// <summary>The balance a bill claims, collected on its due date; none when the contract pays by transfer (no mandate) or nothing is claimed.</summary>
    public static DirectDebit? ForBill(Contract contract, Stadtwerk.Core.Billing.IssuedBill bill, decimal amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bill);
        return Create(contract, DirectDebitKind.BillBalance, bill.DueOn, Math.Min(amount, bill.Balance), bill.Id, $"Rechnung {bill.Number}", BillKey(bill.Id), now);
    }

    /// <summary>What the collection schedule asks on <paramref name="dueOn"/>; none without a mandate or amount.</summary>
    public static DirectDebit? ForSchedule(Contract contract, DateOnly dueOn, decimal amount, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return Create(contract, DirectDebitKind.Installment, dueOn, amount, null, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Abschlag {dueOn:MM/yyyy} Vertrag {contract.ContractNumber}"), ScheduleKey(contract.Id, dueOn), now);
    }

    private static DirectDebit? Create(Contract contract, DirectDebitKind kind, DateOnly dueOn, decimal amount, Guid? billId, string reference, string key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        if (contract.BankAccount is not { } bank || amount <= 0)
        {
            return null;
        }

        return new DirectDebit
        {
            Id = Guid.CreateVersion7(),
            Key = key,
            ContractId = contract.Id,
            Kind = kind,
            DueOn = dueOn,
            Amount = amount,
            Iban = bank.Iban.Value,
            MandateReference = bank.MandateReference,
            MandateSignedOn = bank.MandateSignedOn,
            BillId = billId,
            Reference = Guard.NotBlank(reference, nameof(reference)),
            Status = DirectDebitStatus.Open,
            CreatedAt = now.ToUniversalTime(),
        };
    }
}

/// <summary>A SEPA direct-debit file (pain.008.001.08) as sent to the bank: immutable, with its XML.</summary>
public sealed class DirectDebitFile
{
    private DirectDebitFile()
    {
        MessageId = string.Empty;
        Xml = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The file's message identification (GrpHdr/MsgId), unique.</summary>
    public string MessageId { get; private set; }

    public DateOnly CollectionDate { get; private set; }

    public int Transactions { get; private set; }

    public decimal ControlSum { get; private set; }

    public int First { get; private set; }

    public int Recurring { get; private set; }

    public string Xml { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static DirectDebitFile Create(Guid id, string messageId, DateOnly collectionDate, int first, int recurring, decimal controlSum, string xml, string createdBy, DateTimeOffset now) => new()
    {
        Id = id,
        MessageId = Guard.NotBlank(messageId, nameof(messageId)),
        CollectionDate = collectionDate,
        Transactions = first + recurring,
        First = first,
        Recurring = recurring,
        ControlSum = controlSum,
        Xml = Guard.NotBlank(xml, nameof(xml)),
        CreatedBy = Guard.NotBlank(createdBy, nameof(createdBy)),
        CreatedAt = now.ToUniversalTime(),
    };
}
