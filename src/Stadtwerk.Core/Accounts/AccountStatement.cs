namespace Stadtwerk.Core.Accounts;

/// <summary>One line of a contract account statement: the entry and the balance after it.</summary>
public sealed record StatementLine(DateOnly BookedOn, LedgerEntryKind Kind, string Reference, decimal Amount, decimal Balance, string? Note = null);

/// <summary>A contract account (Vertragskonto) as a statement: entries in booking order with the running balance.</summary>
public static class AccountStatement
{
    public static IReadOnlyList<StatementLine> Of(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var balance = 0m;
        var lines = new List<StatementLine>();
        foreach (var entry in entries.OrderBy(e => e.BookedOn).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id))
        {
            balance += entry.Amount;
            lines.Add(new StatementLine(entry.BookedOn, entry.Kind, entry.Reference, entry.Amount, balance, entry.Note));
        }

        return lines;
    }
}
