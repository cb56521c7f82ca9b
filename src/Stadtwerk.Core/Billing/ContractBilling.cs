using System.Collections.Immutable;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Core.Billing;

/// <summary>The last billed period of a contract: what it consumed (in billed units) over which days.</summary>
public sealed record PreviousPeriod(BillingPeriod Period, long Quantity);

/// <summary>Everything stored about a contract that its bill for one period is made from.</summary>
public sealed record ContractBillingData(
    Contract Contract,
    Tariff Tariff,
    IReadOnlyList<Meter> Meters,
    IReadOnlyList<Reading> Readings,
    ImmutableArray<VatRate> Vat,
    GasConversion? Gas,
    IReadOnlyList<InstallmentPayment> Payments,
    PreviousPeriod? Previous,
    decimal AverageAnnualQuantity);

/// <summary>A reading the bill estimated (Hochrechnung), to be stored as <see cref="ReadingKind.Estimated"/>.</summary>
public sealed record EstimatedReading(Meter Meter, DateOnly Date, decimal Value);

/// <summary>The outcome of preparing a bill: the engine's input, or why a clerk must look first (Klärfall).</summary>
public abstract record BillPreparation
{
    private BillPreparation()
    {
    }

    public sealed record Ready(BillInput Input, IReadOnlyList<EstimatedReading> Estimates) : BillPreparation;

    public sealed record Held(HoldReason Reason, Text Text) : BillPreparation
    {
        /// <summary>The English details, as stored with the hold.</summary>
        public string Details => Text.ToString();
    }
}

/// <summary>What to do with a contract's period: issue the calculated bill, or hold it for a clerk (Klärfall).</summary>
public abstract record BillDecision
{
    private BillDecision()
    {
    }

    public sealed record Issue(BillInput Input, Bill Bill, IReadOnlyList<EstimatedReading> Estimates) : BillDecision;

    public sealed record Hold(BillingPeriod Period, HoldReason Reason, Text Text) : BillDecision
    {
        /// <summary>The English details, as stored with the hold.</summary>
        public string Details => Text.ToString();
    }
}

/// <summary>
/// Builds the engine input of a contract's bill for a period from stored data: the meters at the supply point,
/// their readings at the period's ends (estimated where nobody read the meter), the tariff's prices, the VAT
/// table, the gas factors and the installments paid. Pure: the caller loads the data.
/// </summary>
public static class ContractBilling
{
    /// <summary>
    /// The whole decision for one contract and period: prepare the input (estimating missing readings), calculate,
    /// and check plausibility against the previous period. Pure; the same for a single bill and a billing run.
    /// <paramref name="consumptionConfirmed"/>: a clerk looked at an unusual consumption and confirmed it (the hold is
    /// released); missing or falling readings still hold the bill.
    /// </summary>
    public static BillDecision Decide(ContractBillingData data, BillingPeriod requested, PlanRequest? plan, bool consumptionConfirmed = false)
    {
        var preparation = Prepare(data, requested, plan);
        if (preparation is BillPreparation.Held held)
        {
            return new BillDecision.Hold(requested, held.Reason, held.Text);
        }

        var (input, estimates) = (BillPreparation.Ready)preparation;
        var calculation = BillCalculator.Calculate(input);
        if (calculation is CalculationResult.Rejected rejected)
        {
            return new BillDecision.Hold(input.Period, HoldReason.DataIncomplete, rejected.Text);
        }

        var bill = ((CalculationResult.Calculated)calculation).Bill;
        if (!consumptionConfirmed && Plausibility.Check(bill.Quantity, input.Period, data.Previous?.Quantity, data.Previous?.Period, input.Proration) is { } implausible)
        {
            var unit = bill.Unit == QuantityUnit.CubicMetre ? "m³" : "kWh";
            Text details = $"{bill.Quantity} {unit} in {input.Period.Days} days against {data.Previous!.Quantity} {unit} in {data.Previous.Period.Days} days before";
            return new BillDecision.Hold(input.Period, implausible, details);
        }

        return new BillDecision.Issue(input, bill, estimates);
    }

    /// <summary>The first installment of the next plan is due at the end of the month after the bill's month (a bill of January: 28 February, as in the spec's example).</summary>
    public static DateOnly FirstInstallmentDue(DateOnly issuedOn) => new DateOnly(issuedOn.Year, issuedOn.Month, 1).AddMonths(2).AddDays(-1);

    /// <summary>
    /// The installments a bill credits: installments received in the period, less those the bank returned
    /// (a return cancels the installment of the same amount received before it). Other payments, e.g. of the last
    /// bill's balance, are not installments and stay on the account.
    /// </summary>
    public static IReadOnlyList<InstallmentPayment> InstallmentsPaid(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries as IReadOnlyCollection<LedgerEntry> ?? [.. entries];
        var paid = list.Where(e => e.Kind == LedgerEntryKind.Installment).OrderBy(e => e.BookedOn).Select(e => (e.BookedOn, Amount: -e.Amount)).ToList();
        foreach (var returned in list.Where(e => e.Kind == LedgerEntryKind.ReturnedDebit).OrderBy(e => e.BookedOn))
        {
            var match = paid.FindLastIndex(p => p.Amount == returned.Amount && p.BookedOn <= returned.BookedOn);
            var index = match >= 0 ? match : paid.FindLastIndex(p => p.Amount > 0);
            if (index >= 0)
            {
                paid[index] = (paid[index].BookedOn, Math.Max(0m, paid[index].Amount - returned.Amount));
            }
        }

        return [.. paid.Where(p => p.Amount > 0).Select(p => InstallmentPayment.Create(p.BookedOn, p.Amount))];
    }

    public static BillPreparation Prepare(ContractBillingData data, BillingPeriod requested, PlanRequest? plan)
    {
        ArgumentNullException.ThrowIfNull(data);
        var contract = data.Contract;
        var start = contract.StartDate > requested.Start ? contract.StartDate : requested.Start;
        var end = contract.EndDate is { } ended && ended < requested.End ? ended : requested.End;
        if (end < start)
        {
            return new BillPreparation.Held(HoldReason.DataIncomplete, $"contract {contract.ContractNumber} does not supply in {requested}");
        }

        var period = BillingPeriod.Create(start, end);
        var proration = contract.Commodity.DefaultProration();
        var meterUnitsPerBilledUnit = contract.Commodity == Commodity.Gas && data.Gas is { } gas ? 1 / gas.Factor : 1m;
        var (referenceQuantity, referencePeriod) = data.Previous is { } previous
            ? (previous.Quantity * meterUnitsPerBilledUnit, previous.Period)
            : (data.AverageAnnualQuantity * meterUnitsPerBilledUnit, Estimation.StandardYear);

        var meters = new List<MeterReadings>();
        var estimates = new List<EstimatedReading>();
        foreach (var meter in data.Meters.OrderBy(m => m.InstalledOn))
        {
            var first = Max(period.Start.AddDays(-1), meter.InstalledOn);
            var last = meter.RemovedOn is { } removed && removed < period.End ? removed : period.End;
            if (last <= first)
            {
                continue;
            }

            var readings = data.Readings.Where(r => r.MeterId == meter.Id && r.Date <= last).OrderBy(r => r.Date).ToList();
            var chosen = new List<MeterReading>();
            var atFirst = readings.LastOrDefault(r => r.Date == first);
            if (atFirst is null)
            {
                if (first == meter.InstalledOn)
                {
                    return new BillPreparation.Held(HoldReason.DataIncomplete, $"meter {meter.MeterNumber} has no reading on its installation day {first}");
                }

                var before = readings.LastOrDefault(r => r.Date < first);
                if (before is null)
                {
                    return new BillPreparation.Held(HoldReason.DataIncomplete, $"meter {meter.MeterNumber} has no reading on or before {first} to start the period from");
                }

                var after = readings.FirstOrDefault(r => r.Date > first);
                var value = after is null
                    ? Estimation.EstimateReading(MeterReading.Create(before.Date, before.Value), first, referenceQuantity, referencePeriod, proration, meter.Digits)
                    : Estimation.Interpolate(MeterReading.Create(before.Date, before.Value), MeterReading.Create(after.Date, after.Value), first, proration, meter.Digits);
                estimates.Add(new EstimatedReading(meter, first, value));
                chosen.Add(MeterReading.Create(first, value));
            }
            else
            {
                chosen.Add(MeterReading.Create(atFirst.Date, atFirst.Value));
            }

            chosen.AddRange(readings.Where(r => r.Date > first).Select(r => MeterReading.Create(r.Date, r.Value)));
            if (chosen[^1].Date != last)
            {
                if (meter.RemovedOn == last)
                {
                    return new BillPreparation.Held(HoldReason.DataIncomplete, $"meter {meter.MeterNumber} has no reading on its removal day {last}");
                }

                var value = Estimation.EstimateReading(chosen[^1], last, referenceQuantity, referencePeriod, proration, meter.Digits);
                estimates.Add(new EstimatedReading(meter, last, value));
                chosen.Add(MeterReading.Create(last, value));
            }

            if (FirstFall(chosen, meter.Digits) is { } fall)
            {
                return new BillPreparation.Held(HoldReason.ReadingDecreased, $"meter {meter.MeterNumber}: {fall}");
            }

            meters.Add(MeterReadings.Create(meter.MeterNumber, meter.Digits, chosen));
        }

        if (meters.Count == 0)
        {
            return new BillPreparation.Held(HoldReason.DataIncomplete, $"no meter is installed at the supply point of contract {contract.ContractNumber} in {period}");
        }

        var payments = data.Payments.Where(p => period.Contains(p.Due)).OrderBy(p => p.Due).ToList();
        var input = BillInput.Create(
            contract.Commodity, period, meters, data.Tariff.ToPriceEntries(), payments, proration,
            contract.Commodity == Commodity.Gas ? data.Gas : null, data.Vat, plan);
        return new BillPreparation.Ready(input, estimates);
    }

    /// <summary>
    /// A fall between consecutive readings that a roll-over cannot explain: the register has no digits, or the
    /// roll-over would mean more than half the register's range consumed (a wrong reading, not a full register).
    /// </summary>
    private static string? FirstFall(List<MeterReading> readings, int? digits)
    {
        for (var i = 1; i < readings.Count; i++)
        {
            var (previous, current) = (readings[i - 1], readings[i]);
            if (current.Value >= previous.Value)
            {
                continue;
            }

            var capacity = digits is { } d ? (decimal)Math.Pow(10, d) : 0m;
            if (digits is null || capacity - previous.Value + current.Value > capacity / 2)
            {
                return $"reading falls from {previous.Value} on {previous.Date.ToIso()} to {current.Value} on {current.Date.ToIso()} without a meter change or roll-over";
            }
        }

        return null;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
