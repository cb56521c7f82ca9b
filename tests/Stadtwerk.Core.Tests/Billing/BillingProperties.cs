using FsCheck;
using FsCheck.Xunit;
using Stadtwerk.Core.Billing;
using static Stadtwerk.Core.Tests.Billing.Bills;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Invariants of the engine, checked on generated inputs (FsCheck).</summary>
public sealed class BillingProperties
{
    private static readonly DateOnly Epoch = new(2000, 1, 1);

    [Property(MaxTest = 500)]
    public bool The_parts_of_an_interval_add_up_to_its_quantity(NonNegativeInt quantity, NonEmptyArray<PositiveInt> weights)
    {
        var w = weights.Get.Select(x => (long)x.Get).ToArray();
        var parts = new long[w.Length];
        LargestRemainder.Distribute(quantity.Get, w, parts);

        var total = w.Sum();
        var eachWithinOneOfItsShare = parts.Select((part, i) => (decimal)quantity.Get * w[i] / total - part).All(d => d > -1 && d < 1);
        return parts.Sum() == quantity.Get && eachWithinOneOfItsShare;
    }

    [Property(MaxTest = 200)]
    public bool The_lines_of_a_bill_add_up_to_the_metered_quantity(NonNegativeInt consumption, PositiveInt priceChangeDay, PositiveInt vatChangeDay, bool weighted)
    {
        var start = new DateOnly(2021, 1, 1);
        var input = Simple("2021-01-01", "2022-12-31", consumption.Get, weighted ? Commodity.Heat : Commodity.Electricity,
            prices: [Price("2021-01-01", 0.3m, 100m), PriceEntry.Create(start.AddDays(priceChangeDay.Get % 729 + 1), 0.35m, 110m)],
            vat: [Vat("2021-01-01", 0.19m), VatRate.Create(start.AddDays(vatChangeDay.Get % 729 + 1), 0.07m)]);

        var bill = Calculate(input);
        return bill.Quantity == consumption.Get && bill.Lines.Sum(l => l.Quantity) == consumption.Get
            && bill.Lines.Sum(l => l.Days) == 730;
    }

    [Property(MaxTest = 200)]
    public bool A_full_calendar_year_of_base_price_costs_exactly_the_annual_price(PositiveInt yearSeed, NonNegativeInt cents)
    {
        var year = 1990 + (yearSeed.Get % 120);
        var annual = cents.Get / 100m;
        var start = new DateOnly(year, 1, 1).ToIso();
        var bill = Calculate(Simple(start, new DateOnly(year, 12, 31).ToIso(), 0m,
            prices: [PriceEntry.Create(new DateOnly(1900, 1, 1), 0.3m, annual)], vat: [Vat("1900-01-01", 0.19m)]));

        return bill.Lines.Single().BaseNet == annual;
    }

    [Property(MaxTest = 200)]
    public bool A_bill_split_at_an_intermediate_reading_has_the_same_total_quantity(NonNegativeInt consumption, PositiveInt splitDay, NonNegativeInt splitShare, bool weighted)
    {
        var commodity = weighted ? Commodity.Heat : Commodity.Electricity;
        var total = consumption.Get;
        var splitDate = new DateOnly(2020, 1, 1).AddDays(splitDay.Get % 365).ToIso();
        var splitValue = 1000m + (total == 0 ? 0 : splitShare.Get % (total + 1));
        var prices = new[] { Price("2020-01-01", 0.3m, 100m), Price("2020-04-01", 0.31m, 100m) };

        var whole = Calculate(Input(commodity, "2020-01-01", "2020-12-31", [Meter("A", null, ("2019-12-31", 1000m), ("2020-12-31", 1000m + total))], prices));
        var split = Calculate(Input(commodity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2019-12-31", 1000m), (splitDate, splitValue), ("2020-12-31", 1000m + total))], prices));

        return whole.Quantity == split.Quantity && split.Lines.Sum(l => l.Quantity) == total;
    }

    [Property(MaxTest = 200)]
    public bool Gross_is_net_plus_the_VAT_of_every_rate(NonNegativeInt consumption, PositiveInt startSeed, PositiveInt length, NonNegativeInt paidCents, bool gas)
    {
        var start = new DateOnly(2019, 1, 1).AddDays(startSeed.Get % 2000);
        var end = start.AddDays(length.Get % 800);
        var bill = Calculate(Simple(start.ToIso(), end.ToIso(), consumption.Get, gas ? Commodity.Gas : Commodity.Electricity,
            prices: [Price("2018-01-01", 0.2789m, 96.5m), Price("2021-04-01", 0.3112m, 118.8m)],
            installments: [InstallmentPayment.Create(start, paidCents.Get / 100m)]));

        return bill.Gross == bill.Net + bill.Vat.Sum(v => v.Amount)
            && bill.Net == bill.Lines.Sum(l => l.EnergyNet + l.BaseNet)
            && bill.Net == bill.Vat.Sum(v => v.Net)
            && bill.Balance == bill.Gross - bill.Paid
            && bill.Vat.Select(v => v.Rate).SequenceEqual(bill.Vat.Select(v => v.Rate).OrderDescending());
    }

    [Property(MaxTest = 500)]
    public bool Plan_due_dates_are_strictly_monthly(PositiveInt daySeed, PositiveInt countSeed)
    {
        var first = Epoch.AddDays(daySeed.Get % 40_000);
        var count = 1 + (countSeed.Get % 24);
        var dues = InstallmentSchedule.DueDates(first, count);
        var endOfMonth = first.Day == first.DaysInMonth();

        return dues.Length == count && dues[0] == first && dues.Skip(1).Select((due, i) =>
        {
            var previous = dues[i];
            var nextMonth = new DateOnly(previous.Year, previous.Month, 1).AddMonths(1);
            var expectedDay = endOfMonth ? due.DaysInMonth() : Math.Min(first.Day, due.DaysInMonth());
            return due.Year == nextMonth.Year && due.Month == nextMonth.Month && due.Day == expectedDay && due > previous;
        }).All(ok => ok);
    }
}
