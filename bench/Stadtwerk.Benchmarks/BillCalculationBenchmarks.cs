using BenchmarkDotNet.Attributes;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Benchmarks;

/// <summary>
/// The billing engine on one bill. Targets for the calculate benchmarks: median ≤ 20 µs and ≤ 16 KB allocated per bill.
/// Parsing happens once in <see cref="Setup"/>; the parse + calculate + write benchmark is for information only.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BillCalculationBenchmarks
{
    /// <summary>spec/examples/electricity-2020-price-and-vat-change: one meter, a price change, the 2020 VAT change, 11 installments, plan.</summary>
    public const string ElectricityInputFile = "electricity-2020-price-and-vat-change.input.json";

    public const string ElectricityExpectedFile = "electricity-2020-price-and-vat-change.expected.json";

    /// <summary>Gas 2020: three meters (two changes, one roll-over), conversion factors, a price change, the 2020 VAT change, 11 installments, plan.</summary>
    public const string GasInputFile = "gas-2020-three-meters.input.json";

    private string electricityJson = string.Empty;
    private BillInput electricity = null!;
    private BillInput gas = null!;

    [GlobalSetup]
    public void Setup()
    {
        electricityJson = EmbeddedInputs.Read(ElectricityInputFile);
        electricity = Parse(electricityJson, ElectricityInputFile);
        gas = Parse(EmbeddedInputs.Read(GasInputFile), GasInputFile);

        // Measure the real path, not an early rejection: the example must still give its expected bill to the cent,
        // and the gas bill must be calculated from all three meters.
        var written = BillJson.Write(Calculate(electricity, ElectricityInputFile));
        if (written != EmbeddedInputs.Read(ElectricityExpectedFile))
        {
            throw new InvalidOperationException($"{ElectricityInputFile} no longer gives {ElectricityExpectedFile}:\n{written}");
        }

        if (gas.Meters.Length != 3 || Calculate(gas, GasInputFile).Lines.Length < 3)
        {
            throw new InvalidOperationException($"{GasInputFile} should bill three meters in at least three lines.");
        }
    }

    [Benchmark(Description = "Calculate: electricity annual bill (example)")]
    public CalculationResult Calculate_electricity_annual_bill() => BillCalculator.Calculate(electricity);

    [Benchmark(Description = "Calculate: gas bill, 3 meters")]
    public CalculationResult Calculate_gas_three_meters() => BillCalculator.Calculate(gas);

    [Benchmark(Description = "Parse + calculate + write JSON: electricity (info)")]
    public string Parse_calculate_write_electricity()
    {
        var input = BillInputJson.Parse(electricityJson).Value!;
        var bill = ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill;
        return BillJson.Write(bill);
    }

    private static BillInput Parse(string json, string name)
    {
        var parsed = BillInputJson.Parse(json);
        return parsed.Value ?? throw new InvalidOperationException($"{name}: {parsed.Error}");
    }

    private static Bill Calculate(BillInput input, string name) => BillCalculator.Calculate(input) switch
    {
        CalculationResult.Calculated calculated => calculated.Bill,
        CalculationResult.Rejected rejected => throw new InvalidOperationException($"{name} was rejected: {rejected.Reason}"),
        _ => throw new InvalidOperationException($"{name}: unknown result"),
    };
}
