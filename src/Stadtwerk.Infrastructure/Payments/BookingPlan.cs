using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// What the entries of a bank file are to the utility, before any database is asked: payments, returned direct
/// debits (Rücklastschriften) and entries that are skipped, each payment or return with the fingerprint that
/// makes a second import of the same booking recognisable. Batch entries whose transactions have amounts that
/// add up are split, one planned transaction per TxDtls, since each may belong to another contract.
/// </summary>
internal static class BookingPlan
{
    public const string AccountCurrency = PaymentImporter.AccountCurrency;

    /// <summary>Starts the fingerprint of an entry without a usable bank reference.</summary>
    public const string HashPrefix = "sha256:";

    public static (IReadOnlyList<PlannedEntry> Entries, IReadOnlyList<SkippedEntry> Skipped) From(CamtFile file)
    {
        ArgumentNullException.ThrowIfNull(file);

        // The bank's reference identifies a booking only when no other entry of the file carries it too
        // (some banks' files repeat one reference on several entries).
        var referenceCounts = file.Entries
            .Where(e => e.AccountServicerReference is not null)
            .GroupBy(e => e.AccountServicerReference!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var planned = new List<PlannedEntry>();
        var skipped = new List<SkippedEntry>();
        foreach (var entry in file.Entries)
        {
            if (SkipReason(entry) is { } reason)
            {
                skipped.Add(new SkippedEntry(entry.Number, entry.Direction, entry.Amount, entry.Currency, reason));
                continue;
            }

            var key = entry.AccountServicerReference is { Length: <= 35 } reference && referenceCounts[reference] == 1
                ? reference
                : Hash(entry);
            var kind = entry.Direction == CreditDebit.Credit ? BankTransactionKind.Payment
                : IsReturn(entry) ? BankTransactionKind.ReturnedDebit
                : BankTransactionKind.Refund;
            planned.Add(new PlannedEntry(entry, key, Split(entry, key, kind)));
        }

        return (planned, skipped);
    }

    /// <summary>Why an entry books nothing, or null for a payment (credit) or a returned direct debit.</summary>
    private static string? SkipReason(CamtEntry entry)
    {
        if (!entry.IsBooked)
        {
            return $"not booked by the bank (status {entry.Status})";
        }

        if (entry.Amount == 0)
        {
            return "amount 0";
        }

        if (entry.Direction == CreditDebit.Credit)
        {
            return entry.Reversal ? "a credit reversing an earlier debit (RvslInd)" : null;
        }

        return IsReturn(entry) || IsOurPayout(entry) ? null : "a debit that is not a returned direct debit (fee, outgoing transfer)";
    }

    /// <summary>
    /// A debit is a returned direct debit when it is a reversal (RvslInd), carries return information (RtrInf)
    /// or has the bank transaction sub-family of an unpaid or reversed direct debit (UPDD, PRDD).
    /// </summary>
    private static bool IsReturn(CamtEntry entry) =>
        entry.Reversal
        || entry.Transactions.Any(t => t.Returned)
        || entry.Code.SubFamily is "UPDD" or "PRDD"
        || entry.Transactions.Any(t => t.Code.SubFamily is "UPDD" or "PRDD");

    /// <summary>An outgoing transfer whose end-to-end id is one of ours: a payout's id (32 hexadecimal digits).</summary>
    private static bool IsOurPayout(CamtEntry entry) =>
        !entry.Reversal && entry.Transactions.Count > 0
        && entry.Transactions.All(t => t.References.EndToEndId is { Length: 32 } id && Guid.TryParseExact(id, "N", out _));

    private static List<PlannedTransaction> Split(CamtEntry entry, string key, BankTransactionKind kind)
    {
        var transactions = entry.Transactions;
        if (transactions.Count >= 2
            && transactions.All(t => t.Amount is not null && (t.Currency is null || t.Currency == entry.Currency))
            && transactions.Sum(t => t.Amount!.Value) == entry.Amount)
        {
            return [.. transactions
                .Where(t => t.Amount > 0)
                .Select((t, i) => Plan(entry, t, string.Create(CultureInfo.InvariantCulture, $"{key}#{i + 1}"), kind, t.Amount!.Value, null))];
        }

        var single = transactions.Count == 1 ? transactions[0] : null;
        var batch = Math.Max(entry.BatchSize ?? 0, transactions.Count);
        var notMatched = batch switch
        {
            > 1 when transactions.Count >= 2 => $"a batch of {batch} transactions whose amounts do not add up to the entry",
            > 1 => $"a batch of {batch} transactions without their details (the bank sends them in a camt.054 notification)",
            _ => null,
        };
        var plan = Plan(entry, single, key, kind, entry.Amount, notMatched);
        return single is null && transactions.Count > 1
            ? [plan with { Remittance = Clip(string.Join(" / ", transactions.Select(t => t.RemittanceText).OfType<string>()), 500) }]
            : [plan];
    }

    private static PlannedTransaction Plan(CamtEntry entry, CamtTransaction? transaction, string fingerprint, BankTransactionKind kind, decimal amount, string? notMatched)
    {
        var refs = transaction?.References ?? CamtReferences.None;
        var debtor = transaction?.Debtor ?? CamtParty.None;
        if (notMatched is null && entry.Currency != AccountCurrency)
        {
            notMatched = $"in {entry.Currency}: contract accounts are kept in {AccountCurrency}";
        }

        if (notMatched is null && kind == BankTransactionKind.Payment && transaction is { Returned: true })
        {
            notMatched = $"a returned transfer of the utility's own{(transaction.ReturnReason is { } r ? $" ({r})" : string.Empty)}, not a customer's payment";
        }

        var bankReference = refs.AccountServicerReference ?? entry.AccountServicerReference ?? entry.EntryReference ?? refs.EndToEndId
            ?? string.Create(CultureInfo.InvariantCulture, $"{entry.StatementId ?? "statement"} entry {entry.NumberInStatement}");
        return new PlannedTransaction(
            fingerprint,
            kind,
            entry.BookingDate ?? throw new InvalidOperationException("A booked entry has a booking date (checked by the reader)."),
            amount,
            entry.Currency,
            Clip(debtor.Name, 140),
            debtor.Iban is { Length: <= 34 } iban ? iban : null,
            Clip(transaction?.RemittanceText, 500),
            Clip(refs.EndToEndId, 35),
            Clip(refs.MandateId, 35),
            Clip(transaction?.ReturnReason, 10),
            Clip(bankReference, 100)!,
            notMatched);
    }

    /// <summary>SHA-256 of the statement id, the entry's place in it, amount, date and references: for entries without a usable bank reference.</summary>
    private static string Hash(CamtEntry entry)
    {
        var parts = new List<string?>
        {
            entry.StatementId,
            entry.NumberInStatement.ToString(CultureInfo.InvariantCulture),
            entry.Direction.ToString(),
            entry.Amount.ToString("0.00", CultureInfo.InvariantCulture),
            entry.Currency,
            entry.BookingDate?.ToIso(),
            entry.EntryReference,
            entry.AccountServicerReference,
        };
        foreach (var t in entry.Transactions)
        {
            parts.AddRange([t.References.AccountServicerReference, t.References.EndToEndId, t.References.TransactionId, t.References.MandateId, t.References.InstructionId, t.Amount?.ToString("0.00", CultureInfo.InvariantCulture)]);
        }

        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', parts.Select(p => p ?? string.Empty))));
        return HashPrefix + Convert.ToHexStringLower(bytes);
    }

    internal static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>An entry to book: its key (the bank's reference or a hash) and its transactions (one, or one per TxDtls of a split batch).</summary>
internal sealed record PlannedEntry(CamtEntry Entry, string Key, IReadOnlyList<PlannedTransaction> Transactions)
{
    /// <summary>
    /// The fingerprints under which an earlier import stored this entry: its key when it was booked whole, key#1
    /// when it was split (a camt.054 with the details of a batch that a camt.053 shows as one entry, or the other way round).
    /// </summary>
    public IEnumerable<string> StoredUnder => [Key, Key + "#1"];
}

/// <summary>One payment or returned direct debit to store as a <see cref="BankTransaction"/>, with what the matching needs.</summary>
/// <param name="NotMatched">Why the transaction goes to the clerk without trying to match it, or null.</param>
internal sealed record PlannedTransaction(
    string Fingerprint,
    BankTransactionKind Kind,
    DateOnly BookingDate,
    decimal Amount,
    string Currency,
    string? Name,
    string? Iban,
    string? Remittance,
    string? EndToEndId,
    string? MandateId,
    string? ReturnReason,
    string BankReference,
    string? NotMatched);

/// <summary>An entry that books nothing, with why.</summary>
public sealed record SkippedEntry(int Entry, CreditDebit Direction, decimal Amount, string Currency, string Reason);
