using System.Globalization;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Web.Pages;

/// <summary>German (de-DE) formats and names for the pages: 1.234,56 €, 31.12.2020, Strom.</summary>
public static class German
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("de-DE");

    public static string Euro(decimal amount) => amount.ToString("N2", Culture) + " €";

    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", Culture);

    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>A moment in the utility's time zone: 25.11.2026 07:05.</summary>
    public static string DateTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Stadtwerk.Infrastructure.UtilityCalendar.TimeZone).ToString("dd.MM.yyyy HH:mm", Culture);

    public static string Time(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Stadtwerk.Infrastructure.UtilityCalendar.TimeZone).ToString("HH:mm:ss", Culture) + " Uhr";

    public static string RunStatus(Core.BillingRuns.BillingRunStatus status) => status switch
    {
        Core.BillingRuns.BillingRunStatus.Running => "läuft",
        Core.BillingRuns.BillingRunStatus.Completed => "abgeschlossen",
        Core.BillingRuns.BillingRunStatus.Cancelled => "abgebrochen",
        _ => status.ToString(),
    };

    public static string Commodity(Commodity commodity) => commodity switch
    {
        Core.Billing.Commodity.Electricity => "Strom",
        Core.Billing.Commodity.Gas => "Gas",
        Core.Billing.Commodity.Water => "Wasser",
        Core.Billing.Commodity.Heat => "Wärme",
        _ => commodity.ToString(),
    };

    /// <summary>The unit a meter of the commodity counts in (gas meters count m³; the bill converts to kWh).</summary>
    public static string ReadingUnit(Commodity commodity) => commodity is Core.Billing.Commodity.Water or Core.Billing.Commodity.Gas ? "m³" : "kWh";

    /// <summary>A meter reading with the register's decimals as read (up to three): 12.345,678.</summary>
    public static string Reading(decimal value) => value.ToString("#,##0.###", Culture);

    public static string ReadingKind(Core.Metering.ReadingKind? kind) => kind switch
    {
        Core.Metering.ReadingKind.Actual => "(abgelesen)",
        Core.Metering.ReadingKind.Estimated => "(geschätzt)",
        Core.Metering.ReadingKind.CustomerReported => "(vom Kunden gemeldet)",
        _ => string.Empty,
    };

    public static string ReadingSource(Core.Metering.ReadingSource source) => source switch
    {
        Core.Metering.ReadingSource.Portal => "Kundenportal",
        Core.Metering.ReadingSource.Agent => "Kundenservice",
        Core.Metering.ReadingSource.MeterReader => "Ableser",
        Core.Metering.ReadingSource.Technician => "Monteur",
        Core.Metering.ReadingSource.Form => "Formular",
        Core.Metering.ReadingSource.Import => "Import",
        _ => "System",
    };

    public static string Unit(Commodity commodity) => commodity == Core.Billing.Commodity.Water ? "m³" : "kWh";

    public static string CaseKind(Core.Cases.CaseKind kind) => kind switch
    {
        Core.Cases.CaseKind.RejectedDebit => "Lastschrift abgelehnt",
        Core.Cases.CaseKind.ReturnedDebit => "Rücklastschrift",
        _ => kind.ToString(),
    };

    public static string Hold(HoldReason reason) => reason switch
    {
        HoldReason.ConsumptionTooHigh => "Verbrauch mehr als dreimal so hoch wie im Vorjahr",
        HoldReason.ConsumptionTooLow => "Verbrauch weniger als ein Drittel des Vorjahres",
        HoldReason.ReadingDecreased => "Zählerstand gesunken ohne Zählerwechsel oder Überlauf",
        HoldReason.DataIncomplete => "Daten unvollständig",
        _ => reason.ToString(),
    };

    public static string Ledger(Core.Accounts.LedgerEntryKind kind) => kind switch
    {
        Core.Accounts.LedgerEntryKind.Payment => "Zahlung",
        Core.Accounts.LedgerEntryKind.Installment => "Abschlag",
        Core.Accounts.LedgerEntryKind.Bill => "Rechnung",
        Core.Accounts.LedgerEntryKind.Refund => "Erstattung",
        Core.Accounts.LedgerEntryKind.Cancellation => "Storno",
        Core.Accounts.LedgerEntryKind.ReturnedDebit => "Rücklastschrift",
        _ => kind.ToString(),
    };
}
