using Shouldly;
using Stadtwerk.Core.Billing;
using static Stadtwerk.Core.Tests.Billing.Bills;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Rules 3 and 4: segments by price and VAT change, exact distribution, merged lines, base price per day.</summary>
public sealed class SegmentAndLineTests
{
    [Fact]
    public void Linear_proration_splits_in_proportion_to_days()
    {
        var bill = Calculate(Simple("2020-01-01", "2020-12-31", 366m,
            prices: [Price("2020-01-01", 0.30m, 100m), Price("2020-04-01", 0.32m, 100m)],
            vat: [Vat("2007-01-01", 0.19m)]));

        bill.Lines.Select(l => (l.From, l.To, l.Days, l.Quantity)).ShouldBe(
        [
            (D("2020-01-01"), D("2020-03-31"), 91, 91L),
            (D("2020-04-01"), D("2020-12-31"), 275, 275L),
        ]);
    }

    [Fact]
    public void Equal_remainders_give_the_unit_to_the_earlier_segment()
    {
        var bill = Calculate(Simple("2021-01-01", "2021-01-02", 1m,
            prices: [Price("2021-01-01", 0.30m, 100m), Price("2021-01-02", 0.32m, 100m)]));

        bill.Lines.Select(l => l.Quantity).ShouldBe([1L, 0L]);
    }

    [Fact]
    public void Weighted_proration_follows_the_heating_shares()
    {
        // Jan–Jun weigh 170+150+130+80+40+40/3 = 583 1/3 per mille: 583.33 and 416.67 of 1000 kWh.
        var bill = Calculate(Simple("2021-01-01", "2021-12-31", 1000m, Commodity.Gas,
            prices: [Price("2021-01-01", 0.06m, 100m), Price("2021-07-01", 0.08m, 100m)]));

        bill.Lines.Select(l => l.Quantity).ShouldBe([583L, 417L]);
    }

    [Fact]
    public void Weighted_months_with_a_share_of_40_over_3_weigh_exactly_the_same()
    {
        // June (30 days) and July (31 days) each weigh 40/3 per mille: 1.5 kWh each is an exact tie, so June gets 2.
        var bill = Calculate(Simple("2021-06-01", "2021-07-31", 3m, Commodity.Heat,
            prices: [Price("2021-01-01", 0.06m, 100m), Price("2021-07-01", 0.08m, 100m)]));

        bill.Lines.Select(l => l.Quantity).ShouldBe([2L, 1L]);
        DayWeights.Of(D("2021-06-01"), D("2021-06-30"), Proration.Weighted)
            .ShouldBe(DayWeights.Of(D("2021-07-01"), D("2021-07-31"), Proration.Weighted));
    }

    [Fact]
    public void A_full_year_of_weighted_days_weighs_the_same_in_leap_and_common_years()
    {
        DayWeights.Of(D("2020-01-01"), D("2020-12-31"), Proration.Weighted)
            .ShouldBe(DayWeights.Of(D("2021-01-01"), D("2021-12-31"), Proration.Weighted));
        Enumerable.Range(1, 12).Sum(m => DayWeights.MonthlyShare(m)).ShouldBe(1000m);
    }

    [Fact]
    public void Explicit_linear_proration_overrides_the_gas_default()
    {
        var bill = Calculate(Simple("2021-01-01", "2021-12-31", 365m, Commodity.Gas, proration: Proration.Linear,
            prices: [Price("2021-01-01", 0.06m, 100m), Price("2021-07-01", 0.08m, 100m)]));

        bill.Lines.Select(l => l.Quantity).ShouldBe([181L, 184L]);
    }

    [Fact]
    public void Successive_VAT_entries_with_the_same_rate_do_not_split_a_line()
    {
        var bill = Calculate(Simple("2021-01-01", "2021-12-31", 100m,
            vat: [Vat("2021-01-01", 0.19m), Vat("2021-06-01", 0.19m)]));

        bill.Lines.ShouldHaveSingleItem().Quantity.ShouldBe(100);
    }

    [Fact]
    public void Segments_with_the_same_price_and_rate_merge_across_an_intermediate_reading()
    {
        var bill = Calculate(Input(Commodity.Electricity, "2021-01-01", "2021-12-31",
            [Meter("A", null, ("2020-12-31", 0m), ("2021-06-15", 1200m), ("2021-12-31", 2000m))]));

        var line = bill.Lines.ShouldHaveSingleItem();
        (line.From, line.To, line.Days, line.Quantity).ShouldBe((D("2021-01-01"), D("2021-12-31"), 365, 2000L));
    }

    [Fact]
    public void A_line_splits_where_a_new_price_entry_starts_even_with_equal_prices()
    {
        var bill = Calculate(Simple("2021-01-01", "2021-12-31", 365m,
            prices: [Price("2021-01-01", 0.30m, 100m), Price("2021-07-01", 0.30m, 100m)]));

        bill.Lines.Length.ShouldBe(2);
    }

    [Theory]
    [InlineData("2020-01-01", "2020-12-31")]
    [InlineData("2021-01-01", "2021-12-31")]
    public void A_full_calendar_year_costs_exactly_the_annual_base_price(string start, string end)
    {
        Calculate(Simple(start, end, 0m, prices: [Price("2000-01-01", 0.30m, 99.99m)], vat: [Vat("2000-01-01", 0.19m)]))
            .Lines.ShouldHaveSingleItem().BaseNet.ShouldBe(99.99m);
    }

    [Fact]
    public void The_base_price_is_prorated_per_day_of_each_calendar_year()
    {
        // 120 € × (184/366 + 181/365) = 119.8347… → 119.83
        Calculate(Simple("2020-07-01", "2021-06-30", 0m, prices: [Price("2000-01-01", 0.30m, 120m)], vat: [Vat("2000-01-01", 0.19m)]))
            .Lines.ShouldHaveSingleItem().BaseNet.ShouldBe(119.83m);
    }

    [Fact]
    public void Energy_net_is_quantity_times_price_rounded_half_away_from_zero_to_cents()
    {
        // 5 kWh × 0.301 € = 1.505 € → 1.51 €
        Calculate(Simple("2021-01-01", "2021-12-31", 5m, prices: [Price("2000-01-01", 0.301m, 0m)]))
            .Lines.ShouldHaveSingleItem().EnergyNet.ShouldBe(1.51m);
    }
}
