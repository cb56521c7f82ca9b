using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Payments;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>
/// Which earlier bill a letter compares with (<see cref="BillLetters"/>): the previous billed period that still counts.
/// A cancelled bill does not count, its correction does; the correction itself names the bill it replaces.
/// </summary>
public sealed class BillLettersPreviousPeriodTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_letter_compares_with_the_correction_of_the_previous_year_not_with_the_cancelled_bill()
    {
        await using var database = await InMemoryDatabase.CreateAsync(Ct);
        var db = database.Db;
        var address = PostalAddress.Create("Hauptstraße", "12", "12345", "Musterstadt");
        var customer = Customer.Create("K1000001", new CustomerDetails(CustomerKind.Person, "Erika", "Mustermann", null, address, null, null, null, ContactChannel.Post)).Value!;
        var tariff = Tariff.Create("T-STROM", "Musterstadt Strom", Commodity.Electricity, [TariffPrice.Create(new DateOnly(2018, 1, 1), 0.265m, 96m)]).Value!;
        var premise = Premise.Create("V2000001", new PremiseDetails(address, Commodity.Electricity, MarketLocationId.WithCheckDigit("5123456789"), null, null)).Value!;
        var meter = Meter.Create("1ESY1160000001", premise, 6, new DateOnly(2019, 1, 1), null).Value!;
        var contract = Contract.Create("C3000001", customer, premise, new ContractTerms(tariff, new DateOnly(2019, 1, 1), null, "VK4000001", null, null)).Value!;
        var now = new DateTimeOffset(2021, 1, 20, 9, 0, 0, TimeSpan.Zero);

        // 2019 billed with a wrong start reading (3,250 kWh), cancelled, billed again (2,750 kWh); then 2020.
        var (wrongInput, wrongBill) = Bill(2019, 38_000, 41_250);
        var wrong = IssuedBill.Issue(BillKind.AnnualBill, 2020, 1, contract, wrongInput, wrongBill, new DateOnly(2020, 1, 20), false, null, now);
        var cancellation = IssuedBill.Cancel(wrong, 2020, 2, new DateOnly(2020, 2, 1), null, now);
        var (rightInput, rightBill) = Bill(2019, 38_500, 41_250);
        var correction = IssuedBill.Issue(BillKind.AnnualBill, 2020, 3, contract, rightInput, rightBill, new DateOnly(2020, 2, 1), false, null, now, replaces: wrong);
        var (input2020, bill2020) = Bill(2020, 41_250, 44_012);
        var annual = IssuedBill.Issue(BillKind.AnnualBill, 2021, 1, contract, input2020, bill2020, new DateOnly(2021, 1, 20), false, null, now);
        db.AddRange(customer, tariff, premise, meter, contract, wrong, cancellation, correction, annual);
        await db.SaveChangesAsync(Ct);

        var letters = new BillLetters(db, new UtilityProfile(), new SepaSettings(), new BillingSettings());
        var letter = (await letters.LoadAsync(annual.Number, Ct)).ShouldNotBeNull();
        var previous = letter.Previous.ShouldNotBeNull();
        previous.Quantity.ShouldBe(2_750);
        (previous.Period.Start, previous.Period.End).ShouldBe((new DateOnly(2019, 1, 1), new DateOnly(2019, 12, 31)));
        BillLetterPdf.PreviousLabel(letter).ShouldBe("Vorjahr 01.01.2019 – 31.12.2019 (365 Tage)");

        // The correction: nothing billed before 2019, the contract's first period; it names the bill it replaces.
        var corrected = (await letters.LoadAsync(correction.Number, Ct)).ShouldNotBeNull();
        corrected.Previous.ShouldBeNull();
        corrected.CancelledBillNumber.ShouldBe(wrong.Number);
        BillLetterPdf.PreviousLabel(corrected).ShouldBe("Vorperiode: keine, dies ist der erste Abrechnungszeitraum Ihres Vertrags");
    }

    private static (BillInput Input, Bill Bill) Bill(int year, decimal from, decimal to)
    {
        var json = $$"""
            {
              "commodity": "electricity",
              "period": { "start": "{{year}}-01-01", "end": "{{year}}-12-31" },
              "meters": [ { "number": "1ESY1160000001", "digits": 6,
                "readings": [ { "date": "{{year - 1}}-12-31", "value": {{from}} }, { "date": "{{year}}-12-31", "value": {{to}} } ] } ],
              "prices": [ { "from": "2018-01-01", "energy": 0.2650, "base": 96.00 } ],
              "installments": []
            }
            """;
        var input = BillInputJson.Parse(json).Value.ShouldNotBeNull();
        return (input, ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill);
    }
}
