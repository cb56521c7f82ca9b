using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>
/// The demo utility's dunning history, so that the dunning list shows every step on the first day: five customers who
/// pay by transfer paid none of their 2021 installments, and their annual bill of 2021 went out eleven weeks ago. Since
/// then the dunning runs of the past weeks sent what the procedure asks (made by the same code, on the days they ran):
/// <list type="bullet">
/// <item>the first got nothing yet: today the reminder is due;</item>
/// <item>the second got the reminder three weeks ago: today the dunning notice;</item>
/// <item>the third (electricity) got reminder and notice: today the disconnection threat;</item>
/// <item>the fourth (electricity or gas) got the threat a month ago: today the announcement;</item>
/// <item>the fifth got a reminder, and a clerk set a dunning block (a payment arrangement is being discussed).</item>
/// </list>
/// The letters of those days were printed in one print batch, so a new print batch holds only what is made from now on.
/// </summary>
public sealed class DemoArrears(StadtwerkDbContext db, BillingSettings billing, UtilityProfile utility, DunningSettings dunning, DocumentSettings documents, BillDispatch dispatch, PrintBatches print)
{
    public const string By = "Demo (Mahnläufe der letzten Wochen)";

    /// <summary>When the bills went out, in days before today.</summary>
    public const int BilledDaysAgo = 80;

    /// <summary>
    /// The five contracts: household customers paying by transfer with a plan for the whole of 2021, the last by
    /// contract number (the third and fourth electricity or gas, where the disconnection threat applies).
    /// </summary>
    public static IReadOnlyList<Contract> Choose(IEnumerable<Contract> contracts)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        var candidates = contracts
            .Where(c => c.BankAccount is null && c.EndDate is null && c.StartDate <= new DateOnly(2021, 1, 1) && c.InstallmentPlan is { Amount: > 0, Count: >= 11 })
            .OrderByDescending(c => c.ContractNumber, StringComparer.Ordinal)
            .ToList();
        var energy = candidates.Where(c => c.Commodity is Commodity.Electricity or Commodity.Gas).Take(2).ToList();
        var others = candidates.Except(energy).Take(3).ToList();
        return energy.Count == 2 && others.Count == 3 ? [others[0], others[1], energy[0], energy[1], others[2]] : [];
    }

    /// <summary>Bills the chosen contracts and runs the dunning of the past weeks for them; what it made, in words.</summary>
    public async Task<string> LoadAsync(IReadOnlyList<Contract> chosen, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        if (chosen.Count != 5)
        {
            return "no dunning history (too few transfer payers)";
        }

        var numbers = chosen.Select(c => c.ContractNumber).ToList();
        var billedAt = DaysAgo(now, BilledDaysAgo);
        var bills = new BillContract(db, new FixedClock(billedAt), billing);
        foreach (var number in numbers)
        {
            var result = await bills.RunAsync(number, BillingPeriod.Create(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)), $"demo-arrears:{number}", ct, issuedBy: By);
            if (result is not BillContractResult.Issued)
            {
                return $"no dunning history (contract {number} was not billed: {result})";
            }
        }

        // The runs of the past weeks, on their days: days ago, and for which contracts.
        var (b, c, d, e) = (numbers[1], numbers[2], numbers[3], numbers[4]);
        (int DaysAgo, string[] Contracts)[] runs = [(58, [d]), (44, [d, c]), (30, [d, c]), (20, [b, e])];
        var sent = 0;
        foreach (var (daysAgo, contracts) in runs)
        {
            sent += (await DunningOn(DaysAgo(now, daysAgo)).RunAsync(By, contracts, ct)).Sent;
        }

        await DunningOn(DaysAgo(now, 15)).BlockAsync(e, "Kunde bittet um Ratenzahlung, Vereinbarung in Vorbereitung", UtilityCalendar.Today(now).AddDays(30), By, ct);

        while (await dispatch.DispatchQueuedAsync(ct) > 0)
        {
        }

        var batch = await print.CreateAsync(By, ct);
        return $"dunning history: {numbers.Count} bills, {sent} dunning letters, print batch {batch?.Number}";
    }

    /// <summary>
    /// Noon of the utility's calendar day <paramref name="days"/> before today. Counting back in UTC hours instead would
    /// land a summer day's evening on the next local day (CEST is UTC+2, CET UTC+1), and the waiting periods between
    /// the past runs would come out a day short when the demo is loaded late in the evening.
    /// </summary>
    private static DateTimeOffset DaysAgo(DateTimeOffset now, int days) => UtilityCalendar.Noon(UtilityCalendar.Today(now).AddDays(-days));

    /// <summary>The dunning procedure as it stood on a past day.</summary>
    private Dunning DunningOn(DateTimeOffset day)
    {
        var clock = new FixedClock(day);
        return new Dunning(db, clock, new ContractAccounts(db, clock), utility, dunning, documents);
    }

    /// <summary>A clock standing at one moment: the day a past run ran.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
