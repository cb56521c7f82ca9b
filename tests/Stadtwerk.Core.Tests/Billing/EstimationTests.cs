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

    [Theory]
    [InlineData(3000, 365, 1000, 365, null)]
    [InlineData(3001, 365, 1000, 365, HoldReason.ConsumptionTooHigh)]
    [InlineData(333, 365, 1000, 365, HoldReason.ConsumptionTooLow)]
    [InlineData(334, 365, 1000, 365, null)]
    [InlineData(1400, 182, 1000, 365, null)]
    public void Consumption_beyond_three_times_or_below_a_third_per_day_is_held(long quantity, int days, long previous, int previousDays, HoldReason? expected)
    {
        Plausibility.Check(quantity, days, previous, previousDays).ShouldBe(expected);
    }

    [Fact]
    public void Without_a_previous_period_nothing_is_held()
    {
        Plausibility.Check(100_000, 365, null, null).ShouldBeNull();
    }
}
