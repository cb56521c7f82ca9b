using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Metering;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>What the contract page says after each of its actions, in German: the outcome, or why nothing was done.</summary>
public static class ContractActionMessages
{
    public static (string Text, bool IsError) Billed(BillContractResult result) => result switch
    {
        BillContractResult.Issued { Repeated: false } issued => ($"Rechnung {issued.Bill.Number} erstellt: Saldo {German.Euro(issued.Bill.Balance)}.", false),
        BillContractResult.Issued issued => ($"Rechnung {issued.Bill.Number} war schon erstellt.", false),
        BillContractResult.Held held => ($"Zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}", true),
        BillContractResult.Conflict conflict => ($"Nicht erstellt: {EngineText.Localize(conflict.Text)}", true),
        BillContractResult.Invalid invalid => ($"Nicht erstellt: {EngineText.Localize(invalid.Text)}", true),
        BillContractResult.NotFound => ("Vertrag nicht gefunden.", true),
        _ => ("Unbekanntes Ergebnis.", true),
    };

    public static (string Text, bool IsError) Cancelled(CancelBillResult result) => result switch
    {
        CancelBillResult.Cancelled done => ($"Rechnung {done.Original.Number} storniert mit Stornobeleg {done.Cancellation.Number}.", false),
        CancelBillResult.Conflict conflict => ($"Nicht storniert: {EngineText.Localize(conflict.Text)}", true),
        _ => ("Rechnung nicht gefunden.", true),
    };

    public static (string Text, bool IsError) Corrected(CorrectBillResult result) => result switch
    {
        CorrectBillResult.Corrected done => ($"Rechnung {done.Original.Number} storniert ({done.Cancellation.Number}) und neu berechnet: Rechnung {done.NewBill.Number}, Saldo {German.Euro(done.NewBill.Balance)}.", false),
        CorrectBillResult.Held held => ($"Nicht korrigiert, die neue Rechnung wäre zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}", true),
        CorrectBillResult.Refused refused => ($"Nicht korrigiert: {EngineText.Localize(refused.Text)}", true),
        _ => ("Rechnung nicht gefunden.", true),
    };

    public static (string Text, bool IsError) InstallmentChanged(InstallmentChangeResult result) => result switch
    {
        InstallmentChangeResult.Changed { Change.Status: InstallmentChangeStatus.Applied } changed =>
            ($"Abschlag ab {German.Date(changed.Change.EffectiveFrom)}: {German.Euro(changed.Change.NewAmount)} (vorher {German.Euro(changed.Change.OldAmount)}).", false),
        InstallmentChangeResult.Changed changed when changed.Change.NewAmount > changed.Change.CalculatedAmount =>
            ($"{German.Euro(changed.Change.NewAmount)} ist mehr als das Fünffache des berechneten Abschlags ({German.Euro(changed.Change.CalculatedAmount)}) und wartet auf die Freigabe durch eine zweite Person.", false),
        InstallmentChangeResult.Changed changed =>
            ($"Die Senkung auf {German.Euro(changed.Change.NewAmount)} liegt unter 80 % des berechneten Abschlags ({German.Euro(changed.Change.CalculatedAmount)}) und wartet auf die Freigabe durch eine zweite Person.", false),
        InstallmentChangeResult.Invalid invalid => ($"Abschlag nicht geändert: {EngineText.Localize(invalid.Errors[0].Text)}", true),
        InstallmentChangeResult.Stale => ("Jemand anderes hat den Vertrag gerade geändert. Bitte die Änderung wiederholen.", true),
        _ => ("Vertrag nicht gefunden.", true),
    };

    public static (string Text, bool IsError) MovedOut(DateOnly lastDay, MoveOutResult result) => result switch
    {
        MoveOutResult.Done { FinalBill: BillContractResult.Issued issued } => ($"Auszug zum {German.Date(lastDay)}: Schlussrechnung {issued.Bill.Number}, Saldo {German.Euro(issued.Bill.Balance)}.", false),
        MoveOutResult.Done { FinalBill: BillContractResult.Held held } => ($"Auszug zum {German.Date(lastDay)} erfasst; die Schlussrechnung ist zur Klärung zurückgestellt: {EngineText.LocalizeStored(held.Hold.Details)}", true),
        MoveOutResult.Done => ($"Auszug zum {German.Date(lastDay)} erfasst.", false),
        MoveOutResult.Invalid invalid => ($"Auszug nicht möglich: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}", true),
        MoveOutResult.Conflict conflict => ($"Auszug nicht möglich: {EngineText.Localize(conflict.Text)}", true),
        _ => ("Vertrag nicht gefunden.", true),
    };

    public static (string Text, bool IsError) ReadingSaved(ReadingEntryResult result, bool corrected) => result switch
    {
        ReadingEntryResult.Saved { Change.OldValue: { } before } saved =>
            ($"Zählerstand {saved.Meter.MeterNumber} vom {German.Date(saved.Reading.Date)} korrigiert: {German.Reading(before)} → {German.Reading(saved.Reading.Value)}. Betrifft er eine Rechnung, diese jetzt neu berechnen oder erstellen.", false),
        ReadingEntryResult.Saved saved =>
            ($"Zählerstand {saved.Meter.MeterNumber} vom {German.Date(saved.Reading.Date)} erfasst: {German.Reading(saved.Reading.Value)}.", false),
        ReadingEntryResult.Invalid invalid => ($"{(corrected ? "Nicht korrigiert" : "Nicht erfasst")}: {string.Join("; ", invalid.Errors.Select(e => $"{ReadingField(e.Field)} {EngineText.Localize(e.Text)}"))}", true),
        ReadingEntryResult.Conflict conflict => ($"{(corrected ? "Nicht korrigiert" : "Nicht erfasst")}: {EngineText.Localize(conflict.Text)}", true),
        _ => ("Zählerstand nicht gefunden.", true),
    };

    public static (string Text, bool IsError) ConsumptionConfirmed(BillContractResult result) => result switch
    {
        BillContractResult.Issued issued => ($"Verbrauch bestätigt, Klärfall freigegeben: Rechnung {issued.Bill.Number} erstellt, Saldo {German.Euro(issued.Bill.Balance)}.", false),
        _ => Billed(result),
    };

    public static (string Text, bool IsError) SettlementAgreed(SettlementResult result) => result switch
    {
        SettlementResult.Agreed agreed => ($"Vereinbarung für Rechnung {agreed.BillNumber}: {Settlement(agreed.Settlement)}.", false),
        SettlementResult.Invalid invalid => ($"Keine Vereinbarung: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}", true),
        SettlementResult.Conflict conflict => ($"Keine Vereinbarung: {EngineText.Localize(conflict.Text)}", true),
        _ => ("Rechnung nicht gefunden.", true),
    };

    public static string Settlement(BalanceSettlement s) => s.Kind switch
    {
        SettlementKind.Instalments => $"{s.Parts} Raten ab {German.Date(s.FirstDue)}",
        SettlementKind.Deferral => $"gestundet bis {German.Date(s.FirstDue)}",
        SettlementKind.Refund => $"Erstattung bis {German.Date(s.FirstDue)}",
        _ => "Verrechnung mit den nächsten Abschlägen",
    };

    private static string ReadingField(string field) => field switch
    {
        "value" => "Stand:",
        "date" => "Datum:",
        "reason" => "Grund:",
        _ => field + ":",
    };

    /// <summary>Where a bill's letter is, in words (queued, e-mailed, waiting for print, printed); null when none was queued.</summary>
    public static string? Letter(LetterDispatchState state) => state.State switch
    {
        LetterState.None => null,
        LetterState.Queued => "Brief wartet auf Versand",
        LetterState.Failed => $"Brief konnte nicht erstellt werden: {EngineText.LocalizeStored(state.LastError)}",
        LetterState.Email when state.Emails.Where(e => e.SentAt != null).Select(e => e.SentAt!.Value).DefaultIfEmpty().Max() is var sent && sent != default => $"per E-Mail gesendet {German.DateTime(sent)}",
        LetterState.Email => "E-Mail wartet auf Versand",
        LetterState.Printed => $"gedruckt (Druckstapel {state.PrintBatch})",
        _ => "wartet auf den Druck",
    };
}
