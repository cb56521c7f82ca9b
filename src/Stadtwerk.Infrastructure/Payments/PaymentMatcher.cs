using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>The contract a transaction belongs to and the rule that found it, or why none was found.</summary>
internal sealed record MatchResult(Contract? Contract, string Explanation);

/// <summary>
/// Finds the contract of each payment and returned direct debit of a file, set-based: the numbers, references and
/// IBANs of all transactions are collected first and looked up with one query per kind of key (in chunks of
/// <see cref="ChunkSize"/>), never one query per transaction.
/// </summary>
/// <remarks>
/// A payment is matched by these rules, in this order: a bill number (yyyy-nnnnnnn) in the remittance information
/// (Verwendungszweck) → the bill's contract; a contract number; a contract account number (Vertragskonto); the
/// mandate reference (MndtId) or end-to-end id of a collected direct debit → the contract with that mandate reference;
/// the debtor's IBAN → the contract with that bank account. The first rule that finds exactly one contract decides.
/// A rule that finds several contracts leaves them open: the later rules only choose among them. A returned direct
/// debit is matched by its mandate reference or end-to-end id only. Numbers and references are compared ignoring
/// case (banks send the remittance information upper case now and then).
/// </remarks>
internal sealed partial class PaymentMatcher(StadtwerkDbContext db)
{
    private const int ChunkSize = 2_000;

    private readonly Dictionary<string, Guid> billContracts = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, Contract> contracts = [];
    private readonly Dictionary<string, List<Guid>> byNumber = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Guid>> byAccount = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Guid>> byMandate = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Guid>> byIban = new(StringComparer.Ordinal);

    /// <summary>Loads every contract, bill and bank account the transactions could refer to.</summary>
    public async Task LoadAsync(IReadOnlyCollection<PlannedTransaction> transactions, CancellationToken ct)
    {
        var payments = transactions.Where(t => t.Kind == BankTransactionKind.Payment && t.NotMatched is null).ToList();
        var toMatch = transactions.Where(t => t.NotMatched is null).ToList();

        var bills = payments.SelectMany(t => BillNumbers(t.Remittance)).ToHashSet(StringComparer.Ordinal);
        foreach (var chunk in bills.Chunk(ChunkSize))
        {
            foreach (var bill in await db.IssuedBills.AsNoTracking()
                .Where(b => EF.Parameter(chunk).Contains(b.Number))
                .Select(b => new { b.Number, b.ContractId })
                .ToListAsync(ct))
            {
                billContracts[bill.Number] = bill.ContractId;
            }
        }

        var billContractIds = billContracts.Values.Distinct().ToArray();
        foreach (var chunk in billContractIds.Chunk(ChunkSize))
        {
            Add(await db.Contracts.AsNoTracking().Where(c => EF.Parameter(chunk).Contains(c.Id)).ToListAsync(ct));
        }

        var tokens = WithCaseVariants(payments.SelectMany(t => Tokens(t.Remittance)));
        foreach (var chunk in tokens.Chunk(ChunkSize))
        {
            foreach (var contract in Add(await db.Contracts.AsNoTracking().Where(c => EF.Parameter(chunk).Contains(c.ContractNumber)).ToListAsync(ct)))
            {
                Index(byNumber, contract.ContractNumber, contract);
            }

            foreach (var contract in Add(await db.Contracts.AsNoTracking().Where(c => EF.Parameter(chunk).Contains(c.ContractAccountNumber)).ToListAsync(ct)))
            {
                Index(byAccount, contract.ContractAccountNumber, contract);
            }
        }

        var mandates = WithCaseVariants(toMatch.SelectMany(t => new[] { t.MandateId, t.EndToEndId }).OfType<string>());
        foreach (var chunk in mandates.Chunk(ChunkSize))
        {
            foreach (var contract in Add(await db.Contracts.AsNoTracking()
                .Where(c => c.BankAccount != null && EF.Parameter(chunk).Contains(c.BankAccount.MandateReference))
                .ToListAsync(ct)))
            {
                Index(byMandate, contract.BankAccount!.MandateReference, contract);
            }
        }

        var ibans = payments.Select(t => t.Iban).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(i => Iban.Parse(i).Value).OfType<Iban>().ToList();
        foreach (var chunk in ibans.Chunk(ChunkSize))
        {
            foreach (var contract in Add(await db.Contracts.AsNoTracking()
                .Where(c => c.BankAccount != null && EF.Parameter(chunk).Contains(c.BankAccount.Iban))
                .ToListAsync(ct)))
            {
                Index(byIban, contract.BankAccount!.Iban.Value, contract);
            }
        }
    }

    /// <summary>Applies the rules to one transaction, with what <see cref="LoadAsync"/> loaded.</summary>
    public MatchResult Match(PlannedTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        if (transaction.NotMatched is { } reason)
        {
            return new MatchResult(null, reason);
        }

        var rules = transaction.Kind == BankTransactionKind.Payment
            ? PaymentRules(transaction)
            : MandateRules(transaction);
        HashSet<Guid>? open = null;
        var openBy = string.Empty;
        foreach (var (rule, found) in rules)
        {
            if (found.Count == 0)
            {
                continue;
            }

            var narrowed = open is null ? found : [.. open.Intersect(found)];
            if (narrowed.Count == 1)
            {
                return new MatchResult(contracts[narrowed.Single()], rule);
            }

            if (narrowed.Count == 0)
            {
                return new MatchResult(null, $"the references disagree: {openBy} points to {Numbers(open!)}, {rule} to {Numbers(found)}");
            }

            if (open is null || narrowed.Count < open.Count)
            {
                openBy = rule;
            }

            open = narrowed;
        }

        return open is null
            ? new MatchResult(null, transaction.Kind == BankTransactionKind.Payment
                ? "no bill, contract, contract account, mandate or IBAN of a single contract found"
                : "no contract with this mandate reference or end-to-end id")
            : new MatchResult(null, $"several contracts fit ({openBy}): {Numbers(open)}");
    }

    /// <summary>The rules for a payment, each with the contracts it finds (all keys of one kind together: two bill numbers of two contracts leave both open).</summary>
    private IEnumerable<(string Rule, HashSet<Guid> Found)> PaymentRules(PlannedTransaction t)
    {
        var bills = BillNumbers(t.Remittance).Where(billContracts.ContainsKey).ToList();
        yield return (Describe("bill number", bills), [.. bills.Select(b => billContracts[b])]);

        var tokens = Tokens(t.Remittance).ToList();
        var numbers = tokens.Where(byNumber.ContainsKey).ToList();
        yield return (Describe("contract number", numbers), [.. numbers.SelectMany(n => byNumber[n])]);

        var accounts = tokens.Where(byAccount.ContainsKey).ToList();
        yield return (Describe("contract account", accounts), [.. accounts.SelectMany(a => byAccount[a])]);

        foreach (var rule in MandateRules(t))
        {
            yield return rule;
        }

        if (t.Iban is { } iban && byIban.TryGetValue(iban, out var owners))
        {
            yield return ($"IBAN {iban}", [.. owners]);
        }
    }

    private IEnumerable<(string Rule, HashSet<Guid> Found)> MandateRules(PlannedTransaction t)
    {
        if (t.MandateId is { } mandate && byMandate.TryGetValue(mandate, out var byId))
        {
            yield return ($"mandate reference {mandate}", [.. byId]);
        }

        if (t.EndToEndId is { } endToEnd && byMandate.TryGetValue(endToEnd, out var byEndToEnd))
        {
            yield return ($"end-to-end id {endToEnd} (a mandate reference)", [.. byEndToEnd]);
        }
    }

    private static string Describe(string what, List<string> keys) =>
        keys.Count == 1 ? $"{what} {keys[0]}" : $"{what}s {string.Join(", ", keys)}";

    private string Numbers(IEnumerable<Guid> ids) =>
        string.Join(", ", ids.Select(id => contracts[id].ContractNumber).Order(StringComparer.Ordinal));

    private List<Contract> Add(List<Contract> loaded)
    {
        foreach (var contract in loaded)
        {
            contracts.TryAdd(contract.Id, contract);
        }

        return loaded;
    }

    private static void Index(Dictionary<string, List<Guid>> index, string key, Contract contract)
    {
        if (!index.TryGetValue(key, out var ids))
        {
            index[key] = ids = [];
        }

        if (!ids.Contains(contract.Id))
        {
            ids.Add(contract.Id);
        }
    }

    /// <summary>Bill numbers (yyyy-nnnnnnn) in a text, in order of appearance.</summary>
    internal static IEnumerable<string> BillNumbers(string? text) =>
        text is null ? [] : BillNumberPattern().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The words of a text that could be contract or contract account numbers: 1 to 20 letters, digits and dashes
    /// with at least one digit (so that "Strom" or "Abschlag" are not looked up), without dashes at the ends.
    /// </summary>
    internal static IEnumerable<string> Tokens(string? text) =>
        text is null
            ? []
            : TokenPattern().Matches(text).Select(m => m.Value.Trim('-'))
                .Where(t => t.Length is > 0 and <= 20 && t.Any(char.IsAsciiDigit))
                .Distinct(StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> WithCaseVariants(IEnumerable<string> keys)
    {
        var all = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in keys)
        {
            all.Add(key);
            all.Add(key.ToUpperInvariant());
            all.Add(key.ToLowerInvariant());
        }

        return all;
    }

    [GeneratedRegex(@"(?<![0-9])[0-9]{4}-[0-9]{7}(?![0-9])")]
    private static partial Regex BillNumberPattern();

    [GeneratedRegex(@"[A-Za-z0-9-]+")]
    private static partial Regex TokenPattern();
}
