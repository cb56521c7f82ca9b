using System.Globalization;
using System.Numerics;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests.Billing;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>Contracts to match bank files against, stored through the domain factories; unique numbers per call.</summary>
internal static class PaymentScenario
{
    private static int malo = Random.Shared.Next(100_000_000, 900_000_000);
    private static long account = Random.Shared.NextInt64(1_000_000_000, 8_000_000_000);

    /// <summary>An electricity contract with a SEPA mandate (IBAN, mandate reference M-{id}) and contract account VK-{id}.</summary>
    public static async Task<Contract> ContractWithMandateAsync(StadtwerkDbContext db, string? iban = null)
    {
        // A digit first: the matching only looks up words with a digit.
        var id = Random.Shared.Next(10).ToString(CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();
        var address = PostalAddress.Create("Marktplatz", "3", "12345", "Musterstadt");
        var tariff = Tariff.Create("T" + id, "Strom Zahlungstest", Commodity.Electricity, [TariffPrice.Create(new DateOnly(2020, 1, 1), 0.30m, 100m)]).Value!;
        var premise = Premise.Create("V" + id, new PremiseDetails(address, Commodity.Electricity,
            MarketLocationId.WithCheckDigit("4" + Interlocked.Increment(ref malo).ToString("D9", CultureInfo.InvariantCulture)), null, null)).Value!;
        var customer = Customer.Create("K" + id, new CustomerDetails(CustomerKind.Person, "Erika", "Zahler-" + id, null, address, null, null, null, ContactChannel.Post)).Value!;
        var bank = BankAccount.Create(Iban.Create(iban ?? NewIban()), null, "Erika Zahler", "M-" + id, new DateOnly(2020, 1, 1)).Value!;
        var contract = Contract.Create("C-" + id, customer, premise, new ContractTerms(tariff, new DateOnly(2020, 1, 1), null, "VK-" + id, bank, null)).Value!;
        db.AddRange(tariff, premise, customer, contract);
        await db.SaveChangesAsync();
        return contract;
    }

    /// <summary>A contract with an issued annual bill for 2021: its number and the bill number (yyyy-nnnnnnn).</summary>
    public static async Task<(string Contract, string Bill)> BilledContractAsync(StadtwerkDbContext db)
    {
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 100m), ("2021-12-31", 2600m)]);
        var result = await new BillContract(db, TimeProvider.System, new BillingSettings())
            .RunAsync(contract, BillingPeriod.Create(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31)), null, CancellationToken.None);
        var issued = result as BillContractResult.Issued ?? throw new InvalidOperationException($"The test bill was not issued: {result}");
        return (contract, issued.Bill.Number);
    }

    /// <summary>A valid German IBAN (bank code 37040044) no other call returns.</summary>
    public static string NewIban()
    {
        var bban = "37040044" + Interlocked.Increment(ref account).ToString("D10", CultureInfo.InvariantCulture);
        var check = 98 - (int)(BigInteger.Parse(bban + "131400", CultureInfo.InvariantCulture) % 97);
        return $"DE{check:D2}{bban}";
    }
}
