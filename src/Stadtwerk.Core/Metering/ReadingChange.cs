namespace Stadtwerk.Core.Metering;

/// <summary>
/// The audit of a reading a person entered or corrected by hand (a clerk resolving a Klärfall, an agent on the phone):
/// the value before and after, why, who and when. A reading's own row shows only its current value; this keeps
/// what it was.
/// </summary>
public sealed class ReadingChange
{
    /// <summary>The longest reason kept.</summary>
    public const int MaxReasonLength = 500;

    private ReadingChange()
    {
        ChangedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ReadingId { get; private set; }

    public Guid MeterId { get; private set; }

    public DateOnly ReadingDate { get; private set; }

    /// <summary>The value before; null when the reading was added.</summary>
    public decimal? OldValue { get; private set; }

    public ReadingKind? OldKind { get; private set; }

    public ReadingSource? OldSource { get; private set; }

    public decimal NewValue { get; private set; }

    public ReadingKind NewKind { get; private set; }

    public ReadingSource NewSource { get; private set; }

    /// <summary>Why; a clerk's page asks for it, an API client may leave it out.</summary>
    public string? Reason { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    /// <summary>The reason, checked: a change by hand says why.</summary>
    public static FieldError? CheckReason(string? reason, string field = "reason") =>
        string.IsNullOrWhiteSpace(reason) ? new FieldError(field, "is required: say why the reading is entered or corrected")
        : reason.Trim().Length > MaxReasonLength ? new FieldError(field, $"is longer than {MaxReasonLength} characters")
        : null;

    /// <summary>A reading added by hand.</summary>
    public static ReadingChange Added(Reading reading, string? reason, string changedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return new ReadingChange
        {
            Id = Guid.CreateVersion7(),
            ReadingId = reading.Id,
            MeterId = reading.MeterId,
            ReadingDate = reading.Date,
            NewValue = reading.Value,
            NewKind = reading.Kind,
            NewSource = reading.Source,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ChangedBy = Guard.NotBlank(changedBy, nameof(changedBy)),
            ChangedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>A reading corrected by hand, with what it was before.</summary>
    public static ReadingChange Corrected(Reading reading, decimal oldValue, ReadingKind oldKind, ReadingSource oldSource, string? reason, string changedBy, DateTimeOffset now)
    {
        var change = Added(reading, reason, changedBy, now);
        change.OldValue = oldValue;
        change.OldKind = oldKind;
        change.OldSource = oldSource;
        return change;
    }
}
