using System.Diagnostics;
using System.Globalization;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Infrastructure.Demo;

namespace Stadtwerk.Infrastructure.Tests.Demo;

/// <summary>The demo utility generated once with the seed the loader uses.</summary>
public sealed class DemoDataFixture
{
    public DemoDataFixture()
    {
        var watch = Stopwatch.StartNew();
        Data = DemoGenerator.Generate(DemoUtility.Seed);
        Elapsed = watch.Elapsed;
    }

    public DemoData Data { get; }

    /// <summary>The first generation in the test process: includes loading Bogus' locale and JIT compilation.</summary>
    public TimeSpan Elapsed { get; }
}

public sealed class DemoGeneratorTests(DemoDataFixture fixture) : IClassFixture<DemoDataFixture>
{
    private static readonly int[] Years = [2020, 2021];

    private DemoData Data => fixture.Data;

    [Fact]
    public void The_same_seed_gives_the_same_business_data()
    {
        var again = DemoSnapshot.Of(DemoGenerator.Generate(DemoUtility.Seed));
        var first = DemoSnapshot.Of(Data);

        again.Count.ShouldBe(first.Count);
        var difference = first.Zip(again).FirstOrDefault(pair => pair.First != pair.Second);
        difference.ShouldBe(default, "the first line that differs between two runs with the same seed");
    }

    [Fact]
    public void Another_seed_gives_other_data()
    {
        var other = DemoSnapshot.Of(DemoGenerator.Generate(DemoUtility.Seed + 1));

        other.Where(line => line.StartsWith("C|", StringComparison.Ordinal))
            .SequenceEqual(DemoSnapshot.Of(Data).Where(line => line.StartsWith("C|", StringComparison.Ordinal)))
            .ShouldBeFalse();
    }

    [Fact]
    public void Generating_takes_well_under_two_seconds()
    {
        var watch = Stopwatch.StartNew();
        var data = DemoGenerator.Generate(4711);
        var warm = watch.Elapsed;

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Generate: first run {fixture.Elapsed.TotalMilliseconds:0} ms (with Bogus locale and JIT), another seed {warm.TotalMilliseconds:0} ms; {data.Customers.Count} customers, {data.Readings.Count} readings"));
        fixture.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2));
        warm.ShouldBeLessThan(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public void Prints_the_figures()
    {
        var data = Data;
        var premises = data.Premises.GroupBy(p => p.Commodity).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var contracts = data.Contracts.GroupBy(c => c.Commodity).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        var changes = data.Meters.GroupBy(m => m.PremiseId).Count(g => g.Count() > 1);
        var rollOvers = data.Readings.GroupBy(r => r.MeterId)
            .Count(g => g.OrderBy(r => r.Date).Zip(g.OrderBy(r => r.Date).Skip(1)).Any(pair => pair.Second.Value < pair.First.Value));
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{data.Customers.Count} customers ({data.Customers.Count(c => c.Kind == CustomerKind.Business)} businesses); premises: {string.Join(", ", premises)}; "
            + $"{data.Contracts.Count} contracts ({string.Join(", ", contracts)}; {data.Contracts.Count(c => c.StartDate > new DateOnly(2020, 1, 1))} move-ins, {data.Contracts.Count(c => c.EndDate != null)} ended), "
            + $"{data.Contracts.Count(c => c.BankAccount != null)} with SEPA mandate; {data.Meters.Count} meters, {changes} meter changes, {rollOvers} roll-overs; "
            + $"{data.Readings.Count} readings; {data.Tariffs.Count} tariffs; {data.GasConversionFactors.Count} gas factors");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Console.WriteLine(summary);
        changes.ShouldBeGreaterThan(0);
        rollOvers.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void About_two_thousand_customers_with_five_to_eight_percent_businesses()
    {
        Data.Customers.Count.ShouldBe(DemoGenerator.CustomerCount);
        var businessShare = Data.Customers.Count(c => c.Kind == CustomerKind.Business) / (double)Data.Customers.Count;
        businessShare.ShouldBeInRange(0.05, 0.08);
        Data.Customers.Where(c => c.Kind == CustomerKind.Business).ShouldAllBe(c => !string.IsNullOrEmpty(c.CompanyName));
        Data.Customers.Where(c => c.Kind == CustomerKind.Person).ShouldAllBe(c => !string.IsNullOrEmpty(c.FirstName) && !string.IsNullOrEmpty(c.LastName));
    }

    [Fact]
    public void Customers_live_in_Musterstadt_and_most_have_phone_and_email()
    {
        var current = CurrentCustomers();
        current.ShouldAllBe(c => c.Address.City == "Musterstadt" && c.Address.Country == "DE");
        current.Select(c => c.Address.PostalCode).Distinct().Count().ShouldBeInRange(1, 5);
        current.Select(c => c.Address.Street).Distinct().Count().ShouldBeGreaterThan(30);

        Data.Customers.Count(c => c.Phone is not null).ShouldBeGreaterThan(Data.Customers.Count / 2);
        Data.Customers.Count(c => c.Email is not null).ShouldBeGreaterThan(Data.Customers.Count / 2);
        Data.Customers.Where(c => c.Phone is not null).Select(c => c.Phone!.Value).ShouldBeUnique();
        Data.Customers.Where(c => c.Email is not null).Select(c => c.Email!.Value).ShouldBeUnique();
        Data.Customers.ShouldAllBe(c => c.Email == null || c.Email.Domain.EndsWith(".example", StringComparison.Ordinal));
        Data.Customers.Select(c => c.PreferredChannel).Distinct().Count().ShouldBe(Enum.GetValues<ContactChannel>().Length);
    }

    [Fact]
    public void All_four_commodities_with_electricity_for_everyone()
    {
        var customers = Data.Customers.Count;
        var perCommodity = Data.Contracts.GroupBy(c => c.Commodity).ToDictionary(g => g.Key, g => g.Select(c => c.CustomerId).Distinct().Count());

        perCommodity[Commodity.Electricity].ShouldBe(customers);
        perCommodity[Commodity.Gas].ShouldBeInRange(customers * 40 / 100, customers * 65 / 100);
        perCommodity[Commodity.Water].ShouldBeInRange(customers * 75 / 100, customers * 95 / 100);
        perCommodity[Commodity.Heat].ShouldBeInRange(customers * 5 / 100, customers * 15 / 100);
        Data.Contracts.GroupBy(c => c.CustomerId)
            .ShouldAllBe(g => !(g.Any(c => c.Commodity == Commodity.Gas) && g.Any(c => c.Commodity == Commodity.Heat)));
        Data.Contracts.GroupBy(c => (c.CustomerId, c.Commodity)).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void Every_tariff_changes_its_prices_in_2020_and_in_2021_within_realistic_ranges()
    {
        foreach (var commodity in Enum.GetValues<Commodity>())
        {
            Data.Tariffs.ShouldContain(t => t.Commodity == commodity);
        }

        foreach (var tariff in Data.Tariffs)
        {
            tariff.Prices[0].ValidFrom.ShouldBeLessThanOrEqualTo(new DateOnly(2019, 12, 31));
            tariff.Prices.ShouldContain(p => p.ValidFrom.Year == 2020);
            tariff.Prices.ShouldContain(p => p.ValidFrom.Year == 2021);
            var (low, high) = tariff.Commodity switch
            {
                Commodity.Electricity => (0.24m, 0.32m),
                Commodity.Gas => (0.05m, 0.075m),
                Commodity.Water => (2.0m, 2.6m),
                _ => (0.08m, 0.11m),
            };
            tariff.Prices.ShouldAllBe(p => p.EnergyPrice >= low && p.EnergyPrice <= high && p.BasePricePerYear >= 60m && p.BasePricePerYear <= 200m);
        }
    }

    [Fact]
    public void Every_network_area_has_gas_factors_for_2020_and_2021()
    {
        var areas = Data.Premises.Where(p => p.Commodity == Commodity.Gas).Select(p => p.NetworkArea!).Distinct().ToList();
        areas.Count.ShouldBeInRange(2, 3);
        foreach (var area in areas)
        {
            foreach (var year in Years)
            {
                var factor = Data.GasConversionFactors
                    .Where(f => f.NetworkArea == area && f.ValidFrom == new DateOnly(year, 1, 1) && f.ValidTo == new DateOnly(year, 12, 31))
                    .ShouldHaveSingleItem();
                factor.StateFactor.ShouldBeInRange(0.95m, 0.97m);
                factor.CalorificValue.ShouldBeInRange(11.0m, 11.4m);
            }
        }
    }

    [Fact]
    public void Market_and_metering_location_IDs_are_valid_and_unique()
    {
        foreach (var premise in Data.Premises)
        {
            var energy = premise.Commodity is Commodity.Electricity or Commodity.Gas;
            (premise.MarketLocation is not null).ShouldBe(energy, premise.PremiseNumber);
            (premise.MeteringLocation is not null).ShouldBe(energy, premise.PremiseNumber);
            if (premise.MarketLocation is { } malo)
            {
                MarketLocationId.Parse(malo.Value).Succeeded.ShouldBeTrue(malo.Value);
                premise.MeteringLocation!.PostalCode.ShouldBe(premise.Address.PostalCode);
            }

            (premise.NetworkArea is not null).ShouldBe(premise.Commodity == Commodity.Gas, premise.PremiseNumber);
        }

        Data.Premises.Where(p => p.MarketLocation is not null).Select(p => p.MarketLocation!.Value).ShouldBeUnique();
        Data.Premises.Where(p => p.MeteringLocation is not null).Select(p => p.MeteringLocation!.Value).ShouldBeUnique();
    }

    [Fact]
    public void Business_numbers_follow_the_rule_and_are_unique()
    {
        string[][] numbers =
        [
            [.. Data.Customers.Select(c => c.CustomerNumber)],
            [.. Data.Premises.Select(p => p.PremiseNumber)],
            [.. Data.Contracts.Select(c => c.ContractNumber)],
            [.. Data.Meters.Select(m => m.MeterNumber)],
            [.. Data.Tariffs.Select(t => t.Code)],
        ];
        foreach (var list in numbers)
        {
            list.ShouldAllBe(n => BusinessNumbers.IsValid(n));
            list.ShouldBeUnique();
        }

        Data.Customers.ShouldAllBe(c => c.CustomerNumber.StartsWith('K'));
        Data.Premises.ShouldAllBe(p => p.PremiseNumber.StartsWith('V'));
        Data.Contracts.ShouldAllBe(c => c.ContractNumber.StartsWith('C') && c.ContractAccountNumber.StartsWith("VK", StringComparison.Ordinal));
        Data.Contracts.ShouldAllBe(c => BusinessNumbers.IsValid(c.ContractAccountNumber));
        var meterPrefixes = new Dictionary<Commodity, string[]>
        {
            [Commodity.Electricity] = ["1"],
            [Commodity.Gas] = ["7"],
            [Commodity.Water] = ["W"],
            [Commodity.Heat] = ["WMZ"],
        };
        Data.Meters.ShouldAllBe(m => meterPrefixes[m.Commodity].Any(prefix => m.MeterNumber.StartsWith(prefix, StringComparison.Ordinal)));
        Data.Meters.Where(m => m.Commodity == Commodity.Water).ShouldAllBe(m => !m.MeterNumber.StartsWith("WMZ", StringComparison.Ordinal));
    }

    [Fact]
    public void Bank_accounts_have_valid_unique_German_IBANs_and_SEPA_mandates_for_about_seventy_percent()
    {
        var withMandate = Data.Contracts.Where(c => c.BankAccount is not null).ToList();
        var customerShare = withMandate.Select(c => c.CustomerId).Distinct().Count() / (double)Data.Customers.Count;
        customerShare.ShouldBeInRange(0.6, 0.8);
        foreach (var contract in withMandate)
        {
            var account = contract.BankAccount!;
            Iban.Parse(account.Iban.Value).Succeeded.ShouldBeTrue(account.Iban.Value);
            account.Iban.CountryCode.ShouldBe("DE");
            account.Holder.ShouldNotBeNullOrWhiteSpace();
            account.MandateReference.ShouldNotBeNullOrWhiteSpace();
            account.MandateSignedOn.ShouldBeLessThanOrEqualTo(contract.StartDate);
        }

        // One account per customer: the same IBAN on all of a customer's contracts, never on another customer's.
        withMandate.GroupBy(c => c.CustomerId).ShouldAllBe(g => g.Select(c => c.BankAccount!.Iban.Value).Distinct().Count() == 1);
        withMandate.GroupBy(c => c.BankAccount!.Iban.Value).ShouldAllBe(g => g.Select(c => c.CustomerId).Distinct().Count() == 1);
        withMandate.GroupBy(c => c.BankAccount!.MandateReference).ShouldAllBe(g => g.Select(c => c.CustomerId).Distinct().Count() == 1);
    }

    [Fact]
    public void Every_contract_has_an_installment_plan_in_whole_euros()
    {
        Data.Contracts.ShouldAllBe(c => c.InstallmentPlan != null);
        Data.Contracts.ShouldAllBe(c => c.InstallmentPlan!.Amount > 0 && c.InstallmentPlan.Amount == decimal.Truncate(c.InstallmentPlan.Amount));
    }

    [Fact]
    public void Most_contracts_start_by_2020_and_some_customers_move_in_during_2020_and_2021()
    {
        var early = Data.Contracts.Count(c => c.StartDate <= new DateOnly(2020, 1, 1));
        (early / (double)Data.Contracts.Count).ShouldBeGreaterThan(0.9);
        Data.Contracts.ShouldContain(c => c.StartDate.Year == 2020 && c.StartDate.DayOfYear > 1);
        Data.Contracts.ShouldContain(c => c.StartDate.Year == 2021 && c.StartDate.DayOfYear > 1);
        Data.Contracts.ShouldContain(c => c.EndDate != null, "customers who moved out");

        // A move-in has a reading on the day before it starts.
        var readingDays = Data.Readings.ToLookup(r => r.MeterId, r => r.Date);
        var metersByPremise = Data.Meters.ToLookup(m => m.PremiseId);
        foreach (var contract in Data.Contracts.Where(c => c.StartDate > new DateOnly(2020, 1, 1)))
        {
            metersByPremise[contract.PremiseId].SelectMany(m => readingDays[m.Id])
                .ShouldContain(contract.StartDate.AddDays(-1), contract.ContractNumber);
        }
    }

    [Fact]
    public void Readings_lie_within_the_installation_and_fit_the_register()
    {
        var meters = Data.Meters.ToDictionary(m => m.Id);
        foreach (var reading in Data.Readings)
        {
            var meter = meters[reading.MeterId];
            reading.Date.ShouldBeInRange(new DateOnly(2019, 12, 31), new DateOnly(2021, 12, 31));
            reading.Date.ShouldBeGreaterThanOrEqualTo(meter.InstalledOn);
            if (meter.RemovedOn is { } removed)
            {
                reading.Date.ShouldBeLessThanOrEqualTo(removed);
            }

            reading.Value.ShouldBeGreaterThanOrEqualTo(0m);
            if (meter.Digits is { } digits)
            {
                reading.Value.ShouldBeLessThan((decimal)Math.Pow(10, digits));
            }
        }

        // The annual readings: every meter running at a year's end was read on that day.
        var readingDays = Data.Readings.ToLookup(r => r.MeterId, r => r.Date);
        foreach (var day in new[] { new DateOnly(2019, 12, 31), new DateOnly(2020, 12, 31), new DateOnly(2021, 12, 31) })
        {
            foreach (var meter in Data.Meters.Where(m => m.InstalledOn <= day && (m.RemovedOn is null || m.RemovedOn >= day)))
            {
                readingDays[meter.Id].ShouldContain(day, meter.MeterNumber);
            }
        }

        Data.Readings.Select(r => r.Kind).Distinct().ShouldContain(ReadingKind.Actual);
        Data.Readings.Select(r => r.Kind).Distinct().ShouldContain(ReadingKind.CustomerReported);
        Data.Readings.Select(r => r.Source).Distinct().ShouldBe(
            [ReadingSource.MeterReader, ReadingSource.Portal, ReadingSource.Form, ReadingSource.Agent, ReadingSource.Technician], ignoreOrder: true);
        Data.Readings.ShouldAllBe(r => r.RecordedAt.Offset == TimeSpan.Zero && DateOnly.FromDateTime(r.RecordedAt.UtcDateTime) >= r.Date);
    }

    [Fact]
    public void About_three_percent_of_supply_points_change_their_meter()
    {
        var changed = Data.Meters.GroupBy(m => m.PremiseId).Where(g => g.Count() > 1).ToList();
        (changed.Count / (double)Data.Premises.Count).ShouldBeInRange(0.015, 0.05);
        changed.ShouldAllBe(g => g.Count() == 2);

        var readings = Data.Readings.ToLookup(r => r.MeterId);
        foreach (var change in changed)
        {
            var old = change.Single(m => m.RemovedOn != null);
            var next = change.Single(m => m.RemovedOn == null);
            next.InstalledOn.ShouldBe(old.RemovedOn!.Value);
            readings[old.Id].Max(r => r.Date).ShouldBe(next.InstalledOn, old.MeterNumber);
            var first = readings[next.Id].MinBy(r => r.Date)!;
            first.Date.ShouldBe(next.InstalledOn, next.MeterNumber);
            first.Value.ShouldBeLessThan(5m);
            first.Source.ShouldBe(ReadingSource.Technician);
        }
    }

    [Fact]
    public void Readings_only_fall_where_a_register_with_digits_rolls_over()
    {
        var meters = Data.Meters.ToDictionary(m => m.Id);
        var rollOvers = new List<string>();
        foreach (var group in Data.Readings.GroupBy(r => r.MeterId))
        {
            var ordered = group.OrderBy(r => r.Date).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Value < ordered[i - 1].Value && !Data.MistypedReadings.Contains(ordered[i].Id) && !Data.MistypedReadings.Contains(ordered[i - 1].Id))
                {
                    var meter = meters[group.Key];
                    meter.Digits.ShouldNotBeNull(meter.MeterNumber);
                    rollOvers.Add(meter.MeterNumber);
                }
            }
        }

        rollOvers.ShouldNotBeEmpty();
        rollOvers.ShouldBeUnique("a register rolls over at most once in two years");
        var typos = Data.Readings.Where(r => Data.MistypedReadings.Contains(r.Id)).ToList();
        typos.ShouldNotBeEmpty("the January run has typos to hold for clerks");
        typos.ShouldAllBe(r => r.Kind == ReadingKind.CustomerReported && r.Date.Year == 2021);
        typos.Count.ShouldBeLessThan(Data.Meters.Count / 50);
        TestContext.Current.TestOutputHelper?.WriteLine($"roll-overs: {string.Join(", ", rollOvers)}");
    }

    [Theory]
    [InlineData(DemoUtility.Seed)]
    [InlineData(1)]
    [InlineData(20_211_231)]
    public void Every_contract_can_be_billed_for_2020_and_2021(int seed)
    {
        var data = seed == DemoUtility.Seed ? Data : DemoGenerator.Generate(seed);
        var billing = new DemoBilling(data);
        var rejected = new List<string>();
        var bills = 0;
        foreach (var contract in data.Contracts)
        {
            foreach (var year in Years)
            {
                if (DemoBilling.Period(contract, year) is not { } period || billing.HasMistypedReading(contract, period, data.MistypedReadings))
                {
                    continue;
                }

                bills++;
                if (BillCalculator.Calculate(billing.Input(contract, period)) is CalculationResult.Rejected(var reason))
                {
                    rejected.Add($"{contract.ContractNumber} {year}: {reason}");
                }
            }
        }

        rejected.ShouldBeEmpty();
        bills.ShouldBeGreaterThan(data.Contracts.Count * 19 / 10);
    }

    [Fact]
    public void A_full_year_shows_a_realistic_consumption()
    {
        var billing = new DemoBilling(Data);
        var customers = Data.Customers.ToDictionary(c => c.Id);
        var outside = new List<string>();
        foreach (var contract in Data.Contracts.Where(c => c.StartDate <= new DateOnly(2020, 1, 1) && c.EndDate == null))
        {
            var business = customers[contract.CustomerId].Kind == CustomerKind.Business;
            var (low, high) = (contract.Commodity, business) switch
            {
                (Commodity.Electricity, false) => (1_300, 5_600),
                (Commodity.Electricity, true) => (7_000, 90_000),
                (Commodity.Gas, false) => (7_000, 27_000),
                (Commodity.Gas, true) => (27_000, 170_000),
                (Commodity.Water, false) => (35, 170),
                (Commodity.Water, true) => (70, 680),
                (Commodity.Heat, false) => (5_000, 17_000),
                (Commodity.Heat, true) => (17_000, 68_000),
                _ => throw new InvalidOperationException($"unknown commodity {contract.Commodity}"),
            };
            foreach (var year in Years)
            {
                var period = DemoBilling.Period(contract, year)!.Value;
                if (billing.HasMistypedReading(contract, period, Data.MistypedReadings))
                {
                    continue;
                }

                var bill = BillCalculator.Calculate(billing.Input(contract, period)).ShouldBeOfType<CalculationResult.Calculated>().Bill;
                if (bill.Quantity < low || bill.Quantity > high)
                {
                    outside.Add($"{contract.ContractNumber} {year}: {bill.Quantity}");
                }
            }
        }

        outside.ShouldBeEmpty();
    }

    /// <summary>The customers supplied at their own address, that is all but those who moved out.</summary>
    private List<Customer> CurrentCustomers()
    {
        var movedOut = Data.Contracts.Where(c => c.EndDate != null).Select(c => c.CustomerId).ToHashSet();
        return [.. Data.Customers.Where(c => !movedOut.Contains(c.Id))];
    }
}
