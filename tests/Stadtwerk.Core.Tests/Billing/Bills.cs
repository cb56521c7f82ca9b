using System.Globalization;
using Shouldly;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Short ways to build engine inputs in tests.</summary>
internal static class Bills
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, IsoDate.Format, CultureInfo.InvariantCulture);

    public static MeterReadings Meter(string number, int? digits, params (string Date, decimal Value)[] readings) =>
        MeterReadings.Create(number, digits, readings.Select(r => MeterReading.Create(D(r.Date), r.Value)));

    public static PriceEntry Price(string from, decimal energy, decimal basePerYear) => PriceEntry.Create(D(from), energy, basePerYear);

    public static VatRate Vat(string from, decimal rate) => VatRate.Create(D(from), rate);

    public static BillInput Input(
        Commodity commodity,
        string start,
        string end,
        IEnumerable<MeterReadings> meters,
        IEnumerable<PriceEntry>? prices = null,
        IEnumerable<VatRate>? vat = null,
        Proration? proration = null,
        GasConversion? gas = null,
        IEnumerable<InstallmentPayment>? installments = null,
        PlanRequest? plan = null) =>
        BillInput.Create(
            commodity,
            BillingPeriod.Create(D(start), D(end)),
            meters,
            prices ?? [Price("2000-01-01", 0.30m, 120m)],
            installments,
            proration,
            gas,
            vat,
            plan);

    /// <summary>One electricity meter read on the day before <paramref name="start"/> and on <paramref name="end"/>.</summary>
    public static BillInput Simple(
        string start,
        string end,
        decimal consumption,
        Commodity commodity = Commodity.Electricity,
        IEnumerable<PriceEntry>? prices = null,
        IEnumerable<VatRate>? vat = null,
        Proration? proration = null,
        PlanRequest? plan = null,
        IEnumerable<InstallmentPayment>? installments = null) =>
        Input(
            commodity,
            start,
            end,
            [Meter("M-1", null, (D(start).AddDays(-1).ToIso(), 1000m), (end, 1000m + consumption))],
            prices,
            vat,
            proration,
            commodity == Commodity.Gas ? GasConversion.Create(1m, 1m) : null,
            installments,
            plan);

    public static Bill Calculate(BillInput input) =>
        BillCalculator.Calculate(input).ShouldBeOfType<CalculationResult.Calculated>().Bill;

    public static string Reject(BillInput input) =>
        BillCalculator.Calculate(input).ShouldBeOfType<CalculationResult.Rejected>().Reason;
}
