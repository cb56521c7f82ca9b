using System.Globalization;
using Bogus;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Gender = Bogus.DataSets.Name.Gender;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>Generates the demo utility deterministically from a seed.</summary>
/// <remarks>
/// The same seed gives the same business data (numbers, names, addresses, readings, prices) every time: one seeded
/// Bogus randomizer (locale "de") draws everything in a fixed order, and nothing reads the clock or global state.
/// Only the entity IDs differ between runs (the factories draw version-7 GUIDs).
/// </remarks>
public static class DemoGenerator
{
    /// <summary>The number of customers of the demo utility.</summary>
    public const int CustomerCount = 2000;

    public static DemoData Generate(int seed) => new DemoWorld(seed).Build();
}

/// <summary>One run of the generator: the randomizer, the number counters and the entities made so far.</summary>
internal sealed class DemoWorld
{
    private const int StreetCount = 90;

    private static readonly DateOnly EarliestMoveIn = new(2020, 2, 1);
    private static readonly DateOnly LatestChange = new(2021, 11, 30);
    private static readonly DateOnly VatChangeReading = new(2020, 6, 30);

    private readonly Faker faker;
    private readonly DemoIdentifiers ids;
    private readonly Dictionary<string, Tariff> tariffs;
    private readonly List<Customer> customers = [];
    private readonly List<Premise> premises = [];
    private readonly List<Contract> contracts = [];
    private readonly List<Meter> meters = [];
    private readonly List<Reading> readings = [];
    private readonly HashSet<Guid> mistyped = [];
    private readonly Randomizer typos;
    private readonly HashSet<string> companyNames = new(StringComparer.Ordinal);
    private List<Street> streets = [];
    private int customerNumber = 1_000_000;
    private int premiseNumber = 2_000_000;
    private int contractNumber = 3_000_000;
    private int accountNumber = 4_000_000;

    public DemoWorld(int seed)
    {
        faker = new Faker("de") { Random = new Randomizer(seed) };
        ids = new DemoIdentifiers(faker.Random);
        // Its own sequence, so the typos do not change any other generated value.
        typos = new Randomizer(seed ^ 0x7E57);
        tariffs = DemoCatalog.CreateTariffs().ToDictionary(t => t.Code, StringComparer.Ordinal);
    }

    private Randomizer Random => faker.Random;

    public DemoData Build()
    {
        var factors = GasConversionFactors();
        streets = Streets();
        for (var site = 0; customers.Count < DemoGenerator.CustomerCount; site++)
        {
            AddSite(site);
        }

        return new DemoData(
            [.. tariffs.Values.OrderBy(t => t.Code, StringComparer.Ordinal)],
            factors,
            premises,
            customers,
            contracts,
            meters,
            readings,
            mistyped);
    }

    /// <summary>Zustandszahl and Brennwert per network area for 2020 and 2021, as the network operator publishes them.</summary>
    private List<GasConversionFactor> GasConversionFactors()
    {
        var factors = new List<GasConversionFactor>();
        foreach (var (_, area) in DemoCatalog.Districts)
        {
            foreach (var year in (int[])[2020, 2021])
            {
                var stateFactor = Random.Number(9_500, 9_700) / 10_000m;
                var calorificValue = Random.Number(11_000, 11_400) / 1_000m;
                factors.Add(GasConversionFactor.Create(area, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), stateFactor, calorificValue));
            }
        }

        return factors;
    }

    /// <summary>Real-looking German street names from Bogus, each in one district of Musterstadt.</summary>
    private List<Street> Streets()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<Street>(StreetCount);
        while (result.Count < StreetCount)
        {
            var name = faker.Address.StreetName();
            if (names.Add(name))
            {
                var (postalCode, area) = DemoCatalog.Districts[Random.Number(0, DemoCatalog.Districts.Count - 1)];
                result.Add(new Street(name, postalCode, area, Random.Number(8, 90)));
            }
        }

        return result;
    }

    /// <summary>
    /// One address with its supply points and the customers supplied there: usually one customer since before 2020;
    /// sometimes a move-in during 2020/2021, into a new building or after a previous customer moved out.
    /// </summary>
    private void AddSite(int site)
    {
        // A few households keep an old Ferraris meter whose register rolls over during the demo years.
        var rollOver = site % 250 == 42;
        var business = !rollOver && Random.Bool(0.065f);
        var street = streets[Random.Number(0, streets.Count - 1)];
        var houseNumber = Random.Number(1, street.Houses).ToString(CultureInfo.InvariantCulture)
            + (Random.Bool(0.08f) ? Random.ArrayElement(HouseSuffixes) : string.Empty);
        var commodities = Commodities(business);
        DateOnly? moveIn = !rollOver && Random.Bool(0.04f) ? Day(EarliestMoveIn, LatestChange) : null;
        var afterPrevious = moveIn is not null && Random.Bool(0.6f) && customers.Count <= DemoGenerator.CustomerCount - 2;

        var occupants = new List<Occupant>(2);
        if (moveIn is { } start)
        {
            if (afterPrevious)
            {
                occupants.Add(NewOccupant(business, ForwardingAddress(), PastStart(), start.AddDays(-1)));
            }

            occupants.Add(NewOccupant(business, TownAddress(street, houseNumber), start, null));
        }
        else
        {
            occupants.Add(NewOccupant(business, TownAddress(street, houseNumber), PastStart(), null));
        }

        // A move-in without a previous customer is a new connection: the meters are installed the day before.
        var supplyStart = moveIn is { } newBuilding && !afterPrevious ? newBuilding.AddDays(-1) : DemoCatalog.FirstReadingDay;
        foreach (var commodity in commodities)
        {
            var rollsOver = rollOver && (commodity == Commodity.Electricity || (commodity == Commodity.Gas && site % 500 == 42));
            AddSupplyPoint(street, houseNumber, commodity, occupants, supplyStart, rollsOver);
        }
    }

    private static readonly string[] HouseSuffixes = ["a", "b", "c"];

    private List<Commodity> Commodities(bool business)
    {
        var list = new List<Commodity>(3) { Commodity.Electricity };
        if (Random.Bool(0.10f))
        {
            list.Add(Commodity.Heat);
        }
        else if (Random.Bool(business ? 0.5f : 0.6f))
        {
            list.Add(Commodity.Gas);
        }

        if (Random.Bool(0.86f))
        {
            list.Add(Commodity.Water);
        }

        return list;
    }

    private static PostalAddress TownAddress(Street street, string houseNumber) =>
        PostalAddress.Create(street.Name, houseNumber, street.PostalCode, DemoCatalog.Town);

    /// <summary>Where a customer who moved out of Musterstadt lives now (a fictitious town from Bogus).</summary>
    private PostalAddress ForwardingAddress() =>
        PostalAddress.Create(faker.Address.StreetName(), Random.Number(1, 120).ToString(CultureInfo.InvariantCulture), faker.Address.ZipCode("#####"), faker.Address.City());

    /// <summary>A contract start before the demo years: mostly the first of a month, now and then exactly 2020-01-01.</summary>
    private DateOnly PastStart()
    {
        if (Random.Bool(0.03f))
        {
            return new DateOnly(2020, 1, 1);
        }

        var day = Day(new DateOnly(2004, 1, 1), new DateOnly(2019, 12, 31));
        return Random.Bool(0.65f) ? new DateOnly(day.Year, day.Month, 1) : day;
    }

    private DateOnly Day(DateOnly from, DateOnly to) => DateOnly.FromDayNumber(Random.Number(from.DayNumber, to.DayNumber));

    private Occupant NewOccupant(bool business, PostalAddress address, DateOnly start, DateOnly? end)
    {
        var gender = Random.Bool() ? Gender.Female : Gender.Male;
        var firstName = faker.Name.FirstName(gender);
        var lastName = faker.Name.LastName();
        var company = business ? CompanyName(firstName, lastName, address.Street) : null;

        EmailAddress? email = null;
        if (business && Random.Bool(0.85f))
        {
            email = ids.Email(Random.Bool(0.7f) ? "info" : "kontakt", DemoIdentifiers.CompanyDomain(company!));
        }
        else if (!business && Random.Bool(0.68f))
        {
            email = ids.Email(Random.Number(0, 3) switch
            {
                0 => $"{firstName}.{lastName}",
                1 => $"{firstName[0]}.{lastName}",
                2 => $"{lastName}.{firstName}",
                _ => string.Create(CultureInfo.InvariantCulture, $"{firstName}{lastName}{Random.Number(1, 99)}"),
            });
        }

        var phone = Random.Bool(business ? 0.95f : 0.72f) ? ids.Phone() : null;
        var channel = (ContactChannel)DemoIdentifiers.WeightedIndex(Random, business ? BusinessChannelWeights : HouseholdChannelWeights);
        channel = channel switch
        {
            ContactChannel.Email or ContactChannel.Portal when email is null => ContactChannel.Post,
            ContactChannel.Phone when phone is null => ContactChannel.Post,
            _ => channel,
        };

        var number = Format("K", ++customerNumber);
        var customer = DemoCatalog.Required(Customer.Create(number, new CustomerDetails(
            business ? CustomerKind.Business : CustomerKind.Person,
            firstName,
            lastName,
            company,
            address,
            email,
            phone,
            null,
            channel)));
        customers.Add(customer);

        var account = Format("VK", ++accountNumber);
        Mandate? mandate = null;
        if (Random.Bool(0.70f))
        {
            var (iban, bic) = ids.BankAccount();
            var holder = business
                ? company!
                : Random.Bool(0.08f) ? $"{faker.Name.FirstName(Random.Bool() ? Gender.Female : Gender.Male)} {lastName}" : $"{firstName} {lastName}";
            mandate = new Mandate(iban, Random.Bool(0.5f) ? bic : null, holder, "MSW-" + account, start.AddDays(-Random.Number(3, 40)));
        }

        var persons = business ? 0 : 1 + DemoIdentifiers.WeightedIndex(Random, PersonWeights);
        return new Occupant(customer, business, start, end, account, mandate, !business && Random.Bool(0.2f), ExpectedUsage(business, persons));
    }

    private static readonly int[] HouseholdChannelWeights = [35, 35, 10, 20]; // Post, Email, Phone, Portal
    private static readonly int[] BusinessChannelWeights = [30, 50, 10, 10];
    private static readonly int[] PersonWeights = [30, 33, 15, 15, 7];

    private string CompanyName(string firstName, string lastName, string street)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pattern = DemoCatalog.CompanyPatterns[Random.Number(0, DemoCatalog.CompanyPatterns.Count - 1)];
            var name = pattern
                .Replace("{L}", lastName, StringComparison.Ordinal)
                .Replace("{K}", faker.Name.LastName(), StringComparison.Ordinal)
                .Replace("{F}", firstName, StringComparison.Ordinal)
                .Replace("{S}", street, StringComparison.Ordinal);
            if (name.Length <= 70 && (companyNames.Add(name) || attempt > 20))
            {
                return name;
            }
        }
    }

    /// <summary>The expected yearly consumption per commodity (kWh; water m³) and how 2020 and 2021 differed from it.</summary>
    private Dictionary<Commodity, Usage> ExpectedUsage(bool business, int persons)
    {
        var electricity = business
            ? Random.Number(8_000, 80_000)
            : Math.Clamp((1_400 + 750 * (persons - 1)) * Random.Number(90, 115) / 100, 1_500, 5_000);
        var gas = business ? Random.Number(30_000, 150_000) : Random.Number(8_500, 22_000);
        var water = business ? Random.Number(80, 600) : Math.Clamp(38 * persons * Random.Number(85, 120) / 100, 40, 150);
        var heat = business ? Random.Number(20_000, 60_000) : Random.Number(6_000, 15_000);
        return new Dictionary<Commodity, Usage>
        {
            [Commodity.Electricity] = new(electricity, YearFactor(92, 108), YearFactor(92, 108)),
            [Commodity.Gas] = new(gas / 10 * 10, YearFactor(90, 106), YearFactor(96, 112)),
            [Commodity.Water] = new(water, YearFactor(95, 110), YearFactor(90, 105)),
            [Commodity.Heat] = new(heat / 10 * 10, YearFactor(90, 106), YearFactor(96, 112)),
        };
    }

    private decimal YearFactor(int minPercent, int maxPercent) => Random.Number(minPercent, maxPercent) / 100m;

    /// <summary>One supply point with its contracts, its meter (or two, after a meter change) and their readings.</summary>
    private void AddSupplyPoint(Street street, string houseNumber, Commodity commodity, List<Occupant> occupants, DateOnly supplyStart, bool rollOver)
    {
        var energy = commodity is Commodity.Electricity or Commodity.Gas;
        var operatorNumber = commodity == Commodity.Gas ? DemoCatalog.GasOperatorNumber : DemoCatalog.ElectricityOperatorNumber;
        var premise = DemoCatalog.Required(Premise.Create(Format("V", ++premiseNumber), new PremiseDetails(
            TownAddress(street, houseNumber),
            commodity,
            energy ? ids.MarketLocation() : null,
            energy ? ids.MeteringLocation(operatorNumber, street.PostalCode) : null,
            commodity == Commodity.Gas ? street.NetworkArea : null)));
        premises.Add(premise);
        foreach (var occupant in occupants)
        {
            contracts.Add(NewContract(occupant, premise, commodity));
        }

        var consumption = new SupplyConsumption(commodity, occupants);
        var events = ReadingDays(occupants, supplyStart);
        DateOnly? change = null;
        var earliestChange = supplyStart.AddDays(20) > EarliestMoveIn ? supplyStart.AddDays(20) : EarliestMoveIn;
        if (!rollOver && earliestChange <= LatestChange && Random.Bool(0.03f))
        {
            var day = Day(earliestChange, LatestChange);
            change = day == DemoCatalog.EndOf2020 ? day.AddDays(-1) : day;
            events[change.Value] = (ReadingKind.Actual, ReadingSource.Technician);
        }

        var business = occupants[^1].Business;
        var ferraris = commodity == Commodity.Electricity && (rollOver || (!business && supplyStart == DemoCatalog.FirstReadingDay && Random.Bool(0.2f)));
        var digits = DigitsOf(commodity, ferraris);
        var total = consumption.Between(supplyStart, DemoCatalog.LastReadingDay);
        var installedOn = supplyStart == DemoCatalog.FirstReadingDay
            ? Day(new DateOnly(commodity == Commodity.Water ? 2014 : 2006, 1, 1), new DateOnly(2019, 11, 30))
            : supplyStart;
        decimal start;
        if (supplyStart != DemoCatalog.FirstReadingDay)
        {
            start = commodity == Commodity.Electricity ? Random.Number(0, 3) : 0;
        }
        else if (rollOver)
        {
            // Starts close enough to the register's end to pass it between two readings.
            start = Pow10(digits) - Quantize(commodity, total * Random.Number(15, 85) / 100m);
        }
        else
        {
            // What the meter counted since its installation, leaving room for the demo years below the register's end.
            var years = (DemoCatalog.FirstReadingDay.DayNumber - installedOn.DayNumber) / 365.25m;
            var counted = consumption.FirstPerYear * years * Random.Number(80, 120) / 100m;
            var room = Pow10(digits) - 1.3m * total - 1;
            start = Quantize(commodity, Math.Max(0, Math.Min(counted, room)));
        }

        var first = DemoCatalog.Required(Meter.Create(ids.MeterNumber(commodity, ferraris), premise, digits, installedOn, change));
        meters.Add(first);
        AddReadings(first, commodity, consumption, events, start, supplyStart, supplyStart, change ?? DemoCatalog.LastReadingDay);

        if (change is { } changeDay)
        {
            var next = DemoCatalog.Required(Meter.Create(ids.MeterNumber(commodity, ferraris: false), premise, DigitsOf(commodity, ferraris: false), changeDay, null));
            meters.Add(next);
            var nextStart = commodity switch
            {
                Commodity.Electricity => Random.Number(0, 3),
                Commodity.Gas => Random.Bool() ? 0m : Random.Number(1, 50) / 1000m,
                _ => 0m,
            };
            AddReadings(next, commodity, consumption, events, nextStart, changeDay, changeDay, DemoCatalog.LastReadingDay);
        }
    }

    /// <summary>
    /// The days with a reading and how each was taken: the annual readings at the end of 2019, 2020 and 2021 (or the
    /// installation of a new connection), the move-out/move-in reading, and now and then a reading by the customer.
    /// </summary>
    private SortedDictionary<DateOnly, (ReadingKind Kind, ReadingSource Source)> ReadingDays(List<Occupant> occupants, DateOnly supplyStart)
    {
        var days = new SortedDictionary<DateOnly, (ReadingKind, ReadingSource)>
        {
            [supplyStart] = supplyStart == DemoCatalog.FirstReadingDay ? AnnualReading() : (ReadingKind.Actual, ReadingSource.Technician),
        };
        if (supplyStart < DemoCatalog.EndOf2020)
        {
            days[DemoCatalog.EndOf2020] = AnnualReading();
        }

        days[DemoCatalog.LastReadingDay] = AnnualReading();
        if (occupants[0].End is { } moveOut)
        {
            days[moveOut] = Random.Number(0, 9) switch
            {
                < 5 => (ReadingKind.CustomerReported, ReadingSource.Form),
                < 8 => (ReadingKind.CustomerReported, ReadingSource.Agent),
                _ => (ReadingKind.Actual, ReadingSource.MeterReader),
            };
        }

        // Many customers sent a reading for the VAT cut of 2020-07-01.
        if (supplyStart < VatChangeReading && Random.Bool(0.18f))
        {
            days.TryAdd(VatChangeReading, SelfReading());
        }

        foreach (var year in (int[])[2020, 2021])
        {
            if (Random.Bool(0.07f))
            {
                var day = Day(new DateOnly(year, 2, 1), new DateOnly(year, 11, 30));
                if (day > supplyStart)
                {
                    days.TryAdd(day, SelfReading());
                }
            }
        }

        return days;
    }

    private (ReadingKind, ReadingSource) AnnualReading() => Random.Number(0, 99) switch
    {
        < 65 => (ReadingKind.Actual, ReadingSource.MeterReader),
        < 87 => (ReadingKind.CustomerReported, ReadingSource.Portal),
        _ => (ReadingKind.CustomerReported, ReadingSource.Form),
    };

    private (ReadingKind, ReadingSource) SelfReading() =>
        Random.Bool(0.75f) ? (ReadingKind.CustomerReported, ReadingSource.Portal) : (ReadingKind.CustomerReported, ReadingSource.Form);

    /// <summary>The readings of one meter on the reading days from its first to its last day: its start plus the consumption since, on its register.</summary>
    private void AddReadings(
        Meter meter,
        Commodity commodity,
        SupplyConsumption consumption,
        SortedDictionary<DateOnly, (ReadingKind Kind, ReadingSource Source)> days,
        decimal start,
        DateOnly from,
        DateOnly firstDay,
        DateOnly lastDay)
    {
        var capacity = meter.Digits is { } digits ? Pow10(digits) : decimal.MaxValue;
        foreach (var (day, (kind, source)) in days)
        {
            if (day < firstDay || day > lastDay)
            {
                continue;
            }

            var value = Quantize(commodity, start + consumption.Between(from, day)) % capacity;
            // Now and then a customer's own reading during 2021 misses a digit: the January run holds the bill for a clerk.
            var typo = kind == ReadingKind.CustomerReported && day.Year == 2021 && day < DemoCatalog.LastReadingDay && value >= 1_000 && typos.Bool(0.2f);
            if (typo)
            {
                value = decimal.Floor(value / 10);
            }

            var reading = DemoCatalog.Required(meter.Read(day, value, kind, source, RecordedAt(day, source)));
            readings.Add(reading);
            if (typo)
            {
                mistyped.Add(reading.Id);
            }
        }
    }

    /// <summary>When a reading was entered (UTC): meter readers' rounds take days, the portal is used the same evening.</summary>
    private DateTimeOffset RecordedAt(DateOnly day, ReadingSource source)
    {
        var (minDays, maxDays, fromHour, toHour) = source switch
        {
            ReadingSource.MeterReader => (1, 12, 7, 15),
            ReadingSource.Portal => (0, 2, 16, 21),
            ReadingSource.Form => (4, 21, 8, 15),
            ReadingSource.Agent => (0, 3, 8, 16),
            _ => (0, 0, 8, 15),
        };
        var time = new TimeOnly(Random.Number(fromHour, toHour), Random.Number(0, 59), Random.Number(0, 59));
        return new DateTimeOffset(day.AddDays(Random.Number(minDays, maxDays)).ToDateTime(time), TimeSpan.Zero);
    }

    private Contract NewContract(Occupant occupant, Premise premise, Commodity commodity)
    {
        var tariff = tariffs[commodity switch
        {
            Commodity.Electricity when occupant.Business => DemoCatalog.ElectricityBusiness,
            Commodity.Electricity => occupant.Green ? DemoCatalog.ElectricityGreen : DemoCatalog.ElectricityBasic,
            Commodity.Gas => occupant.Business ? DemoCatalog.GasBusiness : DemoCatalog.GasComfort,
            Commodity.Water => DemoCatalog.Water,
            _ => DemoCatalog.DistrictHeat,
        }];
        var bankAccount = occupant.Mandate is { } m
            ? DemoCatalog.Required(BankAccount.Create(m.Iban, m.Bic, m.Holder, m.Reference, m.SignedOn))
            : null;
        var terms = new ContractTerms(tariff, occupant.Start, occupant.End, occupant.AccountNumber, bankAccount, Plan(occupant, commodity, tariff));
        return DemoCatalog.Required(Contract.Create(Format("C", ++contractNumber), occupant.Customer, premise, terms));
    }

    /// <summary>
    /// The installment plan of the contract's latest billing year (2021, or 2020 for a customer who moved out in 2020):
    /// from February (or the month after the move-in), monthly to December (or the move-out), whole euros.
    /// </summary>
    private InstallmentPlan Plan(Occupant occupant, Commodity commodity, Tariff tariff)
    {
        var year = occupant.End is { } end && end.Year < 2021 ? 2020 : 2021;
        var firstDue = new DateOnly(year, 2, 15);
        if (occupant.Start.Year == year && occupant.Start >= new DateOnly(year, 1, 15))
        {
            var next = occupant.Start.AddMonths(1);
            firstDue = new DateOnly(next.Year, next.Month, 15);
        }

        var lastMonth = occupant.End is { } last && last.Year == year ? last.Month : 12;
        var count = Math.Clamp(lastMonth - firstDue.Month + 1, 1, 12);
        var price = tariff.Prices.Last(p => p.ValidFrom <= firstDue);
        var vat = StatutoryVat.For(commodity).Last(v => v.From <= firstDue).Rate;
        var estimate = occupant.Usage[commodity].PerYear * Random.Number(90, 112) / 100m;
        var annualGross = (estimate * price.EnergyPrice + price.BasePricePerYear) * (1 + vat);
        var amount = Math.Ceiling(annualGross / (count == 11 ? 11 : 12));
        return DemoCatalog.Required(InstallmentPlan.Create(amount, firstDue, count));
    }

    private static int DigitsOf(Commodity commodity, bool ferraris) => commodity switch
    {
        Commodity.Electricity => ferraris ? 5 : 6,
        Commodity.Heat => 6,
        _ => 5,
    };

    /// <summary>Registers show whole kWh and m³; gas meters three decimals of m³.</summary>
    private static decimal Quantize(Commodity commodity, decimal value) =>
        commodity == Commodity.Gas ? decimal.Floor(value * 1000) / 1000 : decimal.Floor(value);

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }

    private static string Format(string prefix, int number) => prefix + number.ToString(CultureInfo.InvariantCulture);

    private sealed record Street(string Name, string PostalCode, string NetworkArea, int Houses);

    private sealed record Mandate(Iban Iban, Bic? Bic, string Holder, string Reference, DateOnly SignedOn);

    private sealed record Occupant(
        Customer Customer,
        bool Business,
        DateOnly Start,
        DateOnly? End,
        string AccountNumber,
        Mandate? Mandate,
        bool Green,
        Dictionary<Commodity, Usage> Usage);

    /// <summary>The consumption of one supply point over the demo years, occupant by occupant and year by year.</summary>
    private sealed class SupplyConsumption
    {
        private readonly decimal[] profile;
        private readonly List<(DateOnly Last, decimal PerYear)> segments = [];

        public SupplyConsumption(Commodity commodity, List<Occupant> occupants)
        {
            profile = DemoConsumption.For(commodity);
            foreach (var occupant in occupants)
            {
                var usage = occupant.Usage[commodity];
                foreach (var year in (int[])[2020, 2021])
                {
                    var yearEnd = new DateOnly(year, 12, 31);
                    var last = occupant.End is { } end && end < yearEnd ? end : yearEnd;
                    if (last.Year != year || (segments.Count > 0 && last <= segments[^1].Last))
                    {
                        continue;
                    }

                    // The register counts what the meter measures: gas in m³ (about 10.5 kWh each), the rest as billed.
                    var perYear = usage.PerYear * (year == 2020 ? usage.Factor2020 : usage.Factor2021);
                    segments.Add((last, commodity == Commodity.Gas ? perYear / 10.5m : perYear));
                }
            }
        }

        /// <summary>The register units per year of the first customer in 2020.</summary>
        public decimal FirstPerYear => segments[0].PerYear;

        /// <summary>The register units consumed after the end of <paramref name="from"/> through the end of <paramref name="to"/>.</summary>
        public decimal Between(DateOnly from, DateOnly to) => UpTo(to) - UpTo(from);

        private decimal UpTo(DateOnly day)
        {
            var total = 0m;
            var low = DemoCatalog.FirstReadingDay;
            foreach (var (last, perYear) in segments)
            {
                if (day <= low)
                {
                    break;
                }

                var high = last < day ? last : day;
                total += perYear * (profile[DemoConsumption.Index(high)] - profile[DemoConsumption.Index(low)]);
                low = last;
            }

            return total;
        }
    }
}

/// <summary>A customer's expected consumption per year (kWh; water m³) and the factor by which 2020 and 2021 differed.</summary>
internal sealed record Usage(decimal PerYear, decimal Factor2020, decimal Factor2021);
