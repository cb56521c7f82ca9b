using Shouldly;
using Stadtwerk.Core.Billing;
using static Stadtwerk.Core.Tests.Billing.Bills;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Rules 5 and 6, and the statutory defaults: VAT per rate, balance, the next installment plan.</summary>
public sealed class TotalsAndPlanTests
{
    [Fact]
    public void VAT_is_computed_per_rate_on_the_summed_nets_highest_rate_first()
    {
        var bill = Calculate(Simple("2020-01-01", "2020-12-31", 3660m, prices: [Price("2000-01-01", 0.3m, 0m)]));

        bill.Vat.Select(v => v.Rate).ShouldBe([0.19m, 0.16m]);
        foreach (var vat in bill.Vat)
        {
            vat.Net.ShouldBe(bill.Lines.Where(l => l.VatRate == vat.Rate).Sum(l => l.EnergyNet + l.BaseNet));
            vat.Amount.ShouldBe(Math.Round(vat.Net * vat.Rate, 2, MidpointRounding.AwayFromZero));
        }

        bill.Gross.ShouldBe(bill.Net + bill.Vat.Sum(v => v.Amount));
    }

    [Fact]
    public void More_paid_than_owed_gives_a_negative_balance_a_credit()
    {
        var bill = Calculate(Simple("2021-01-01", "2021-12-31", 1000m, prices: [Price("2000-01-01", 0.3m, 0m)],
            installments: [InstallmentPayment.Create(D("2021-02-28"), 200m), InstallmentPayment.Create(D("2021-03-31"), 200m)]));

        // 1000 × 0.30 = 300.00 net, 57.00 VAT, 357.00 gross; 400.00 paid
        (bill.Gross, bill.Paid, bill.Balance).ShouldBe((357.00m, 400m, -43.00m));
    }

    [Fact]
    public void The_next_plan_uses_the_price_and_rate_valid_on_the_day_after_the_period()
    {
        var bill = Calculate(Simple("2020-01-01", "2020-12-31", 3660m,
            prices: [Price("2020-01-01", 0.20m, 100m), Price("2021-01-01", 0.30m, 120m)],
            plan: PlanRequest.Create(12, D("2021-01-31"))));

        // 3660 × 365/366 = 3650; (3650 × 0.30 + 120) × 1.19 / 12 = 120.4875 → 121 €
        var plan = bill.NextInstallment.ShouldNotBeNull();
        (plan.AnnualQuantity, plan.Amount, plan.Count).ShouldBe((3650L, 121m, 12));
    }

    [Fact]
    public void The_annual_quantity_rounds_half_away_from_zero()
    {
        // 1 kWh in 2 days → 182.5 → 183
        Calculate(Simple("2021-01-01", "2021-01-02", 1m, plan: PlanRequest.Create(1, D("2021-02-01"))))
            .NextInstallment!.AnnualQuantity.ShouldBe(183);
    }

    [Fact]
    public void The_installment_amount_is_rounded_up_to_a_whole_euro_even_for_a_cent()
    {
        // (1000 × 0.3 + 0) × 1.19 = 357.00; / 7 = 51.00 exactly; / 4 = 89.25 → 90
        Calculate(Simple("2021-01-01", "2021-12-31", 1000m, prices: [Price("2000-01-01", 0.3m, 0m)], plan: PlanRequest.Create(7, D("2022-01-15"))))
            .NextInstallment!.Amount.ShouldBe(51m);
        Calculate(Simple("2021-01-01", "2021-12-31", 1000m, prices: [Price("2000-01-01", 0.3m, 0m)], plan: PlanRequest.Create(4, D("2022-01-15"))))
            .NextInstallment!.Amount.ShouldBe(90m);
    }

    [Fact]
    public void No_plan_is_proposed_unless_asked_for()
    {
        Calculate(Simple("2021-01-01", "2021-12-31", 100m)).NextInstallment.ShouldBeNull();
    }

    [Fact]
    public void Due_dates_from_a_last_day_of_month_stay_on_last_days()
    {
        InstallmentSchedule.DueDates(D("2023-11-30"), 4).ShouldBe([D("2023-11-30"), D("2023-12-31"), D("2024-01-31"), D("2024-02-29")]);
    }

    [Fact]
    public void Due_dates_keep_their_day_and_fall_back_to_the_last_day_of_shorter_months()
    {
        InstallmentSchedule.DueDates(D("2021-01-30"), 3).ShouldBe([D("2021-01-30"), D("2021-02-28"), D("2021-03-30")]);
        InstallmentSchedule.DueDates(D("2021-12-15"), 2).ShouldBe([D("2021-12-15"), D("2022-01-15")]);
    }

    [Theory]
    [InlineData(Commodity.Electricity, "2020-08-01", 0.16)]
    [InlineData(Commodity.Electricity, "2022-12-01", 0.19)]
    [InlineData(Commodity.Gas, "2022-10-01", 0.07)]
    [InlineData(Commodity.Gas, "2024-03-31", 0.07)]
    [InlineData(Commodity.Gas, "2024-04-01", 0.19)]
    [InlineData(Commodity.Heat, "2023-01-01", 0.07)]
    [InlineData(Commodity.Water, "2020-07-01", 0.05)]
    [InlineData(Commodity.Water, "2021-01-01", 0.07)]
    public void Statutory_VAT_defaults_apply_per_commodity(Commodity commodity, string day, double rate)
    {
        var date = D(day);
        StatutoryVat.For(commodity).Last(v => v.From <= date).Rate.ShouldBe((decimal)rate);
        Calculate(Simple(day, day, 10m, commodity)).Lines.ShouldHaveSingleItem().VatRate.ShouldBe((decimal)rate);
    }

    [Theory]
    [InlineData(Commodity.Electricity, Proration.Linear)]
    [InlineData(Commodity.Water, Proration.Linear)]
    [InlineData(Commodity.Gas, Proration.Weighted)]
    [InlineData(Commodity.Heat, Proration.Weighted)]
    public void Proration_defaults_per_commodity(Commodity commodity, Proration expected)
    {
        Simple("2021-01-01", "2021-12-31", 1m, commodity).Proration.ShouldBe(expected);
    }

    [Theory]
    [InlineData("96", "96.0")]
    [InlineData("0.2650", "0.265")]
    [InlineData("0", "0.0")]
    [InlineData("-43.10", "-43.1")]
    [InlineData("1231.30", "1231.3")]
    public void Amounts_are_written_as_their_shortest_exact_number(string value, string expected)
    {
        BillJson.FormatDecimal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)).ShouldBe(expected);
    }
}
