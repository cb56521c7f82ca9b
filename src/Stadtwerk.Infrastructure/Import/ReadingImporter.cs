using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// readings.csv: one meter reading per row, through <see cref="Meter.Read"/> of the meter it names by number (loaded
/// for each batch with one query): within the meter's installation, not negative, fitting its register. A meter has
/// at most one reading per day, in the file and with the stored readings. Without a source the reading counts as
/// imported; it is recorded at the time of the import.
/// </summary>
internal sealed class ReadingImporter(ImportContext context) : EntityImporter(context)
{
    private const int MeterNumber = 0;
    private const int Date = 1;
    private const int Value = 2;
    private const int Kind = 3;
    private const int Source = 4;

    /// <summary>Readings are stored as numeric(18,3).</summary>
    private const int ValueDecimals = 3;

    private readonly List<Reading> readings = [];
    private readonly Dictionary<(Guid Meter, DateOnly Date), long> lines = [];
    private readonly DateTimeOffset recordedAt = context.Clock.GetUtcNow();

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("meter_number", Required: true),
        new("date", Required: true),
        new("value", Required: true),
        new("kind"),
        new("source"),
    ];

    public override int Count => readings.Count;

    public override IReadOnlyList<string> Tables { get; } = ["readings"];

    public override IEnumerable<object> Entities => readings;

    public override async Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        var db = Database.Context;
        List<string> meterKeys = [.. batch.Select(r => r[MeterNumber]).OfType<string>().Distinct(StringComparer.Ordinal)];
        var meters = await db.Meters.AsNoTracking()
            .Where(m => EF.Parameter(meterKeys).Contains(m.MeterNumber))
            .ToDictionaryAsync(m => m.MeterNumber, StringComparer.Ordinal, cancellationToken);
        List<Guid> meterIds = [.. meters.Values.Select(m => m.Id)];
        var stored = (await db.Readings.AsNoTracking()
                .Where(r => EF.Parameter(meterIds).Contains(r.MeterId))
                .Select(r => new { r.MeterId, r.Date })
                .ToListAsync(cancellationToken))
            .Select(r => (r.MeterId, r.Date))
            .ToHashSet();

        foreach (var record in batch)
        {
            Row.Start(record);
            var meterNumber = Row.Required(MeterNumber);
            var meter = meterNumber is not null && meters.TryGetValue(meterNumber, out var found) ? found : null;
            if (meterNumber is not null && meter is null)
            {
                Row.Fail(MeterNumber, $"meter {meterNumber} does not exist");
            }

            var date = Row.Date(Date, required: true);
            var value = Row.Decimal(Value, ValueDecimals, required: true);
            var kind = Row.Enum<ReadingKind>(Kind) ?? ReadingKind.Actual;
            var source = Row.Enum<ReadingSource>(Source) ?? ReadingSource.Import;
            if (meter is null || date is null)
            {
                continue;
            }

            var key = (meter.Id, date.Value);
            if (stored.Contains(key))
            {
                Row.Fail(Date, $"meter {meter.MeterNumber} already has a reading on {date.Value}");
            }
            else if (!lines.TryAdd(key, Row.Line))
            {
                Row.Fail(Date, $"meter {meter.MeterNumber} has a reading on {date.Value} on line {lines[key]} already");
            }

            if (value is not null && Row.Check(meter.Read(date.Value, value.Value, kind, source, recordedAt)) is { } reading && !Row.Failed)
            {
                readings.Add(reading);
            }
        }
    }

    public override Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken) =>
        PostgresCopy.CopyAsync(
            connection,
            "readings",
            ["id", "meter_id", "date", "value", "kind", "source", "recorded_at", "version"],
            readings,
            static (row, r) =>
            {
                row.Uuid(r.Id);
                row.Uuid(r.MeterId);
                row.Date(r.Date);
                row.Numeric(r.Value);
                row.Name(r.Kind);
                row.Name(r.Source);
                row.Timestamp(r.RecordedAt);
                row.Integer(r.Version);
            },
            progress,
            cancellationToken);
}
