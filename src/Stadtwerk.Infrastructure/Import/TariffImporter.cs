using Npgsql;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// tariffs.csv: one price per row (Preisstand); the rows with the same code make one tariff, created through
/// <see cref="Tariff.Create"/> when the file has been read. The code is unique; a tariff that exists already is an
/// error (its prices are changed in the application, not by an import).
/// </summary>
internal sealed class TariffImporter(ImportContext context) : EntityImporter(context)
{
    private const int Code = 0;
    private const int Name = 1;
    private const int Commodity = 2;
    private const int ValidFrom = 3;
    private const int EnergyPrice = 4;
    private const int BasePrice = 5;

    /// <summary>Prices are stored as numeric(18,6).</summary>
    private const int PriceDecimals = 6;

    private static readonly Dictionary<string, string> FieldColumns = new(StringComparer.Ordinal)
    {
        ["prices"] = "valid_from",
    };

    private readonly Dictionary<string, Draft> drafts = new(StringComparer.Ordinal);
    private readonly List<Tariff> tariffs = [];

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("code", Required: true),
        new("name", Required: true),
        new("commodity", Required: true),
        new("valid_from", Required: true),
        new("energy_price", Required: true),
        new("base_price_per_year", Required: true),
    ];

    public override int Count => tariffs.Count;

    public override IReadOnlyList<string> Tables { get; } = ["tariffs", "tariff_prices"];

    public override IEnumerable<object> Entities => tariffs;

    public override Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        foreach (var record in batch)
        {
            Row.Start(record);
            var code = Row.Required(Code);
            var name = Row.Required(Name);
            var commodity = Row.Enum<Commodity>(Commodity, required: true);
            var validFrom = Row.Date(ValidFrom, required: true);
            var energy = NotNegative(EnergyPrice);
            var basePrice = NotNegative(BasePrice);
            if (code is null)
            {
                continue;
            }

            if (!drafts.TryGetValue(code, out var draft))
            {
                drafts[code] = draft = new Draft(Row.Line, name, commodity);
            }
            else
            {
                if (name is not null && draft.Name is not null && name != draft.Name)
                {
                    Row.Fail(Name, $"tariff {code} is named '{draft.Name}' on line {draft.FirstLine}; all rows of a tariff need the same name");
                }

                if (commodity is not null && draft.Commodity is not null && commodity != draft.Commodity)
                {
                    Row.Fail(Commodity, $"tariff {code} is for {Lower(draft.Commodity.Value)} on line {draft.FirstLine}; all rows of a tariff need the same commodity");
                }
            }

            if (validFrom is { } from && !draft.PriceLines.TryAdd(from, Row.Line))
            {
                Row.Fail(ValidFrom, $"tariff {code} has a price valid from {from} on line {draft.PriceLines[from]} already");
            }

            if (Row.Failed)
            {
                draft.Failed = true;
            }
            else
            {
                draft.Prices.Add(TariffPrice.Create(validFrom!.Value, energy!.Value, basePrice!.Value));
            }
        }

        return Task.CompletedTask;
    }

    public override async Task CompleteAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in drafts.Chunk(CsvImporter.BatchSize))
        {
            var codes = chunk.Select(d => (d.Value.FirstLine, d.Key)).ToList();
            var taken = await TakenAsync(codes, "tariffs", "code", "code", "tariff code", cancellationToken);
            foreach (var (code, draft) in chunk)
            {
                if (draft.Failed || taken.Contains(draft.FirstLine))
                {
                    continue;
                }

                var result = Tariff.Create(code, draft.Name!, draft.Commodity!.Value, draft.Prices);
                foreach (var error in result.Errors)
                {
                    Errors.Add(draft.FirstLine, RowReader.ColumnOf(error.Field, FieldColumns), error.Text);
                }

                if (result.Value is { } tariff)
                {
                    tariffs.Add(tariff);
                }
            }
        }
    }

    public override async Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken)
    {
        await PostgresCopy.CopyAsync(
            connection,
            "tariffs",
            ["id", "code", "name", "commodity", "version"],
            tariffs,
            static (row, t) =>
            {
                row.Uuid(t.Id);
                row.Text(t.Code);
                row.Text(t.Name);
                row.Name(t.Commodity);
                row.Integer(t.Version);
            },
            progress,
            cancellationToken);

        // tariff_prices.id is an identity column: the server numbers the prices.
        await PostgresCopy.CopyAsync(
            connection,
            "tariff_prices",
            ["tariff_id", "valid_from", "energy_price", "base_price_per_year"],
            tariffs.SelectMany(t => t.Prices.Select(p => (t.Id, Price: p))),
            static (row, p) =>
            {
                row.Uuid(p.Id);
                row.Date(p.Price.ValidFrom);
                row.Numeric(p.Price.EnergyPrice);
                row.Numeric(p.Price.BasePricePerYear);
            },
            null,
            cancellationToken);
    }

    private decimal? NotNegative(int column)
    {
        var value = Row.Decimal(column, PriceDecimals, required: true);
        if (value < 0)
        {
            Row.Fail(column, "must not be negative");
            return null;
        }

        return value;
    }

    private static string Lower(Commodity commodity) => commodity.ToString().ToLowerInvariant();

    /// <summary>A tariff while its rows are read: the first row names it, every row adds a price.</summary>
    private sealed class Draft(long firstLine, string? name, Commodity? commodity)
    {
        public long FirstLine => firstLine;

        public string? Name => name;

        public Commodity? Commodity => commodity;

        public List<TariffPrice> Prices { get; } = [];

        public Dictionary<DateOnly, long> PriceLines { get; } = [];

        public bool Failed { get; set; }
    }
}
