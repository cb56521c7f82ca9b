using Microsoft.EntityFrameworkCore;
using Npgsql;
using Stadtwerk.Core.Metering;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// meters.csv: one meter per row, through <see cref="Meter.Create"/> at the premise it names by number (loaded for
/// each batch with one query); the meter takes the premise's commodity. The meter number is unique.
/// </summary>
internal sealed class MeterImporter(ImportContext context) : EntityImporter(context)
{
    private const int Number = 0;
    private const int PremiseNumber = 1;
    private const int InstalledOn = 2;
    private const int RemovedOn = 3;
    private const int Digits = 4;

    private readonly List<Meter> meters = [];
    private readonly Dictionary<string, long> numberLines = new(StringComparer.Ordinal);

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("meter_number", Required: true),
        new("premise_number", Required: true),
        new("installed_on", Required: true),
        new("removed_on"),
        new("digits"),
    ];

    public override int Count => meters.Count;

    public override IReadOnlyList<string> Tables { get; } = ["meters"];

    public override IEnumerable<object> Entities => meters;

    public override async Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        List<string> premiseKeys = [.. batch.Select(r => r[PremiseNumber]).OfType<string>().Distinct(StringComparer.Ordinal)];
        var premises = await Database.Context.Premises.AsNoTracking()
            .Where(p => EF.Parameter(premiseKeys).Contains(p.PremiseNumber))
            .ToDictionaryAsync(p => p.PremiseNumber, StringComparer.Ordinal, cancellationToken);

        var numbers = new List<(long Line, string Key)>(batch.Count);
        var checkedMeters = new List<(long Line, Meter Meter)>(batch.Count);
        foreach (var record in batch)
        {
            Row.Start(record);
            var number = Row.Required(Number);
            if (number is not null && FirstInFile(numberLines, number, Number, "meter number"))
            {
                numbers.Add((Row.Line, number));
            }

            var premiseNumber = Row.Required(PremiseNumber);
            var premise = premiseNumber is not null && premises.TryGetValue(premiseNumber, out var found) ? found : null;
            if (premiseNumber is not null && premise is null)
            {
                Row.Fail(PremiseNumber, $"premise {premiseNumber} does not exist");
            }

            var installed = Row.Date(InstalledOn, required: true);
            var removed = Row.Date(RemovedOn);
            var digits = Row.Integer(Digits);
            if (number is null || premise is null || installed is null)
            {
                continue;
            }

            if (Row.Check(Meter.Create(number, premise, digits, installed.Value, removed)) is { } meter && !Row.Failed)
            {
                checkedMeters.Add((Row.Line, meter));
            }
        }

        var taken = await TakenAsync(numbers, "meters", "meter_number", "meter_number", "meter number", cancellationToken);
        meters.AddRange(checkedMeters.Where(m => !taken.Contains(m.Line)).Select(m => m.Meter));
    }

    public override Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken) =>
        PostgresCopy.CopyAsync(
            connection,
            "meters",
            ["id", "meter_number", "commodity", "digits", "premise_id", "installed_on", "removed_on", "version"],
            meters,
            static (row, m) =>
            {
                row.Uuid(m.Id);
                row.Text(m.MeterNumber);
                row.Name(m.Commodity);
                row.Integer(m.Digits);
                row.Uuid(m.PremiseId);
                row.Date(m.InstalledOn);
                row.Date(m.RemovedOn);
                row.Integer(m.Version);
            },
            progress,
            cancellationToken);
}
