using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Demo;

namespace Stadtwerk.Infrastructure.Tests.Demo;

/// <summary>
/// Builds the billing engine's input for a contract and a calendar year from the demo data, the way a bill run
/// would: the year clipped to the contract, the readings of the premise's meters in the period, the tariff's prices,
/// the statutory VAT, the network area's gas factors for the year and the installments due in the period.
/// </summary>
internal sealed class DemoBilling
{
    private readonly Dictionary<Guid, Premise> premises;
    private readonly Dictionary<Guid, Tariff> tariffs;
    private readonly ILookup<Guid, Meter> metersByPremise;
    private readonly ILookup<Guid, Reading> readingsByMeter;
    private readonly IReadOnlyList<GasConversionFactor> gasFactors;

    public DemoBilling(DemoData data)
    {
        premises = data.Premises.ToDictionary(p => p.Id);
        tariffs = data.Tariffs.ToDictionary(t => t.Id);
        metersByPremise = data.Meters.ToLookup(m => m.PremiseId);
        readingsByMeter = data.Readings.ToLookup(r => r.MeterId);
        gasFactors = data.GasConversionFactors;
    }

    /// <summary>The days of <paramref name="year"/> the contract supplies, or null when it supplies none.</summary>
    public static BillingPeriod? Period(Contract contract, int year)
    {
        var start = new DateOnly(year, 1, 1);
        var end = new DateOnly(year, 12, 31);
        if (contract.StartDate > start)
        {
            start = contract.StartDate;
        }

        if (contract.EndDate is { } last && last < end)
        {
            end = last;
        }

        return start <= end ? BillingPeriod.Create(start, end) : null;
    }

    /// <summary>Whether a reading of the contract's meters in the period is one of the demo's deliberate typos.</summary>
    public bool HasMistypedReading(Contract contract, BillingPeriod period, IReadOnlySet<Guid> mistyped) =>
        metersByPremise[contract.PremiseId].SelectMany(m => readingsByMeter[m.Id]).Any(r => period.Contains(r.Date) && mistyped.Contains(r.Id));

    public BillInput Input(Contract contract, BillingPeriod period)
    {
        var premise = premises[contract.PremiseId];
        var tariff = tariffs[contract.TariffId];

        // A meter counts from the day after its installation reading through the day of its removal reading.
        var meters = metersByPremise[premise.Id]
            .Where(m => m.InstalledOn < period.End && (m.RemovedOn is null || m.RemovedOn >= period.Start))
            .OrderBy(m => m.InstalledOn)
            .Select(m => MeterReadings.Create(
                m.MeterNumber,
                m.Digits,
                readingsByMeter[m.Id]
                    .Where(r => r.Date >= period.Start.AddDays(-1) && r.Date <= period.End)
                    .OrderBy(r => r.Date)
                    .Select(r => MeterReading.Create(r.Date, r.Value))))
            .ToList();

        GasConversion? gas = null;
        if (premise.Commodity == Commodity.Gas)
        {
            gas = gasFactors
                .Single(f => f.NetworkArea == premise.NetworkArea && f.ValidFrom <= period.Start && f.ValidTo >= period.End)
                .ToConversion();
        }

        var installments = contract.InstallmentPlan is { } plan
            ? plan.DueDates().Where(period.Contains).Select(due => InstallmentPayment.Create(due, plan.Amount)).ToList()
            : [];

        // A running contract gets its next plan with the bill: 11 installments from February.
        var plan2 = contract.EndDate is null || contract.EndDate > period.End
            ? PlanRequest.Create(11, new DateOnly(period.End.Year + 1, 2, 15))
            : null;

        return BillInput.Create(
            premise.Commodity,
            period,
            meters,
            tariff.ToPriceEntries(),
            installments,
            gas: gas,
            plan: plan2);
    }
}
