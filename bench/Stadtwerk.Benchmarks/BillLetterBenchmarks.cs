using BenchmarkDotNet.Attributes;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Benchmarks;

/// <summary>
/// The household bill letter (two pages, PDFsharp, embedded font, consumption chart) for the electricity example,
/// rendered from data in memory: goal ≥ 100 letters per second on this machine's two cores.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class BillLetterBenchmarks
{
    public const int ParallelLetters = 100;

    private BillLetter letter = null!;

    [GlobalSetup]
    public void Setup()
    {
        var input = BillInputJson.Parse(EmbeddedInputs.Read(BillCalculationBenchmarks.ElectricityInputFile)).Value!;
        var bill = ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill;
        var address = PostalAddress.Create("Hauptstraße", "12", "12345", "Musterstadt");
        var customer = Customer.Create("K1000001", new CustomerDetails(CustomerKind.Person, "Erika", "Mustermann", null, address, null, null, null, ContactChannel.Post)).Value!;
        var tariff = Tariff.Create("STROM-BASIS", "Musterstadt Strom Basis", Commodity.Electricity, [TariffPrice.Create(new DateOnly(2019, 1, 1), 0.265m, 96m)]).Value!;
        var premise = Premise.Create("V2000001", new PremiseDetails(address, Commodity.Electricity, MarketLocationId.WithCheckDigit("5123456789"), null, null)).Value!;
        var bank = BankAccount.Create(Iban.Create("DE02120300000000202051"), null, "Erika Mustermann", "MSW-VK4000001", new DateOnly(2019, 1, 1)).Value!;
        var contract = Contract.Create("C3000001", customer, premise, new ContractTerms(tariff, new DateOnly(2019, 1, 1), null, "VK4000001", bank, null)).Value!;
        var issued = IssuedBill.Issue(BillKind.AnnualBill, 2021, 1, contract, input, bill, new DateOnly(2021, 1, 20), false, null, DateTimeOffset.UtcNow);
        var meters = input.Meters.Select(m => new LetterMeter(m.Number, m.Readings[0].Date, m.Readings[0].Value, ReadingKind.Actual, m.Readings[^1].Date, m.Readings[^1].Value, ReadingKind.CustomerReported)).ToList();
        letter = new BillLetter(new UtilityProfile(), issued, bill, input, customer, contract, premise, tariff, meters,
            new PreviousPeriod(BillingPeriod.Create(new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)), 2_900), 3_000m, "DE98ZZZ09999999999", null);
        if (BillLetterPdf.Render(letter).Length < 10_000)
        {
            throw new InvalidOperationException("The letter did not render.");
        }
    }

    [Benchmark(Description = "Bill letter PDF: one household letter, one core")]
    public byte[] Render_one_letter() => BillLetterPdf.Render(letter);

    [Benchmark(Description = "Bill letters PDF: 100 letters on all cores (Parallel.For)", OperationsPerInvoke = ParallelLetters)]
    public void Render_letters_in_parallel() => Parallel.For(0, ParallelLetters, _ => BillLetterPdf.Render(letter));
}
