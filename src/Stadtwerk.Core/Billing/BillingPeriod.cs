namespace Stadtwerk.Core.Billing;

/// <summary>An inclusive range of days, such as a billing period or one line of a bill.</summary>
public readonly record struct BillingPeriod
{
    private BillingPeriod(DateOnly start, DateOnly end)
    {
        Start = start;
        End = end;
    }

    public DateOnly Start { get; }

    public DateOnly End { get; }

    /// <summary>Number of days, both ends included.</summary>
    public int Days => End.DayNumber - Start.DayNumber + 1;

    public static BillingPeriod Create(DateOnly start, DateOnly end) =>
        start <= end
            ? new BillingPeriod(start, end)
            : throw new ArgumentException($"The period starts on {start.ToIso()}, after its end {end.ToIso()}.", nameof(end));

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    public override string ToString() => $"{Start.ToIso()}..{End.ToIso()}";
}
