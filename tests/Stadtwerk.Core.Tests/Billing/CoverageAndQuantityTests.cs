using Shouldly;
using Stadtwerk.Core.Billing;
using static Stadtwerk.Core.Tests.Billing.Bills;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Rules 1 and 2: readings tile the period; interval quantities with roll-over, gas conversion and rounding.</summary>
public sealed class CoverageAndQuantityTests
{
    [Fact]
    public void A_meter_change_on_one_day_covers_the_period_and_adds_both_meters()
    {
        var bill = Calculate(Input(Commodity.Electricity, "2021-01-01", "2021-12-31",
        [
            Meter("OLD", null, ("2020-12-31", 500m), ("2021-05-17", 800m)),
            Meter("NEW", null, ("2021-05-17", 0m), ("2021-12-31", 700m)),
        ]));

        bill.Quantity.ShouldBe(1000);
        bill.Lines.ShouldHaveSingleItem().Days.ShouldBe(365);
    }

    [Fact]
    public void A_gap_between_two_meters_is_named_with_its_days()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
        [
            Meter("1ESY1160000001", null, ("2019-12-31", 1m), ("2020-03-01", 5m)),
            Meter("1ESY1160000002", null, ("2020-03-04", 0m), ("2020-12-31", 5m)),
        ]));

        reason.ShouldBe("meter 1ESY1160000002: readings leave 2020-03-02..2020-03-04 uncovered");
    }

    [Fact]
    public void Overlapping_meters_are_named_with_the_days_counted_twice()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
        [
            Meter("A", null, ("2019-12-31", 1m), ("2020-03-05", 5m)),
            Meter("B", null, ("2020-03-01", 0m), ("2020-12-31", 5m)),
        ]));

        reason.ShouldBe("meters A and B: readings overlap on 2020-03-02..2020-03-05");
    }

    [Fact]
    public void A_first_reading_after_the_day_before_the_period_leaves_the_start_uncovered()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2020-01-05", 1m), ("2020-12-31", 5m))]));

        reason.ShouldBe("meter A: readings leave 2020-01-01..2020-01-05 uncovered");
    }

    [Fact]
    public void A_last_reading_before_the_period_end_leaves_the_end_uncovered()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2019-12-31", 1m), ("2020-11-30", 5m))]));

        reason.ShouldBe("meter A: readings leave 2020-12-01..2020-12-31 uncovered");
    }

    [Fact]
    public void A_reading_before_the_period_is_rejected()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2019-12-01", 1m), ("2020-12-31", 5m))]));

        reason.ShouldBe("meter A: reading on 2019-12-01 lies before the period; the first reading must be dated 2019-12-31");
    }

    [Fact]
    public void A_reading_after_the_period_is_rejected()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2019-12-31", 1m), ("2021-01-10", 5m))]));

        reason.ShouldBe("meter A: reading on 2021-01-10 lies after the period end 2020-12-31");
    }

    [Fact]
    public void A_meter_with_one_reading_measures_nothing()
    {
        var reason = Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
            [Meter("A", null, ("2019-12-31", 1m))]));

        reason.ShouldBe("meter A: needs at least two readings to measure a quantity, has 1");
    }

    [Fact]
    public void Readings_out_of_date_order_are_rejected()
    {
        Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
                [Meter("A", null, ("2019-12-31", 1m), ("2020-12-31", 9m), ("2020-06-30", 5m))]))
            .ShouldBe("meter A: readings are not in date order (2020-12-31 before 2020-06-30)");
        Reject(Input(Commodity.Electricity, "2020-01-01", "2020-12-31",
                [Meter("A", null, ("2019-12-31", 1m), ("2019-12-31", 2m), ("2020-12-31", 5m))]))
            .ShouldBe("meter A: two readings on 2019-12-31");
    }

    [Fact]
    public void A_falling_reading_rolls_over_a_register_with_digits()
    {
        var bill = Calculate(Input(Commodity.Electricity, "2021-01-01", "2021-12-31",
            [Meter("A", 5, ("2020-12-31", 99_990m), ("2021-12-31", 10m))]));

        bill.Quantity.ShouldBe(20);
    }

    [Fact]
    public void A_falling_reading_without_digits_is_rejected()
    {
        var reason = Reject(Input(Commodity.Electricity, "2021-01-01", "2021-12-31",
            [Meter("A", null, ("2020-12-31", 99_990m), ("2021-12-31", 10m))]));

        reason.ShouldBe("meter A: reading falls from 99990 on 2020-12-31 to 10 on 2021-12-31 and the meter has no digits for a roll-over");
    }

    [Fact]
    public void A_reading_too_large_for_the_register_is_rejected()
    {
        var reason = Reject(Input(Commodity.Electricity, "2021-01-01", "2021-12-31",
            [Meter("A", 4, ("2020-12-31", 10_000m), ("2021-12-31", 10m))]));

        reason.ShouldBe("meter A: reading 10000 on 2020-12-31 does not fit its 4 digits");
    }

    [Theory]
    [InlineData("10.5", 11)]
    [InlineData("10.49", 10)]
    [InlineData("0.5", 1)]
    public void Interval_quantities_round_half_away_from_zero(string consumption, long expected)
    {
        Calculate(Simple("2021-01-01", "2021-12-31", decimal.Parse(consumption, System.Globalization.CultureInfo.InvariantCulture)))
            .Quantity.ShouldBe(expected);
    }

    [Fact]
    public void Gas_volume_is_converted_with_zustandszahl_and_brennwert_before_rounding()
    {
        // 100 m³ × 0.95 × 10.5 = 997.5 kWh → 998 kWh
        var bill = Calculate(Input(Commodity.Gas, "2021-01-01", "2021-12-31",
            [Meter("G", 5, ("2020-12-31", 1200m), ("2021-12-31", 1300m))],
            gas: GasConversion.Create(0.95m, 10.5m)));

        bill.Quantity.ShouldBe(998);
        bill.Unit.ShouldBe(QuantityUnit.KilowattHour);
    }

    [Fact]
    public void Gas_without_conversion_factors_is_rejected()
    {
        var reason = Reject(Input(Commodity.Gas, "2021-01-01", "2021-12-31",
            [Meter("G", 5, ("2020-12-31", 1200m), ("2021-12-31", 1300m))]));

        reason.ShouldBe("gas needs conversion factors: gas.zustandszahl and gas.brennwert");
    }

    [Fact]
    public void Water_is_billed_in_cubic_metres()
    {
        Calculate(Simple("2021-01-01", "2021-12-31", 80m, Commodity.Water)).Unit.ShouldBe(QuantityUnit.CubicMetre);
    }

    [Fact]
    public void A_day_without_a_price_is_rejected()
    {
        var reason = Reject(Simple("2021-01-01", "2021-12-31", 100m, prices: [Price("2021-02-01", 0.3m, 100m)]));

        reason.ShouldBe("no price for 2021-01-01..2021-01-31: the first price entry is from 2021-02-01");
    }

    [Fact]
    public void A_day_without_a_VAT_rate_is_rejected()
    {
        var reason = Reject(Simple("2021-01-01", "2021-12-31", 100m, vat: [Vat("2021-06-01", 0.19m)]));

        reason.ShouldBe("no VAT rate for 2021-01-01..2021-05-31: the first VAT entry is from 2021-06-01");
    }
}
