using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Demo;
using static System.FormattableString;

namespace Stadtwerk.Infrastructure.Tests.Demo;

/// <summary>
/// The business data of a demo run as lines of text, with entity IDs replaced by the business numbers they point to:
/// two runs with the same seed must give the same lines.
/// </summary>
internal static class DemoSnapshot
{
    public static List<string> Of(DemoData data)
    {
        var customers = data.Customers.ToDictionary(c => c.Id, c => c.CustomerNumber);
        var premises = data.Premises.ToDictionary(p => p.Id, p => p.PremiseNumber);
        var tariffs = data.Tariffs.ToDictionary(t => t.Id, t => t.Code);
        var meters = data.Meters.ToDictionary(m => m.Id, m => m.MeterNumber);
        var lines = new List<string>();

        lines.AddRange(data.Tariffs.Select(t => Invariant(
            $"T|{t.Code}|{t.Name}|{t.Commodity}|{string.Join(",", t.Prices.Select(p => Invariant($"{p.ValidFrom.ToIso()}:{p.EnergyPrice}:{p.BasePricePerYear}")))}")));
        lines.AddRange(data.GasConversionFactors.Select(g => Invariant(
            $"G|{g.NetworkArea}|{g.ValidFrom.ToIso()}|{g.ValidTo.ToIso()}|{g.StateFactor}|{g.CalorificValue}")));
        lines.AddRange(data.Customers.Select(c => Invariant(
            $"C|{c.CustomerNumber}|{c.Kind}|{c.FirstName}|{c.LastName}|{c.CompanyName}|{c.Address}|{c.Email}|{c.Phone}|{c.MobilePhone}|{c.PreferredChannel}")));
        lines.AddRange(data.Premises.Select(p => Invariant(
            $"P|{p.PremiseNumber}|{p.Address}|{p.Commodity}|{p.MarketLocation}|{p.MeteringLocation}|{p.NetworkArea}")));
        lines.AddRange(data.Contracts.Select(c => Invariant(
            $"K|{c.ContractNumber}|{customers[c.CustomerId]}|{premises[c.PremiseId]}|{c.Commodity}|{tariffs[c.TariffId]}|{c.StartDate.ToIso()}|{c.EndDate?.ToIso()}|{c.ContractAccountNumber}|{c.BankAccount?.Iban}|{c.BankAccount?.Bic}|{c.BankAccount?.Holder}|{c.BankAccount?.MandateReference}|{c.BankAccount?.MandateSignedOn.ToIso()}|{c.InstallmentPlan?.Amount}|{c.InstallmentPlan?.FirstDue.ToIso()}|{c.InstallmentPlan?.Count}")));
        lines.AddRange(data.Meters.Select(m => Invariant(
            $"M|{m.MeterNumber}|{premises[m.PremiseId]}|{m.Commodity}|{m.Digits}|{m.InstalledOn.ToIso()}|{m.RemovedOn?.ToIso()}")));
        lines.AddRange(data.Readings.Select(r => Invariant(
            $"R|{meters[r.MeterId]}|{r.Date.ToIso()}|{r.Value}|{r.Kind}|{r.Source}|{r.RecordedAt:O}")));
        return lines;
    }
}
