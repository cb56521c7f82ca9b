using Npgsql;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// premises.csv: one supply point per row, through <see cref="Premise.Create"/>; the premise number, the market
/// location ID (MaLo) and the metering location ID (MeLo) are each unique.
/// </summary>
internal sealed class PremiseImporter(ImportContext context) : EntityImporter(context)
{
    private const int Number = 0;
    private const int Commodity = 1;
    private const int Street = 2;
    private const int HouseNumber = 3;
    private const int PostalCode = 4;
    private const int City = 5;
    private const int Country = 6;
    private const int MarketLocation = 7;
    private const int MeteringLocation = 8;
    private const int NetworkArea = 9;

    private readonly List<Premise> premises = [];
    private readonly Dictionary<string, long> numberLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> maloLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> meloLines = new(StringComparer.Ordinal);

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("premise_number", Required: true),
        new("commodity", Required: true),
        new("street", Required: true),
        new("house_number", Required: true),
        new("postal_code", Required: true),
        new("city", Required: true),
        new("country"),
        new("market_location_id"),
        new("metering_location_id"),
        new("network_area"),
    ];

    public override int Count => premises.Count;

    public override IReadOnlyList<string> Tables { get; } = ["premises"];

    public override IEnumerable<object> Entities => premises;

    public override async Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        var numbers = new List<(long Line, string Key)>(batch.Count);
        var malos = new List<(long Line, string Key)>(batch.Count);
        var melos = new List<(long Line, string Key)>();
        var checkedPremises = new List<(long Line, Premise Premise)>(batch.Count);
        foreach (var record in batch)
        {
            Row.Start(record);
            var number = Row.Required(Number);
            if (number is not null && FirstInFile(numberLines, number, Number, "premise number"))
            {
                numbers.Add((Row.Line, number));
            }

            var commodity = Row.Enum<Commodity>(Commodity, required: true);
            var address = Row.Address(Street, HouseNumber, PostalCode, City, Country);
            var malo = Row.Parse(MarketLocation, MarketLocationId.Parse);
            if (malo is not null && FirstInFile(maloLines, malo.Value, MarketLocation, "market location ID"))
            {
                malos.Add((Row.Line, malo.Value));
            }

            var melo = Row.Parse(MeteringLocation, MeteringLocationId.Parse);
            if (melo is not null && FirstInFile(meloLines, melo.Value, MeteringLocation, "metering location ID"))
            {
                melos.Add((Row.Line, melo.Value));
            }

            if (number is null || commodity is null || address is null)
            {
                continue;
            }

            var details = new PremiseDetails(address, commodity.Value, malo, melo, Row.Text(NetworkArea));
            if (Row.Check(Premise.Create(number, details)) is { } premise && !Row.Failed)
            {
                checkedPremises.Add((Row.Line, premise));
            }
        }

        var taken = await TakenAsync(numbers, "premises", "premise_number", "premise_number", "premise number", cancellationToken);
        taken.UnionWith(await TakenAsync(malos, "premises", "market_location_id", "market_location_id", "market location ID", cancellationToken));
        taken.UnionWith(await TakenAsync(melos, "premises", "metering_location_id", "metering_location_id", "metering location ID", cancellationToken));
        premises.AddRange(checkedPremises.Where(p => !taken.Contains(p.Line)).Select(p => p.Premise));
    }

    public override Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken) =>
        PostgresCopy.CopyAsync(
            connection,
            "premises",
            ["id", "premise_number", "commodity", "market_location_id", "metering_location_id", "network_area", "version",
             "address_street", "address_house_number", "address_postal_code", "address_city", "address_country"],
            premises,
            static (row, p) =>
            {
                row.Uuid(p.Id);
                row.Text(p.PremiseNumber);
                row.Name(p.Commodity);
                row.Text(p.MarketLocation?.Value);
                row.Text(p.MeteringLocation?.Value);
                row.Text(p.NetworkArea);
                row.Integer(p.Version);
                row.Text(p.Address.Street);
                row.Text(p.Address.HouseNumber);
                row.Text(p.Address.PostalCode);
                row.Text(p.Address.City);
                row.Text(p.Address.Country);
            },
            progress,
            cancellationToken);
}
