namespace Stadtwerk.Infrastructure.Payments;

/// <summary>Which ISO 20022 cash-management message a bank file holds.</summary>
public enum CamtMessage
{
    /// <summary>camt.053 bank-to-customer statement (Kontoauszug): the booked entries of a day.</summary>
    Statement,

    /// <summary>camt.054 bank-to-customer debit/credit notification: details of single bookings, e.g. returned direct debits.</summary>
    Notification,
}

public enum CreditDebit
{
    /// <summary>CRDT: money into the utility's account.</summary>
    Credit,

    /// <summary>DBIT: money out of the utility's account.</summary>
    Debit,
}

/// <summary>A bank file as read: its message (with the version when the namespace names it, e.g. camt.053.001.02) and its entries in file order.</summary>
public sealed record CamtFile(CamtMessage Message, string MessageType, IReadOnlyList<CamtEntry> Entries)
{
    /// <summary>The transactions of all entries (an entry without details counts as one).</summary>
    public int TransactionCount => Entries.Sum(e => Math.Max(1, e.Transactions.Count));
}

/// <summary>The bank transaction code: ISO domain, family and sub-family (PMNT / RCDT / ESCT), and the proprietary code (NTRF+020, issuer DK or ZKA).</summary>
public sealed record CamtBankCode(string? Domain, string? Family, string? SubFamily, string? Proprietary)
{
    public static CamtBankCode None { get; } = new(null, null, null, null);

    public override string ToString() =>
        Family is null ? Proprietary ?? string.Empty : $"{Domain}/{Family}/{SubFamily}{(Proprietary is null ? string.Empty : " " + Proprietary)}";
}

/// <summary>
/// One entry (Ntry) of a statement or notification: one booking on the account, possibly a batch of several
/// transactions (<see cref="Transactions"/>, from NtryDtls/TxDtls).
/// </summary>
/// <param name="Number">1-based position of the entry in the file.</param>
/// <param name="Line">The line of the Ntry element.</param>
/// <param name="StatementId">Stmt/Id or Ntfctn/Id; missing in fragments.</param>
/// <param name="NumberInStatement">1-based position within its statement.</param>
/// <param name="Status">BOOK, PDNG, INFO ... (upper case); BOOK when the file does not say.</param>
/// <param name="BookingDate">BookgDt, else ValDt; null only for entries that are not booked.</param>
/// <param name="BatchSize">Btch/NbOfTxs when the bank says so.</param>
public sealed record CamtEntry(
    int Number,
    int Line,
    string? StatementId,
    int NumberInStatement,
    string? AccountIban,
    decimal Amount,
    string Currency,
    CreditDebit Direction,
    bool Reversal,
    string Status,
    DateOnly? BookingDate,
    string? EntryReference,
    string? AccountServicerReference,
    CamtBankCode Code,
    int? BatchSize,
    string? AdditionalInformation,
    IReadOnlyList<CamtTransaction> Transactions)
{
    public bool IsBooked => Status == "BOOK";
}

/// <summary>The references of a transaction (TxDtls/Refs); the placeholder "NOTPROVIDED" is read as none.</summary>
public sealed record CamtReferences(
    string? AccountServicerReference,
    string? EndToEndId,
    string? MandateId,
    string? TransactionId,
    string? InstructionId,
    string? PaymentInformationId,
    string? MessageId)
{
    public static CamtReferences None { get; } = new(null, null, null, null, null, null, null);
}

/// <summary>A party of a transaction (Dbtr, Cdtr) with its account's IBAN when it has one.</summary>
public sealed record CamtParty(string? Name, string? Iban)
{
    public static CamtParty None { get; } = new(null, null);
}

/// <summary>One transaction of an entry (TxDtls).</summary>
/// <param name="Amount">TxDtls/Amt, else AmtDtls/TxAmt, else AmtDtls/InstdAmt; null when the bank gives none.</param>
/// <param name="Unstructured">The Ustrd lines of the remittance information (Verwendungszweck), spaces collapsed.</param>
/// <param name="Structured">References of structured remittance (Strd: CdtrRefInf/Ref, RfrdDocInf/Nb, AddtlRmtInf).</param>
/// <param name="Returned">Whether the transaction carries return information (RtrInf): a returned direct debit or transfer.</param>
/// <param name="ReturnReason">RtrInf/Rsn/Cd (or Prtry), e.g. AC04, MD06, MS03.</param>
public sealed record CamtTransaction(
    int Line,
    decimal? Amount,
    string? Currency,
    CreditDebit? Direction,
    CamtReferences References,
    CamtParty Debtor,
    CamtParty Creditor,
    IReadOnlyList<string> Unstructured,
    IReadOnlyList<string> Structured,
    bool Returned,
    string? ReturnReason,
    string? ReturnInformation,
    CamtBankCode Code,
    string? AdditionalInformation)
{
    /// <summary>The remittance information as one text: the Ustrd lines, then the structured references.</summary>
    public string? RemittanceText =>
        Unstructured.Count + Structured.Count == 0 ? null : string.Join(' ', Unstructured.Concat(Structured));
}
