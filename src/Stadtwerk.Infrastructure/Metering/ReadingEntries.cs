using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Metering;

/// <summary>The outcome of entering or correcting a reading by hand.</summary>
public abstract record ReadingEntryResult
{
    private ReadingEntryResult()
    {
    }

    /// <summary>Stored, with its audit row (<see cref="ReadingChange"/>).</summary>
    public sealed record Saved(Meter Meter, Reading Reading, ReadingChange Change) : ReadingEntryResult;

    public sealed record NotFound(string What) : ReadingEntryResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ReadingEntryResult;

    /// <summary>A reading on that day exists already, or someone changed the reading at the same moment.</summary>
    public sealed record Conflict(string Field, Text Text) : ReadingEntryResult
    {
        public string Message => Text.ToString();
    }
}

/// <summary>
/// Readings entered or corrected by a person (the staff API, a clerk resolving a Klärfall, an agent on the phone): the
/// meter's checks, one reading a day, the version the person saw, and an audit row with the value before, the reason,
/// who and when, written in the same save as the reading.
/// </summary>
public sealed class ReadingEntries(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<ReadingEntryResult> AddAsync(
        string meterNumber, DateOnly date, decimal value, ReadingKind kind, ReadingSource source, string? reason, string changedBy, CancellationToken ct)
    {
        var meter = await db.Meters.FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        if (meter is null)
        {
            return new ReadingEntryResult.NotFound($"Meter {meterNumber}");
        }

        var now = clock.GetUtcNow();
        var result = meter.Read(date, value, kind, source, now);
        var errors = Errors(result.Errors, reason);
        if (result.Value is not { } reading || errors.Count > 0)
        {
            return new ReadingEntryResult.Invalid(errors);
        }

        if (await db.Readings.AnyAsync(r => r.MeterId == meter.Id && r.Date == date, ct))
        {
            return new ReadingEntryResult.Conflict("date", $"meter {meterNumber} already has a reading on {date}; correct that one instead");
        }

        var change = ReadingChange.Added(reading, reason, changedBy, now);
        db.Readings.Add(reading);
        db.ReadingChanges.Add(change);
        return await SaveAsync(new ReadingEntryResult.Saved(meter, reading, change), "date", $"meter {meterNumber} got a reading on {date} at the same moment", ct);
    }

    /// <summary>Corrects the value (and kind) of the reading on <paramref name="date"/>; <paramref name="version"/> is the one the person saw.</summary>
    public async Task<ReadingEntryResult> CorrectAsync(
        string meterNumber, DateOnly date, decimal value, ReadingKind? kind, ReadingSource source, int version, string? reason, string changedBy, CancellationToken ct)
    {
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        var reading = meter is null ? null : await db.Readings.FirstOrDefaultAsync(r => r.MeterId == meter.Id && r.Date == date, ct);
        if (reading is null)
        {
            return new ReadingEntryResult.NotFound($"A reading of meter {meterNumber} on {date}");
        }

        var (oldValue, oldKind, oldSource) = (reading.Value, reading.Kind, reading.Source);
        var now = clock.GetUtcNow();
        var result = reading.Correct(meter!, value, kind ?? reading.Kind, source, now);
        var errors = Errors(result.Errors, reason);
        if (errors.Count > 0)
        {
            return new ReadingEntryResult.Invalid(errors);
        }

        db.ExpectVersion(reading, version);
        var change = ReadingChange.Corrected(reading, oldValue, oldKind, oldSource, reason, changedBy, now);
        db.ReadingChanges.Add(change);
        return await SaveAsync(new ReadingEntryResult.Saved(meter!, reading, change), "version", $"the reading of meter {meterNumber} on {date} was changed by someone else; load it again", ct);
    }

    private static List<FieldError> Errors(IReadOnlyList<FieldError> domain, string? reason)
    {
        var errors = domain.ToList();
        if (reason is not null && ReadingChange.CheckReason(reason) is { } bad)
        {
            errors.Add(bad);
        }

        return errors;
    }

    private async Task<ReadingEntryResult> SaveAsync(ReadingEntryResult.Saved saved, string field, Text conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return saved;
        }
        catch (DbUpdateException)
        {
            // A stale version, or a reading of the same day stored in between (the unique meter and date).
            db.ChangeTracker.Clear();
            return new ReadingEntryResult.Conflict(field, conflict);
        }
    }
}
