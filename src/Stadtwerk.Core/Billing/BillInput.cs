using System.Collections.Immutable;

namespace Stadtwerk.Core.Billing;

/// <summary>A meter state at the end of <see cref="Date"/> (Zählerstand).</summary>
public sealed record MeterReading
{
    private MeterReading(DateOnly date, decimal value)
    {
        Date = date;
        Value = value;
    }

    public DateOnly Date { get; }

    public decimal Value { get; }

    public static MeterReading Create(DateOnly date, decimal value) => new(date, Guard.NotNegative(value, nameof(value)));
}

/// <summary>One meter with its readings in the period; <see cref="Digits"/> (integer digits of the register) allows a roll-over.</summary>
public sealed record MeterReadings
{
    private MeterReadings(string number, int? digits, ImmutableArray<MeterReading> readings)
    {
        Number = number;
        Digits = digits;
        Readings = readings;
    }

    public string Number { get; }

    public int? Digits { get; }

    public ImmutableArray<MeterReading> Readings { get; }

    /// <summary>The register's capacity, 10^digits, added once when the register rolls over.</summary>
    public decimal? RollOver => Digits is { } d ? Pow10(d) : null;

    public const int MaxDigits = 15;

    public static MeterReadings Create(string number, int? digits, IEnumerable<MeterReading> readings)
    {
        Guard.NotBlank(number, nameof(number));
        if (digits is < 1 or > MaxDigits)
        {
            throw new ArgumentOutOfRangeException(nameof(digits), digits, $"A register has 1 to {MaxDigits} digits.");
        }

        ArgumentNullException.ThrowIfNull(readings);
        return new MeterReadings(number, digits, [.. readings]);
    }

    private static decimal Pow10(int digits)
    {
        var result = 1m;
        for (var i = 0; i < digits; i++)
        {
            result *= 10;
        }

        return result;
    }
}

/// <summary>A net price valid from <see cref="From"/> until the next entry: energy per kWh (water: per m³), base per year.</summary>
public sealed record PriceEntry
{
    private PriceEntry(DateOnly from, decimal energy, decimal basePerYear)
    {
        From = from;
        Energy = energy;
        BasePerYear = basePerYear;
    }

    public DateOnly From { get; }

    public decimal Energy { get; }

    public decimal BasePerYear { get; }

    public static PriceEntry Create(DateOnly from, decimal energy, decimal basePerYear) =>
        new(from, Guard.NotNegative(energy, nameof(energy)), Guard.NotNegative(basePerYear, nameof(basePerYear)));
}

/// <summary>A VAT rate valid from <see cref="From"/> until the next entry (0.19 = 19 %).</summary>
public sealed record VatRate
{
    private VatRate(DateOnly from, decimal rate)
    {
        From = from;
        Rate = rate;
    }

    public DateOnly From { get; }

    public decimal Rate { get; }

    public static VatRate Create(DateOnly from, decimal rate) =>
        rate is >= 0 and < 1
            ? new VatRate(from, rate)
            : throw new ArgumentOutOfRangeException(nameof(rate), rate, "A VAT rate lies between 0 and 1 (0.19 = 19 %).");
}

/// <summary>A gross installment (Abschlag) the customer paid, credited on the bill.</summary>
public sealed record InstallmentPayment
{
    private InstallmentPayment(DateOnly due, decimal amount)
    {
        Due = due;
        Amount = amount;
    }

    public DateOnly Due { get; }

    public decimal Amount { get; }

    public static InstallmentPayment Create(DateOnly due, decimal amount) => new(due, Guard.NotNegative(amount, nameof(amount)));
}

/// <summary>Gas volume to energy: kWh = m³ × Zustandszahl (<see cref="StateFactor"/>) × Brennwert (<see cref="CalorificValue"/>).</summary>
public sealed record GasConversion
{
    private GasConversion(decimal stateFactor, decimal calorificValue)
    {
        StateFactor = stateFactor;
        CalorificValue = calorificValue;
    }

    /// <summary>Zustandszahl: corrects the measured volume to standard temperature and pressure.</summary>
    public decimal StateFactor { get; }

    /// <summary>Brennwert in kWh/m³.</summary>
    public decimal CalorificValue { get; }

    public decimal Factor => StateFactor * CalorificValue;

    public static GasConversion Create(decimal stateFactor, decimal calorificValue) =>
        new(Guard.Positive(stateFactor, nameof(stateFactor)), Guard.Positive(calorificValue, nameof(calorificValue)));
}

/// <summary>Asks for the next installment plan: <see cref="Count"/> monthly installments from <see cref="FirstDue"/>.</summary>
public sealed record PlanRequest
{
    private PlanRequest(int count, DateOnly firstDue)
    {
        Count = count;
        FirstDue = firstDue;
    }

    public int Count { get; }

    public DateOnly FirstDue { get; }

    public static PlanRequest Create(int count, DateOnly firstDue) =>
        count >= 1 ? new PlanRequest(count, firstDue) : throw new ArgumentOutOfRangeException(nameof(count), count, "A plan has at least one installment.");
}

/// <summary>Everything one bill is calculated from: the input of <c>calculate</c>.</summary>
public sealed record BillInput
{
    private BillInput(
        Commodity commodity,
        BillingPeriod period,
        Proration proration,
        GasConversion? gas,
        ImmutableArray<MeterReadings> meters,
        ImmutableArray<PriceEntry> prices,
        ImmutableArray<VatRate> vat,
        ImmutableArray<InstallmentPayment> installments,
        PlanRequest? plan)
    {
        Commodity = commodity;
        Period = period;
        Proration = proration;
        Gas = gas;
        Meters = meters;
        Prices = prices;
        Vat = vat;
        Installments = installments;
        Plan = plan;
    }

    public Commodity Commodity { get; }

    public BillingPeriod Period { get; }

    public Proration Proration { get; }

    /// <summary>Conversion factors; required for gas, ignored otherwise.</summary>
    public GasConversion? Gas { get; }

    public ImmutableArray<MeterReadings> Meters { get; }

    /// <summary>Price entries in date order.</summary>
    public ImmutableArray<PriceEntry> Prices { get; }

    /// <summary>VAT rates in date order (the statutory table when none were given).</summary>
    public ImmutableArray<VatRate> Vat { get; }

    public ImmutableArray<InstallmentPayment> Installments { get; }

    public PlanRequest? Plan { get; }

    /// <summary>
    /// Builds the input. <paramref name="proration"/> defaults by commodity, <paramref name="vat"/> to the
    /// statutory German table. Price and VAT entries are put in date order; two entries on one date are an error.
    /// </summary>
    public static BillInput Create(
        Commodity commodity,
        BillingPeriod period,
        IEnumerable<MeterReadings> meters,
        IEnumerable<PriceEntry> prices,
        IEnumerable<InstallmentPayment>? installments = null,
        Proration? proration = null,
        GasConversion? gas = null,
        IEnumerable<VatRate>? vat = null,
        PlanRequest? plan = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(prices);
        var meterList = meters.ToImmutableArray();
        if (meterList.IsEmpty)
        {
            throw new ArgumentException("A bill needs at least one meter.", nameof(meters));
        }

        var priceList = prices.OrderBy(p => p.From).ToImmutableArray();
        if (priceList.IsEmpty)
        {
            throw new ArgumentException("A bill needs at least one price entry.", nameof(prices));
        }

        RequireDistinctDates(priceList, p => p.From, nameof(prices));
        var vatList = vat is null ? StatutoryVat.For(commodity) : vat.OrderBy(v => v.From).ToImmutableArray();
        if (vatList.IsEmpty)
        {
            throw new ArgumentException("A bill needs at least one VAT rate.", nameof(vat));
        }

        RequireDistinctDates(vatList, v => v.From, nameof(vat));
        return new BillInput(
            commodity,
            period,
            proration ?? commodity.DefaultProration(),
            gas,
            meterList,
            priceList,
            vatList,
            installments?.ToImmutableArray() ?? [],
            plan);
    }

    private static void RequireDistinctDates<T>(ImmutableArray<T> sorted, Func<T, DateOnly> from, string name)
    {
        for (var i = 1; i < sorted.Length; i++)
        {
            if (from(sorted[i]) == from(sorted[i - 1]))
            {
                throw new ArgumentException($"Two entries start on {from(sorted[i]).ToIso()}.", name);
            }
        }
    }
}
