using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

/// <summary>What is collected from the customer on one day: the installment, parts of agreed balances, less credit set off.</summary>
public sealed record ScheduledDebit(DateOnly Due, decimal Installment, decimal SettlementParts, decimal SetOff)
{
    public decimal Amount => Installment + SettlementParts - SetOff;
}

/// <summary>
/// The collections still to come on a contract account (Einzugsplan): the installments of the plan, plus the parts
/// of agreed instalments or deferrals on their dates, less credits the customer chose to set off — applied in full
/// to the next installments until used up. This is what the direct-debit run collects (issue 6).
/// </summary>
public static class CollectionSchedule
{
    public static IReadOnlyList<ScheduledDebit> From(InstallmentPlan? plan, IEnumerable<BalanceSettlement> settlements, DateOnly from)
    {
        ArgumentNullException.ThrowIfNull(settlements);
        var byDay = new SortedDictionary<DateOnly, (decimal Installment, decimal Parts)>();
        foreach (var due in plan?.DueDates().Where(d => d >= from) ?? [])
        {
            byDay[due] = (plan!.Amount, 0m);
        }

        var agreed = settlements.ToList();
        foreach (var part in agreed.Where(s => s.Kind is SettlementKind.Instalments or SettlementKind.Deferral).SelectMany(s => s.Schedule()).Where(p => p.Due >= from))
        {
            var current = byDay.GetValueOrDefault(part.Due);
            byDay[part.Due] = (current.Installment, current.Parts + part.Amount);
        }

        var credit = agreed.Where(s => s.Kind == SettlementKind.SetOff).Sum(s => -s.Amount);
        var collections = new List<ScheduledDebit>(byDay.Count);
        foreach (var (due, (installment, parts)) in byDay)
        {
            var setOff = Math.Min(credit, installment);
            credit -= setOff;
            collections.Add(new ScheduledDebit(due, installment, parts, setOff));
        }

        return collections;
    }
}
