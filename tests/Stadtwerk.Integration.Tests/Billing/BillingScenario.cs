using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>Stores one electricity contract with its meter, readings and paid installments, straight through the domain factories.</summary>
internal static class BillingScenario
{
    private static int malo = Random.Shared.Next(100_000_000, 900_000_000);

    /// <summary>When the scenario's mandates were signed: half a year ago, so they are valid (36 months) and never used.</summary>
    public static DateOnly MandateSignedOn { get; } = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-6);

    public static async Task<string> ElectricityContractAsync(StadtwerkDbContext db, (string Date, decimal Value)[] readings, decimal installment = 60m, int? digits = null, bool withMandate = false, string? email = null)
    {
        var id = Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        var address = PostalAddress.Create("Hauptstraße", "1", "12345", "Musterstadt");
        var tariff = Tariff.Create("T" + id, "Strom Test", Commodity.Electricity,
            [TariffPrice.Create(new DateOnly(2019, 1, 1), 0.28m, 96m), TariffPrice.Create(new DateOnly(2021, 7, 1), 0.30m, 102m)]).Value!;
        var premise = Premise.Create("V" + id, new PremiseDetails(address, Commodity.Electricity,
            MarketLocationId.WithCheckDigit("5" + Interlocked.Increment(ref malo).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)), null, null)).Value!;
        var customer = Customer.Create("K" + id, new CustomerDetails(CustomerKind.Person, "Anna", "Müller", null, address, email is null ? null : EmailAddress.Create(email), null, null, email is null ? ContactChannel.Post : ContactChannel.Email)).Value!;
        var plan = InstallmentPlan.Create(installment, new DateOnly(2021, 1, 31), 12).Value!;
        var bank = withMandate ? BankAccount.Create(Iban.Create(Payments.PaymentScenario.NewIban()), null, "Anna Müller", "M-" + id, MandateSignedOn).Value! : null;
        var contract = Contract.Create("C" + id, customer, premise, new ContractTerms(tariff, new DateOnly(2018, 1, 1), null, "VK" + id, bank, plan)).Value!;
        var meter = Meter.Create("Z" + id, premise, digits, new DateOnly(2018, 1, 1), null).Value!;
        db.AddRange(tariff, premise, customer, contract, meter);
        foreach (var (date, value) in readings)
        {
            db.Readings.Add(meter.Read(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), value, ReadingKind.Actual, ReadingSource.MeterReader, DateTimeOffset.UtcNow).Value!);
        }

        foreach (var due in plan.DueDates())
        {
            db.LedgerEntries.Add(LedgerEntry.Installment(contract, due, installment, InstallmentRequest.ReferenceFor(due), DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
        return contract.ContractNumber;
    }
}
