using Shouldly;
using Stadtwerk.Core.Billing;
using static Stadtwerk.Core.Tests.Billing.Bills;

namespace Stadtwerk.Core.Tests.Billing;

public sealed class EstimationTests
{
    private static readonly BillingPeriod Year2020 = BillingPeriod.Create(D("2020-01-01"), D("2020-12-31"));

    [Fact]
    public void A_linear_estimate_spreads_last_years_consumption_evenly_over_the_days()
    {
        // 3,650 kWh in 366 days; 365 days later: 1,000 + 3,650 × 365/366 = 4,640.03 → 4,640
        Estimation.EstimateReading(MeterReading.Create(D("2020-12-31"), 1000m), D("2021-12-31"), 3650m, Year2020, Proration.Linear, null)
            .ShouldBe(4640m);
    }

    [Fact]
    public void A_weighted_estimate_follows_the_heating_shares()
    {
        // January weighs 170 per mille of a year: 10,000 × 0.17 = 1,700
        Estimation.EstimateReading(MeterReading.Create(D("2020-12-31"), 500m), D("2021-01-31"), 10_000m, Year2020, Proration.Weighted, null)
            .ShouldBe(2200m);
    }

    [Fact]
    public void An_estimate_rolls_over_a_register_with_digits()
    {
        Estimation.EstimateReading(MeterReading.Create(D("2020-12-31"), 99_000m), D("2021-12-31"), 3660m, Year2020, Proration.Linear, 5)
            .ShouldBe(2650m);
    }

    [Fact]
    public void An_average_annual_quantity_uses_a_standard_year()
    {
        Estimation.EstimateReading(MeterReading.Create(D("2020-12-31"), 0m), D("2021-07-01"), 3650m, Estimation.StandardYear, Proration.Linear, null)
            .ShouldBe(1820m);
    }

    private static readonly BillingPeriod Year2021 = BillingPeriod.Create(D("2021-01-01"), D("2021-12-31"));

    [Theory]
    [InlineData(3000, "2021-12-31", null)]
    [InlineData(3001, "2021-12-31", HoldReason.ConsumptionTooHigh)]
    [InlineData(333, "2021-12-31", HoldReason.ConsumptionTooLow)]
    [InlineData(334, "2021-12-31", null)]
    [InlineData(1400, "2021-07-01", null)]
    public void Consumption_beyond_three_times_or_below_a_third_of_last_years_is_held(long quantity, string end, HoldReason? expected)
    {
        Plausibility.Check(quantity, BillingPeriod.Create(D("2021-01-01"), D(end)), 1000, BillingPeriod.Create(D("2020-01-01"), D("2020-12-30")), Proration.Linear)
            .ShouldBe(expected);
    }

    [Fact]
    public void A_summer_period_of_gas_compares_with_the_little_gas_summer_days_use()
    {
        // June to August weigh 40 per mille of a year: 600 of 15,000 kWh is exactly as expected.
        var summer = BillingPeriod.Create(D("2021-06-01"), D("2021-08-31"));
        Plausibility.Check(600, summer, 15_000, Year2020, Proration.Weighted).ShouldBeNull();
        Plausibility.Check(600, summer, 15_000, Year2020, Proration.Linear).ShouldBe(HoldReason.ConsumptionTooLow);
    }

    [Fact]
    public void Without_a_previous_period_nothing_is_held()
    {
        Plausibility.Check(100_000, Year2021, null, null, Proration.Linear).ShouldBeNull();
    }
}
