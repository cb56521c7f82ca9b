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
public sealed record LetterMeter(string Number, DateOnly FromDate, decimal FromValue, ReadingKind? FromKind, DateOnly ToDate, decimal ToValue, ReadingKind? ToKind)
{
    /// <summary>The readings between the ends that the bill used (at a price change, a meter read in the year), in date order.</summary>
    public IReadOnlyList<LetterReading> Between { get; init; } = [];
}

/// <summary>One reading of a meter and how it was obtained (null: not stored, the bill computed it).</summary>
public sealed record LetterReading(DateOnly Date, decimal Value, ReadingKind? Kind);

/// <summary>
/// Everything a bill letter shows, gathered from the stored bill (replayed), the contract and its parties.
/// <see cref="Previous"/> is the contract's last billed period that still counts before this one (see
/// <see cref="BillLetters"/>); <see cref="CancelledBillNumber"/> the bill a cancellation takes back or a correction
/// replaces.
/// </summary>
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
        return (await LoadManyAsync([document], ct))[0];
    }

    /// <summary>
    /// The letters of several bills (a dispatch batch), in their order, loaded set-based: a handful of queries for the
    /// whole batch (contracts, customers, premises, tariffs, meters, readings, earlier bills), none per bill.
    /// </summary>
    public async Task<IReadOnlyList<BillLetter>> LoadManyAsync(IReadOnlyList<IssuedBill> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return [];
        }

        var inputs = documents.Select(document => BillInputJson.Parse(document.InputJson).Value
            ?? throw new InvalidOperationException($"The stored input of bill {document.Number} does not read.")).ToList();
        var contractIds = documents.Select(d => d.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var customerIds = contracts.Values.Select(c => c.CustomerId).Distinct().ToList();
        var premiseIds = contracts.Values.Select(c => c.PremiseId).Distinct().ToList();
        var tariffIds = contracts.Values.Select(c => c.TariffId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var premises = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var tariffs = await db.Tariffs.AsNoTracking().Where(t => tariffIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);

        // How each reading at the ends of the billed periods was obtained.
        var numbers = inputs.SelectMany(i => i.Meters).Select(m => m.Number).Distinct().ToList();
        var meterIds = await db.Meters.AsNoTracking().Where(m => numbers.Contains(m.MeterNumber)).Select(m => new { m.Id, m.MeterNumber }).ToListAsync(ct);
        var ids = meterIds.Select(m => m.Id).ToList();
        var readings = await db.Readings.AsNoTracking().Where(r => ids.Contains(r.MeterId)).Select(r => new { r.MeterId, r.Date, r.Kind }).ToListAsync(ct);
        var kinds = readings.Join(meterIds, r => r.MeterId, m => m.Id, (r, m) => (m.MeterNumber, r.Date, r.Kind))
            .GroupBy(k => (k.MeterNumber, k.Date)).ToDictionary(g => g.Key, g => g.First().Kind);

        // The earlier bills of these contracts that still count, for the comparison with the previous period: a bill
        // issued by the system counts; a cancelled bill does not (nor the cancellation), its correction does, as the
        // bill of that period; a final bill compares with the period before it, which is usually longer (the letter
        // labels each period with its dates and days and compares per day). A contract whose earlier periods were
        // billed before this system (readings migrated, no bill) has no previous period here: the letter then says
        // that there is no comparison value rather than computing one from readings, because a quantity from readings
        // alone would lack that period's estimations, corrections and gas factors and could differ from what the
        // customer was billed.
        var earlier = (await db.ActiveBills(contractIds)
                .Select(b => new { b.ContractId, b.PeriodStart, b.PeriodEnd, b.Quantity })
                .ToListAsync(ct))
            .ToLookup(b => b.ContractId);
        // The bill a cancellation takes back or a correction replaces (which a cancellation took back before).
        var referenced = documents.Where(d => d.ReferencesBillId is not null).Select(d => d.ReferencesBillId!.Value).ToList();
        var cancelledNumbers = referenced.Count == 0
            ? []
            : await db.IssuedBills.AsNoTracking().Where(b => referenced.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Number, ct);
        var creditor = sepa.Creditor().Value?.Id.Value;

        var letters = new List<BillLetter>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var (document, input) = (documents[i], inputs[i]);
            var bill = ((CalculationResult.Calculated)BillCalculator.Calculate(input)).Bill;
            var contract = contracts[document.ContractId];
            var meters = input.Meters.Select(m => new LetterMeter(
                m.Number,
                m.Readings[0].Date, m.Readings[0].Value, kinds.TryGetValue((m.Number, m.Readings[0].Date), out var from) ? from : null,
                m.Readings[^1].Date, m.Readings[^1].Value, kinds.TryGetValue((m.Number, m.Readings[^1].Date), out var to) ? to : null)
            {
                Between = [.. m.Readings.Skip(1).SkipLast(1).Select(r => new LetterReading(r.Date, r.Value, kinds.TryGetValue((m.Number, r.Date), out var kind) ? kind : null))],
            }).ToList();
            var previous = earlier[contract.Id].Where(b => b.PeriodEnd < document.PeriodStart).MaxBy(b => b.PeriodEnd);
            var cancelled = document.ReferencesBillId is { } original ? cancelledNumbers[original] : null;

            // The comparison group: the average annual quantity of comparable customers, in billed units (kWh, m³).
            var comparison = billing.AverageAnnualQuantity(contract.Commodity);
            letters.Add(new BillLetter(
                utility, document, bill, input, customers[contract.CustomerId], contract, premises[contract.PremiseId], tariffs[contract.TariffId], meters,
                previous is null ? null : new PreviousPeriod(BillingPeriod.Create(previous.PeriodStart, previous.PeriodEnd), previous.Quantity),
                decimal.Round(comparison),
                creditor,
                cancelled));
        }

        return letters;
    }
}
