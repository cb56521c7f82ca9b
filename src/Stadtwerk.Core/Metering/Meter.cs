using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Core.Metering;

/// <summary>How a reading came about.</summary>
public enum ReadingKind
{
    Actual,
    Estimated,
    CustomerReported,
}

/// <summary>Who or what delivered a reading.</summary>
public enum ReadingSource
{
    Portal,
    Agent,
    MeterReader,
    Technician,
    Form,
    Import,
    System,
}

/// <summary>A meter (Zähler) installed at a supply point from <see cref="InstalledOn"/> until <see cref="RemovedOn"/>.</summary>
public sealed class Meter : IVersioned
{
    private Meter()
    {
        MeterNumber = string.Empty;
    }

    public Guid Id { get; private set; }

    public string MeterNumber { get; private set; }

    public Commodity Commodity { get; private set; }

    /// <summary>Integer digits of the register (Vorkommastellen); the register rolls over at 10^digits.</summary>
    public int? Digits { get; private set; }

    public Guid PremiseId { get; private set; }

    public DateOnly InstalledOn { get; private set; }

    public DateOnly? RemovedOn { get; private set; }

    public int Version { get; private set; }

    /// <summary>Decimals a reading may have (registers show at most three; gas m³ usually one to three).</summary>
    public const int MaxDecimals = 3;

    public static DomainResult<Meter> Create(string meterNumber, Premise premise, int? digits, DateOnly installedOn, DateOnly? removedOn)
    {
        ArgumentNullException.ThrowIfNull(premise);
        var errors = Check(digits, installedOn, removedOn);
        if (!BusinessNumbers.IsValid(meterNumber))
        {
            errors.Insert(0, new FieldError("meterNumber", BusinessNumbers.Rule));
        }

        if (errors.Count > 0)
        {
            return DomainResult<Meter>.Invalid([.. errors]);
        }

        return DomainResult<Meter>.Ok(new Meter
        {
            Id = Guid.CreateVersion7(),
            MeterNumber = meterNumber.Trim(),
            Commodity = premise.Commodity,
            Digits = digits,
            PremiseId = premise.Id,
            InstalledOn = installedOn,
            RemovedOn = removedOn,
        });
    }

    public DomainResult<Meter> Update(int? digits, DateOnly installedOn, DateOnly? removedOn)
    {
        var errors = Check(digits, installedOn, removedOn);
        if (errors.Count > 0)
        {
            return DomainResult<Meter>.Invalid([.. errors]);
        }

        Digits = digits;
        InstalledOn = installedOn;
        RemovedOn = removedOn;
        return DomainResult<Meter>.Ok(this);
    }

    /// <summary>Checks a reading of this meter: within its installation, not negative, fits the register.</summary>
    public DomainResult<Reading> Read(DateOnly date, decimal value, ReadingKind kind, ReadingSource source, DateTimeOffset recordedAt)
    {
        var errors = CheckReading(date, value);
        return errors.Count > 0
            ? DomainResult<Reading>.Invalid([.. errors])
            : DomainResult<Reading>.Ok(Reading.Create(this, date, value, kind, source, recordedAt));
    }

    internal List<FieldError> CheckReading(DateOnly date, decimal value)
    {
        var errors = new List<FieldError>();
        if (date < InstalledOn)
        {
            errors.Add(new FieldError("date", $"meter {MeterNumber} was installed on {InstalledOn}, after {date}"));
        }

        if (RemovedOn is { } removed && date > removed)
        {
            errors.Add(new FieldError("date", $"meter {MeterNumber} was removed on {removed}, before {date}"));
        }

        if (value < 0)
        {
            errors.Add(new FieldError("value", "must not be negative"));
        }
        else if (decimal.Round(value, MaxDecimals) != value)
        {
            errors.Add(new FieldError("value", $"has more than {MaxDecimals} decimals"));
        }
        else if (Digits is { } digits && value >= Pow10(digits))
        {
            errors.Add(new FieldError("value", $"does not fit the register's {digits} digits"));
        }

        return errors;
    }

    /// <summary>
    /// A reading that follows <paramref name="before"/> (the last reading before it on this meter): a meter does not run
    /// backwards, so a lower value is refused, unless the register rolled over (it has a number of digits, and the
    /// value is closer to the last one through the register's end than back down to it).
    /// </summary>
    public FieldError? CheckFollows(Reading? before, decimal value, string field = "value")
    {
        if (before is null || value >= before.Value)
        {
            return null;
        }

        if (Digits is { } digits && value + Pow10(digits) - before.Value < before.Value - value)
        {
            return null;
        }

        return new FieldError(
            field,
            $"{value} is below the last reading of meter {MeterNumber}, {before.Value} on {before.Date}: a meter does not run backwards; check the value or correct the earlier reading");
    }

    private static List<FieldError> Check(int? digits, DateOnly installedOn, DateOnly? removedOn)
    {
        var errors = new List<FieldError>();
        if (digits is < 1 or > MeterReadings.MaxDigits)
        {
            errors.Add(new FieldError("digits", $"must be between 1 and {MeterReadings.MaxDigits}"));
        }

        if (removedOn is { } removed && removed < installedOn)
        {
            errors.Add(new FieldError("removedOn", $"is before the installation on {installedOn}"));
        }

        return errors;
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

/// <summary>A meter reading (Zählerstand) at the end of <see cref="Date"/>, with its kind and source.</summary>
public sealed class Reading : IVersioned
{
    private Reading()
    {
    }

    public Guid Id { get; private set; }

    public Guid MeterId { get; private set; }

    public DateOnly Date { get; private set; }

    public decimal Value { get; private set; }

    public ReadingKind Kind { get; private set; }

    public ReadingSource Source { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public int Version { get; private set; }

    internal static Reading Create(Meter meter, DateOnly date, decimal value, ReadingKind kind, ReadingSource source, DateTimeOffset recordedAt) => new()
    {
        Id = Guid.CreateVersion7(),
        MeterId = meter.Id,
        Date = date,
        Value = value,
        Kind = kind,
        Source = source,
        RecordedAt = recordedAt.ToUniversalTime(),
    };

    /// <summary>Corrects the value or kind of a reading (e.g. an agent fixes a typo); the date stays.</summary>
    public DomainResult<Reading> Correct(Meter meter, decimal value, ReadingKind kind, ReadingSource source, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(meter);
        var errors = meter.CheckReading(Date, value);
        if (errors.Count > 0)
        {
            return DomainResult<Reading>.Invalid([.. errors]);
        }

        Value = value;
        Kind = kind;
        Source = source;
        RecordedAt = recordedAt.ToUniversalTime();
        return DomainResult<Reading>.Ok(this);
    }
}
