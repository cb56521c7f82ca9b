namespace Stadtwerk.Core.Accounts;

/// <summary>What an open item of a contract account is.</summary>
public enum OpenItemKind
{
    /// <summary>An installment asked for on its due date (Abschlagsanforderung).</summary>
    Installment,

    /// <summary>The balance a bill claims (Nachzahlung), due 14 days after the bill.</summary>
    Bill,

    /// <summary>A part of a bill's balance by agreement (Rate, Stundung).</summary>
    SettlementPart,

    /// <summary>A dunning fee (Mahngebühr).</summary>
    DunningFee,

    /// <summary>Returned debits or payouts that no credit covers.</summary>
    Uncovered,
}

public enum OpenItemStatus
{
    /// <summary>Due later.</summary>
    NotDue,

    /// <summary>Due today, not (fully) paid.</summary>
    Open,

    /// <summary>Past its due date and not (fully) paid.</summary>
    Overdue,

    /// <summary>Paid in full.</summary>
    Settled,
}

/// <summary>A claim on the account: what, when due, how much, and the bill it belongs to.</summary>
public sealed record AccountItem(OpenItemKind Kind, string Reference, DateOnly DueOn, decimal Amount, string? BillNumber = null);

/// <summary>
/// Money on the account that pays items: a payment, a collected installment, a bill's credit (positive), or money that
/// went back out (a returned debit, a refund paid: negative). <paramref name="BillNumber"/>: the bill the payment names.
/// </summary>
public sealed record AccountCredit(DateOnly BookedOn, decimal Amount, string Reference, string? BillNumber = null);

/// <summary>An item with what is paid of it.</summary>
public sealed record OpenItem(OpenItemKind Kind, string Reference, DateOnly DueOn, decimal Amount, decimal Settled, OpenItemStatus Status, string? BillNumber)
{
    public decimal Open => Amount - Settled;
}

/// <summary>The items of an account after allocation, with the sums and the credit no item needs.</summary>
public sealed record OpenItemsView(IReadOnlyList<OpenItem> Items, decimal Open, decimal Overdue, decimal UnallocatedCredit);

/// <summary>
/// The open items of a contract account (Offene Posten), as contract accounting (SAP FI-CA) keeps them: each bill
/// balance, agreed part, installment and fee is an item with a due date; the money on the account is allocated to the
/// items, a payment that names a bill to that bill's items first, everything else oldest due first. Money that went
/// back out (returns, payouts) reduces what can be allocated. Computed from the stored facts every time, never
/// stored, so it cannot drift from the ledger.
/// </summary>
public static class OpenItems
{
    public static OpenItemsView Allocate(IEnumerable<AccountItem> items, IEnumerable<AccountCredit> credits, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(credits);
        var claims = items.Where(i => i.Amount > 0)
            .OrderBy(i => i.DueOn).ThenBy(i => i.Kind).ThenBy(i => i.Reference, StringComparer.Ordinal)
            .Select(i => new Claim(i)).ToList();
        var money = credits.OrderBy(c => c.BookedOn).ThenBy(c => c.Reference, StringComparer.Ordinal).ToList();

        // A negative pool (returns or payouts no credit covers) is owed: one item of its own.
        var pool = money.Where(c => c.Amount < 0).Sum(c => c.Amount);
        foreach (var credit in money.Where(c => c.Amount > 0))
        {
            var left = credit.Amount;
            if (credit.BillNumber is { } bill)
            {
                foreach (var claim in claims.Where(c => c.Item.BillNumber == bill))
                {
                    left -= claim.Take(left);
                }
            }

            pool += left;
        }

        if (pool < 0)
        {
            var last = money.Where(c => c.Amount < 0).Max(c => c.BookedOn);
            claims.Add(new Claim(new AccountItem(OpenItemKind.Uncovered, "Rücklastschriften und Auszahlungen", last, -pool)));
            claims.Sort((a, b) => a.Item.DueOn.CompareTo(b.Item.DueOn));
            pool = 0;
        }

        foreach (var claim in claims)
        {
            pool -= claim.Take(pool);
        }

        var result = claims.Select(c => new OpenItem(c.Item.Kind, c.Item.Reference, c.Item.DueOn, c.Item.Amount, c.Settled, StatusOf(c, today), c.Item.BillNumber)).ToList();
        return new OpenItemsView(
            result,
            result.Sum(i => i.Open),
            result.Where(i => i.Status == OpenItemStatus.Overdue).Sum(i => i.Open),
            pool);
    }

    private static OpenItemStatus StatusOf(Claim claim, DateOnly today) =>
        claim.Settled >= claim.Item.Amount ? OpenItemStatus.Settled
        : claim.Item.DueOn < today ? OpenItemStatus.Overdue
        : claim.Item.DueOn == today ? OpenItemStatus.Open
        : OpenItemStatus.NotDue;

    private sealed class Claim(AccountItem item)
    {
        public AccountItem Item { get; } = item;

        public decimal Settled { get; private set; }

        /// <summary>Takes up to <paramref name="available"/> and returns what it took.</summary>
        public decimal Take(decimal available)
        {
            var take = Math.Min(Math.Max(available, 0), Item.Amount - Settled);
            Settled += take;
            return take;
        }
    }
}
