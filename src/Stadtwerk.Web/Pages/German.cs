using System.Globalization;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Web.Pages;

/// <summary>
/// Formats and names for the pages in the reader's language, the current UI culture of the request (the
/// language switch, /sprache/{culture}): German (de-DE, the default) 1.234,56 €, 31.12.2020, 25.11.2026 07:05,
/// "Strom"; English (en-GB) 1,234.56 € (the amount first, as in German, so columns line up the same), 31/12/2020,
/// 25/11/2026 07:05, "electricity". The class keeps its name: it was German only, and German is still the
/// default; every helper follows the switch without a change of signature.
/// </summary>
public static class German
{
    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The culture of the page: de-DE, or en-GB when the reader switched to English.</summary>
    public static CultureInfo Culture => IsEnglish ? EnglishCulture : GermanCulture;

    /// <summary>Whether the reader switched to English (any culture whose language is English).</summary>
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string Euro(decimal amount) => amount.ToString("N2", Culture) + " €";

    public static string Date(DateOnly date) => date.ToString(IsEnglish ? "dd'/'MM'/'yyyy" : "dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", Culture);

    /// <summary>A moment in the utility's time zone: 25.11.2026 07:05 (25/11/2026 07:05).</summary>
    public static string DateTime(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Stadtwerk.Infrastructure.UtilityCalendar.TimeZone).ToString(IsEnglish ? "dd'/'MM'/'yyyy HH:mm" : "dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Stadtwerk.Infrastructure.UtilityCalendar.TimeZone).ToString("HH:mm:ss", CultureInfo.InvariantCulture) + (IsEnglish ? string.Empty : " Uhr");

    public static string RunStatus(Core.BillingRuns.BillingRunStatus status) => status switch
    {
        Core.BillingRuns.BillingRunStatus.Running => IsEnglish ? "running" : "läuft",
        Core.BillingRuns.BillingRunStatus.Completed => IsEnglish ? "completed" : "abgeschlossen",
        Core.BillingRuns.BillingRunStatus.Cancelled => IsEnglish ? "cancelled" : "abgebrochen",
        _ => status.ToString(),
    };

    public static string Commodity(Commodity commodity) => commodity switch
    {
        Core.Billing.Commodity.Electricity => IsEnglish ? "Electricity" : "Strom",
        Core.Billing.Commodity.Gas => "Gas",
        Core.Billing.Commodity.Water => IsEnglish ? "Water" : "Wasser",
        Core.Billing.Commodity.Heat => IsEnglish ? "Heat" : "Wärme",
        _ => commodity.ToString(),
    };

    /// <summary>The unit a meter of the commodity counts in (gas meters count m³; the bill converts to kWh).</summary>
    public static string ReadingUnit(Commodity commodity) => commodity is Core.Billing.Commodity.Water or Core.Billing.Commodity.Gas ? "m³" : "kWh";

    /// <summary>A meter reading with the register's decimals as read (up to three): 12.345,678 (12,345.678).</summary>
    public static string Reading(decimal value) => value.ToString("#,##0.###", Culture);

    public static string ReadingKind(Core.Metering.ReadingKind? kind) => kind switch
    {
        Core.Metering.ReadingKind.Actual => IsEnglish ? "(read)" : "(abgelesen)",
        Core.Metering.ReadingKind.Estimated => IsEnglish ? "(estimated)" : "(geschätzt)",
        Core.Metering.ReadingKind.CustomerReported => IsEnglish ? "(reported by the customer)" : "(vom Kunden gemeldet)",
        _ => string.Empty,
    };

    public static string ReadingSource(Core.Metering.ReadingSource source) => source switch
    {
        Core.Metering.ReadingSource.Portal => IsEnglish ? "Customer portal" : "Kundenportal",
        Core.Metering.ReadingSource.Agent => IsEnglish ? "Customer service" : "Kundenservice",
        Core.Metering.ReadingSource.MeterReader => IsEnglish ? "Meter reader" : "Ableser",
        Core.Metering.ReadingSource.Technician => IsEnglish ? "Technician" : "Monteur",
        Core.Metering.ReadingSource.Form => IsEnglish ? "Form" : "Formular",
        Core.Metering.ReadingSource.Import => "Import",
        _ => "System",
    };

    public static string Unit(Commodity commodity) => commodity == Core.Billing.Commodity.Water ? "m³" : "kWh";

    public static string CaseKind(Core.Cases.CaseKind kind) => kind switch
    {
        Core.Cases.CaseKind.RejectedDebit => IsEnglish ? "Direct debit rejected" : "Lastschrift abgelehnt",
        Core.Cases.CaseKind.ReturnedDebit => IsEnglish ? "Returned direct debit" : "Rücklastschrift",
        _ => kind.ToString(),
    };

    public static string Hold(HoldReason reason) => reason switch
    {
        HoldReason.ConsumptionTooHigh => IsEnglish ? "Consumption more than three times last year's" : "Verbrauch mehr als dreimal so hoch wie im Vorjahr",
        HoldReason.ConsumptionTooLow => IsEnglish ? "Consumption less than a third of last year's" : "Verbrauch weniger als ein Drittel des Vorjahres",
        HoldReason.ReadingDecreased => IsEnglish ? "Reading fell without a meter change or roll-over" : "Zählerstand gesunken ohne Zählerwechsel oder Überlauf",
        HoldReason.DataIncomplete => IsEnglish ? "Data incomplete" : "Daten unvollständig",
        _ => reason.ToString(),
    };

    public static string Ledger(Core.Accounts.LedgerEntryKind kind) => kind switch
    {
        Core.Accounts.LedgerEntryKind.Payment => IsEnglish ? "Payment" : "Zahlung",
        Core.Accounts.LedgerEntryKind.Installment => IsEnglish ? "Installment" : "Abschlag",
        Core.Accounts.LedgerEntryKind.Bill => IsEnglish ? "Bill" : "Rechnung",
        Core.Accounts.LedgerEntryKind.Refund => IsEnglish ? "Refund" : "Erstattung",
        Core.Accounts.LedgerEntryKind.Cancellation => IsEnglish ? "Cancellation" : "Storno",
        Core.Accounts.LedgerEntryKind.ReturnedDebit => IsEnglish ? "Returned direct debit" : "Rücklastschrift",
        _ => kind.ToString(),
    };
}
