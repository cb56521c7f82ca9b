using Stadtwerk.Core;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>How the import of one bank file ended: its entries booked and stored, or nothing stored.</summary>
public abstract record PaymentImportResult(string File)
{
    public sealed record Imported(PaymentImportSummary Summary) : PaymentImportResult(Summary.File);

    /// <summary>The file cannot be read as camt.053/camt.054 (<see cref="Problem"/> names where and why); nothing was stored.</summary>
    public sealed record Rejected(string File, Core.Text Problem) : PaymentImportResult(File)
    {
        public override string ToString() => $"{File}: {Problem}";
    }
}

/// <summary>What the import of a bank file did.</summary>
/// <param name="Entries">Entries (Ntry) read.</param>
/// <param name="Transactions">Transactions read (an entry without details counts as one, a batch as its TxDtls).</param>
/// <param name="PaymentsTotal">The sum of the payments booked (EUR).</param>
/// <param name="ReturnsTotal">The sum of the returned direct debits booked (EUR).</param>
/// <param name="Unmatched">Payments and returns stored for a clerk, with why no contract was found.</param>
/// <param name="Skipped">Entries that book nothing (debits that are not returns, reversed credits, pending entries).</param>
/// <param name="AlreadyImported">Transactions stored by an earlier import (same fingerprint): not booked again.</param>
/// <param name="BatchTotalsDetailed">Batch totals an earlier file stored unmatched, replaced by their transactions from this file.</param>
public sealed record PaymentImportSummary(
    string File,
    string MessageType,
    int Entries,
    int Transactions,
    int PaymentsBooked,
    decimal PaymentsTotal,
    int ReturnsBooked,
    decimal ReturnsTotal,
    IReadOnlyList<BookedTransaction> Booked,
    IReadOnlyList<UnmatchedTransaction> Unmatched,
    IReadOnlyList<SkippedEntry> Skipped,
    int AlreadyImported,
    int BatchTotalsDetailed);

/// <summary>A payment or returned direct debit booked on a contract account, and the rule that found the contract.</summary>
public sealed record BookedTransaction(Guid Id, BankTransactionKind Kind, string ContractNumber, DateOnly BookingDate, decimal Amount, string Reference, string MatchedBy);

/// <summary>A payment or returned direct debit on the clerk's list.</summary>
public sealed record UnmatchedTransaction(
    Guid Id, BankTransactionKind Kind, DateOnly BookingDate, decimal Amount, string Currency, string? Name, string? Iban, string? RemittanceInformation, string Reason);

/// <summary>The outcome of a clerk assigning a stored bank transaction to a contract.</summary>
public abstract record AssignResult
{
    private AssignResult()
    {
    }

    public sealed record Assigned(BankTransaction Transaction, LedgerEntry Entry, string ContractNumber) : AssignResult;

    public sealed record NotFound(string What) : AssignResult;

    /// <summary>The request names something that cannot be used (an unknown contract).</summary>
    public sealed record Invalid(string Field, Text Text) : AssignResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }

    /// <summary>The transaction is booked already, or cannot be booked on a contract account.</summary>
    public sealed record Conflict(string Field, Text Text) : AssignResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }
}

/// <summary>
/// Imports bank files (camt.053 statements, camt.054 notifications; docs/payments.md): reads the whole file first
/// (<see cref="CamtReader"/>), plans its payments and returned direct debits (<see cref="BookingPlan"/>), leaves out
/// what an earlier import stored (fingerprints), matches the rest to contracts (<see cref="PaymentMatcher"/>) and
/// stores every transaction with its ledger entry in one database transaction: all of the file or nothing.
/// </summary>
public sealed class PaymentImporter(StadtwerkDbContext db, TimeProvider clock)
{
    /// <summary>The currency contract accounts are kept in; payments in others wait for a clerk.</summary>
    public const string AccountCurrency = "EUR";

    private const int ChunkSize = 2_000;

    /// <summary>Imports a bank file from <paramref name="content"/>; <paramref name="fileName"/> is recorded on its transactions.</summary>
    public async Task<PaymentImportResult> ImportAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var read = CamtReader.Read(content);
        if (read.Value is not { } file)
        {
            return new PaymentImportResult.Rejected(fileName, read.Reason!);
        }

        var (entries, skipped) = BookingPlan.From(file);
        var sourceFile = BookingPlan.Clip(Path.GetFileName(fileName), 260)!;
        try
        {
            return new PaymentImportResult.Imported(await StoreAsync(file, entries, skipped, sourceFile, ct));
        }
        catch (DbUpdateException)
        {
            // Another import stored some of these entries between our check and our write: the file again, now
            // seeing them as imported.
            db.ChangeTracker.Clear();
            return new PaymentImportResult.Imported(await StoreAsync(file, entries, skipped, sourceFile, ct));
        }
    }

    /// <summary>A clerk books a stored, unmatched payment or returned direct debit on a contract.</summary>
    public async Task<AssignResult> AssignAsync(Guid transactionId, string contractNumber, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contractNumber);
        var transaction = await db.BankTransactions.FirstOrDefaultAsync(t => t.Id == transactionId, ct);
        if (transaction is null)
        {
            return new AssignResult.NotFound($"Bank transaction {transactionId}");
        }

        var number = contractNumber.Trim();
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == number, ct);
        if (contract is null)
        {
            return new AssignResult.Invalid("contractNumber", $"contract {number} does not exist");
        }

        if (transaction.Status == BankTransactionStatus.Matched)
        {
            var booked = await db.Contracts.AsNoTracking().Where(c => c.Id == transaction.ContractId).Select(c => c.ContractNumber).FirstOrDefaultAsync(ct);
            return new AssignResult.Conflict("status", $"the transaction is booked on contract {booked} already");
        }

        if (transaction.Currency != AccountCurrency)
        {
            return new AssignResult.Conflict("currency", $"the transaction is in {transaction.Currency}; contract accounts are kept in {AccountCurrency}");
        }

        transaction.Assign(contract);
        // The bank's reference is the fingerprint unless the entry had none (then the fingerprint is a hash).
        var reference = transaction.Fingerprint.StartsWith(BookingPlan.HashPrefix, StringComparison.Ordinal)
            ? transaction.EndToEndId ?? transaction.Fingerprint
            : transaction.Fingerprint;
        var entry = Ledger(transaction, contract, reference, clock.GetUtcNow());
        await using var dbTransaction = await db.Database.BeginTransactionAsync(ct);

        // Only one clerk books it: the row changes only while it is still unmatched.
        var changed = await db.BankTransactions
            .Where(t => t.Id == transactionId && t.Status == BankTransactionStatus.Unmatched)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.Status, transaction.Status).SetProperty(t => t.ContractId, transaction.ContractId), ct);
        if (changed == 0)
        {
            return new AssignResult.Conflict("status", "the transaction was booked by someone else a moment ago");
        }

        db.Entry(transaction).State = EntityState.Detached; // stored by the update above
        db.LedgerEntries.Add(entry);
        if (transaction.Kind == BankTransactionKind.ReturnedDebit)
        {
            await ReturnedDebits.RecordAsync(db, [(transaction, contract)], clock.GetUtcNow(), ct);
        }

        await db.SaveChangesAsync(ct);
        await dbTransaction.CommitAsync(ct);
        return new AssignResult.Assigned(transaction, entry, contract.ContractNumber);
    }

    private async Task<PaymentImportSummary> StoreAsync(
        CamtFile file, IReadOnlyList<PlannedEntry> entries, IReadOnlyList<SkippedEntry> skipped, string sourceFile, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var dbTransaction = await db.Database.BeginTransactionAsync(ct);

        var stored = new Dictionary<string, (Guid Id, BankTransactionStatus Status)>(StringComparer.Ordinal);
        foreach (var chunk in entries.SelectMany(e => e.StoredUnder).Distinct(StringComparer.Ordinal).Chunk(ChunkSize))
        {
            foreach (var row in await db.BankTransactions.AsNoTracking()
                .Where(t => EF.Parameter(chunk).Contains(t.Fingerprint))
                .Select(t => new { t.Fingerprint, t.Id, t.Status })
                .ToListAsync(ct))
            {
                stored[row.Fingerprint] = (row.Id, row.Status);
            }
        }

        // The details of a batch (a camt.054, or a statement with TxDtls) replace its total stored unmatched by an
        // earlier file (a camt.053 showing the batch as one entry): the clerk could not book the total anyway.
        var detailing = new HashSet<PlannedEntry>(
            entries.Where(e => e.Transactions.Count > 1 && !stored.ContainsKey(e.Key + "#1")
                && stored.TryGetValue(e.Key, out var total) && total.Status == BankTransactionStatus.Unmatched),
            ReferenceEqualityComparer.Instance);
        var replacedTotals = detailing.Select(e => stored[e.Key].Id).ToList();
        foreach (var chunk in replacedTotals.Chunk(ChunkSize))
        {
            await db.BankTransactions.Where(t => EF.Parameter(chunk).Contains(t.Id)).ExecuteDeleteAsync(ct);
        }

        var alreadyImported = entries.Where(e => e.StoredUnder.Any(stored.ContainsKey) && !detailing.Contains(e)).ToList();
        var toStore = entries.Where(e => !e.StoredUnder.Any(stored.ContainsKey) || detailing.Contains(e)).SelectMany(e => e.Transactions).ToList();

        // Payouts of ours that the statement shows: booked as refunds on the contracts they paid.
        var payoutIds = toStore.Where(t => t.Kind == BankTransactionKind.Refund).Select(t => Guid.ParseExact(t.EndToEndId!, "N")).ToList();
        var payouts = payoutIds.Count == 0 ? [] : await db.CreditTransfers.Where(t => payoutIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var payoutContractIds = payouts.Values.Select(p => p.ContractId).Distinct().ToList();
        var payoutContracts = payoutContractIds.Count == 0 ? [] : await db.Contracts.AsNoTracking().Where(c => payoutContractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);

        var matcher = new PaymentMatcher(db);
        await matcher.LoadAsync([.. toStore.Where(t => t.Kind != BankTransactionKind.Refund)], ct);

        var booked = new List<BookedTransaction>();
        var unmatched = new List<UnmatchedTransaction>();
        var returned = new List<(BankTransaction, Contract)>();
        foreach (var planned in toStore)
        {
            var match = planned.Kind != BankTransactionKind.Refund ? matcher.Match(planned)
                : payouts.GetValueOrDefault(Guid.ParseExact(planned.EndToEndId!, "N")) is not { } payout ? new MatchResult(null, "an outgoing transfer with an end-to-end id that is no payout of ours")
                : payout.Amount != planned.Amount ? new MatchResult(null, $"the payout {payout.Reference} is {payout.Amount:0.00} €, the bank sent {planned.Amount:0.00} €")
                : payout.Book() ? new MatchResult(payoutContracts[payout.ContractId], $"payout {payout.Reference}")
                : new MatchResult(null, $"the payout {payout.Reference} is {payout.Status}, not submitted");
            var transaction = BankTransaction.Create(
                planned.Fingerprint, planned.Kind, planned.BookingDate, planned.Amount, planned.Currency, planned.Name, planned.Iban,
                planned.Remittance, planned.EndToEndId, planned.MandateId, planned.ReturnReason, match.Contract, sourceFile, now);
            db.BankTransactions.Add(transaction);
            if (match.Contract is { } contract)
            {
                db.LedgerEntries.Add(Ledger(transaction, contract, planned.BankReference, now));
                if (planned.Kind == BankTransactionKind.ReturnedDebit)
                {
                    returned.Add((transaction, contract));
                }

                booked.Add(new BookedTransaction(transaction.Id, planned.Kind, contract.ContractNumber, planned.BookingDate, planned.Amount, planned.BankReference, match.Explanation));
            }
            else
            {
                unmatched.Add(new UnmatchedTransaction(
                    transaction.Id, planned.Kind, planned.BookingDate, planned.Amount, planned.Currency, planned.Name, planned.Iban, planned.Remittance, match.Explanation));
            }
        }

        await ReturnedDebits.RecordAsync(db, returned, now, ct);
        await db.SaveChangesAsync(ct);
        await dbTransaction.CommitAsync(ct);
        db.ChangeTracker.Clear();

        var payments = booked.Where(b => b.Kind == BankTransactionKind.Payment).ToList();
        var returns = booked.Where(b => b.Kind == BankTransactionKind.ReturnedDebit).ToList();
        return new PaymentImportSummary(
            sourceFile,
            file.MessageType,
            file.Entries.Count,
            file.TransactionCount,
            payments.Count,
            payments.Sum(p => p.Amount),
            returns.Count,
            returns.Sum(r => r.Amount),
            booked,
            unmatched,
            skipped,
            alreadyImported.Sum(e => e.Transactions.Count),
            detailing.Count);
    }

    /// <summary>
    /// A payment that names a bill pays that bill's balance; any other payment on a contract (a collected direct
    /// debit, a transfer naming the contract or account) is an installment, credited on the next bill.
    /// </summary>
    private static LedgerEntry Ledger(BankTransaction transaction, Contract contract, string reference, DateTimeOffset now) => transaction.Kind switch
    {
        BankTransactionKind.Payment when PaymentMatcher.BillNumbers(transaction.RemittanceInformation).FirstOrDefault() is { } bill =>
            LedgerEntry.Payment(contract, transaction.BookingDate, transaction.Amount, reference, now, bill),
        BankTransactionKind.Payment => LedgerEntry.Installment(contract, transaction.BookingDate, transaction.Amount, reference, now),
        BankTransactionKind.Refund => LedgerEntry.ForRefund(contract, transaction.BookingDate, transaction.Amount, reference, now),
        _ => LedgerEntry.ReturnedDebit(contract, transaction.BookingDate, transaction.Amount, reference, now, transaction.ReturnReason),
    };
}
