using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>A meter's readings at the ends of the billed period, with how each was obtained.</summary>
public sealed record LetterMeter(string Number, DateOnly FromDate, decimal FromValue, ReadingKind? FromKind, DateOnly ToDate, decimal ToValue, ReadingKind? ToKind);

/// <summary>Everything a bill letter shows, gathered from the stored bill (replayed), the contract and its parties.</summary>
public sealed record BillLetter(
    UtilityProfile Utility,
    IssuedBill Document,
    Bill Bill,
    BillInput Input,
    Customer Customer,
    Contract Contract,
    Premise Premise,
    Tariff Tariff,
    IReadOnlyList<LetterMeter> Meters,
    PreviousPeriod? Previous,
    decimal ComparisonAnnualQuantity,
    string? CreditorId,
    string? CancelledBillNumber);

/// <summary>Gathers a bill letter's data: the bill replayed from its stored input, and what the letter says about the contract.</summary>
public sealed class BillLetters(StadtwerkDbContext db, UtilityProfile utility, SepaSettings sepa, BillingSettings billing)
{
    public async Task<BillLetter?> LoadAsync(string billNumber, CancellationToken ct) =>
        await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == billNumber, ct) is { } document ? await LoadAsync(document, ct) : null;

    public async Task<BillLetter> LoadAsync(IssuedBill document, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(document);
        var billNumber = document.Number;
        var input = BillInputJson.Parse(document.InputJson).Value
            ?? throw new InvalidOperationException($"The stored input of bill {billNumber} does not read.");
        var bill = ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill;
        var contract = await db.Contracts.AsNoTracking().SingleAsync(c => c.Id == document.ContractId, ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == contract.CustomerId, ct);
        var premise = await db.Premises.AsNoTracking().SingleAsync(p => p.Id == contract.PremiseId, ct);
        var tariff = await db.Tariffs.AsNoTracking().SingleAsync(t => t.Id == contract.TariffId, ct);
        var numbers = input.Meters.Select(m => m.Number).ToList();
        var meterIds = await db.Meters.AsNoTracking().Where(m => numbers.Contains(m.MeterNumber)).Select(m => new { m.Id, m.MeterNumber }).ToListAsync(ct);
        var ids = meterIds.Select(m => m.Id).ToList();
        var readings = await db.Readings.AsNoTracking().Where(r => ids.Contains(r.MeterId)).Select(r => new { r.MeterId, r.Date, r.Kind }).ToListAsync(ct);
        var kinds = readings.Join(meterIds, r => r.MeterId, m => m.Id, (r, m) => (m.MeterNumber, r.Date, r.Kind))
            .GroupBy(k => (k.MeterNumber, k.Date)).ToDictionary(g => g.Key, g => g.First().Kind);
        var meters = input.Meters.Select(m => new LetterMeter(
            m.Number,
            m.Readings[0].Date, m.Readings[0].Value, kinds.TryGetValue((m.Number, m.Readings[0].Date), out var from) ? from : null,
            m.Readings[^1].Date, m.Readings[^1].Value, kinds.TryGetValue((m.Number, m.Readings[^1].Date), out var to) ? to : null)).ToList();
        var previous = await db.ActiveBills(contract.Id)
            .Where(b => b.PeriodEnd < document.PeriodStart && b.Kind != BillKind.Cancellation)
            .OrderByDescending(b => b.PeriodEnd).FirstOrDefaultAsync(ct);
        var cancelled = document.Kind == BillKind.Cancellation && document.ReferencesBillId is { } original
            ? await db.IssuedBills.AsNoTracking().Where(b => b.Id == original).Select(b => b.Number).SingleAsync(ct)
            : null;
        // The comparison group: the average annual quantity of comparable customers, in billed units (kWh, m³).
        var comparison = billing.AverageAnnualQuantity(contract.Commodity);
        return new BillLetter(
            utility, document, bill, input, customer, contract, premise, tariff, meters,
            previous is null ? null : new PreviousPeriod(BillingPeriod.Create(previous.PeriodStart, previous.PeriodEnd), previous.Quantity),
            decimal.Round(comparison),
            sepa.Creditor().Value?.Id.Value,
            cancelled);
    }
}
