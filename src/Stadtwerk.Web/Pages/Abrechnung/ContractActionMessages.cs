using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Metering;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>
/// What the contract page says after each of its actions, in the reader's language (<see cref="Ui.Say"/>: German and
/// English side by side): the outcome, or why nothing was done.
/// </summary>
public static class ContractActionMessages
{
    public static (string Text, bool IsError) Billed(BillContractResult result) => result switch
    {
        BillContractResult.Issued { Repeated: false } issued => (Ui.Say(
            $"Rechnung {issued.Bill.Number} erstellt: Saldo {German.Euro(issued.Bill.Balance)}.",
            $"Bill {issued.Bill.Number} issued: balance {German.Euro(issued.Bill.Balance)}."), false),
        BillContractResult.Issued issued => (Ui.Say($"Rechnung {issued.Bill.Number} war schon erstellt.", $"Bill {issued.Bill.Number} was issued already."), false),
        BillContractResult.Held held => (Ui.Say(
            $"Zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}",
            $"Held for a clerk: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}"), true),
        BillContractResult.Conflict conflict => (Ui.Say($"Nicht erstellt: {EngineText.Localize(conflict.Text)}", $"Not issued: {EngineText.Localize(conflict.Text)}"), true),
        BillContractResult.Invalid invalid => (Ui.Say($"Nicht erstellt: {EngineText.Localize(invalid.Text)}", $"Not issued: {EngineText.Localize(invalid.Text)}"), true),
        BillContractResult.NotFound => (ContractNotFound, true),
        _ => (Ui.Say("Unbekanntes Ergebnis.", "Unknown outcome."), true),
    };

    public static (string Text, bool IsError) Cancelled(CancelBillResult result) => result switch
    {
        CancelBillResult.Cancelled done => (Ui.Say(
            $"Rechnung {done.Original.Number} storniert mit Stornobeleg {done.Cancellation.Number}.",
            $"Bill {done.Original.Number} cancelled with cancellation document {done.Cancellation.Number}."), false),
        CancelBillResult.Conflict conflict => (Ui.Say($"Nicht storniert: {EngineText.Localize(conflict.Text)}", $"Not cancelled: {EngineText.Localize(conflict.Text)}"), true),
        _ => (BillNotFound, true),
    };

    public static (string Text, bool IsError) Corrected(CorrectBillResult result) => result switch
    {
        CorrectBillResult.Corrected done => (Ui.Say(
            $"Rechnung {done.Original.Number} storniert ({done.Cancellation.Number}) und neu berechnet: Rechnung {done.NewBill.Number}, Saldo {German.Euro(done.NewBill.Balance)}.",
            $"Bill {done.Original.Number} cancelled ({done.Cancellation.Number}) and calculated again: bill {done.NewBill.Number}, balance {German.Euro(done.NewBill.Balance)}."), false),
        CorrectBillResult.Held held => (Ui.Say(
            $"Nicht korrigiert, die neue Rechnung wäre zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}",
            $"Not corrected, the new bill would be held for a clerk: {German.Hold(held.Hold.Reason)} – {EngineText.LocalizeStored(held.Hold.Details)}"), true),
        CorrectBillResult.Refused refused => (Ui.Say($"Nicht korrigiert: {EngineText.Localize(refused.Text)}", $"Not corrected: {EngineText.Localize(refused.Text)}"), true),
        _ => (BillNotFound, true),
    };

    public static (string Text, bool IsError) InstallmentChanged(InstallmentChangeResult result) => result switch
    {
        InstallmentChangeResult.Changed { Change.Status: InstallmentChangeStatus.Applied } changed => (Ui.Say(
            $"Abschlag ab {German.Date(changed.Change.EffectiveFrom)}: {German.Euro(changed.Change.NewAmount)} (vorher {German.Euro(changed.Change.OldAmount)}).",
            $"Installment from {German.Date(changed.Change.EffectiveFrom)}: {German.Euro(changed.Change.NewAmount)} (before {German.Euro(changed.Change.OldAmount)})."), false),
        InstallmentChangeResult.Changed changed when changed.Change.NewAmount > changed.Change.CalculatedAmount => (Ui.Say(
            $"{German.Euro(changed.Change.NewAmount)} ist mehr als das Fünffache des berechneten Abschlags ({German.Euro(changed.Change.CalculatedAmount)}) und wartet auf die Freigabe durch eine zweite Person.",
            $"{German.Euro(changed.Change.NewAmount)} is more than five times the calculated installment ({German.Euro(changed.Change.CalculatedAmount)}) and waits for a second person to approve it."), false),
        InstallmentChangeResult.Changed changed => (Ui.Say(
            $"Die Senkung auf {German.Euro(changed.Change.NewAmount)} liegt unter 80 % des berechneten Abschlags ({German.Euro(changed.Change.CalculatedAmount)}) und wartet auf die Freigabe durch eine zweite Person.",
            $"The reduction to {German.Euro(changed.Change.NewAmount)} is below 80 % of the calculated installment ({German.Euro(changed.Change.CalculatedAmount)}) and waits for a second person to approve it."), false),
        InstallmentChangeResult.Invalid invalid => (Ui.Say(
            $"Abschlag nicht geändert: {EngineText.Localize(invalid.Errors[0].Text)}",
            $"Installment not changed: {EngineText.Localize(invalid.Errors[0].Text)}"), true),
        InstallmentChangeResult.Stale => (Ui.Say(
            "Jemand anderes hat den Vertrag gerade geändert. Bitte die Änderung wiederholen.",
            "Someone else has just changed the contract. Please make the change again."), true),
        _ => (ContractNotFound, true),
    };

    public static (string Text, bool IsError) MovedOut(DateOnly lastDay, MoveOutResult result) => result switch
    {
        MoveOutResult.Done { FinalBill: BillContractResult.Issued issued } => (Ui.Say(
            $"Auszug zum {German.Date(lastDay)}: Schlussrechnung {issued.Bill.Number}, Saldo {German.Euro(issued.Bill.Balance)}.",
            $"Move-out on {German.Date(lastDay)}: final bill {issued.Bill.Number}, balance {German.Euro(issued.Bill.Balance)}."), false),
        MoveOutResult.Done { FinalBill: BillContractResult.Held held } => (Ui.Say(
            $"Auszug zum {German.Date(lastDay)} erfasst; die Schlussrechnung ist zur Klärung zurückgestellt: {EngineText.LocalizeStored(held.Hold.Details)}",
            $"Move-out on {German.Date(lastDay)} recorded; the final bill is held for a clerk: {EngineText.LocalizeStored(held.Hold.Details)}"), true),
        MoveOutResult.Done => (Ui.Say($"Auszug zum {German.Date(lastDay)} erfasst.", $"Move-out on {German.Date(lastDay)} recorded."), false),
        MoveOutResult.Invalid invalid => (Ui.Say(
            $"Auszug nicht möglich: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}",
            $"Move-out not possible: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}"), true),
        MoveOutResult.Conflict conflict => (Ui.Say($"Auszug nicht möglich: {EngineText.Localize(conflict.Text)}", $"Move-out not possible: {EngineText.Localize(conflict.Text)}"), true),
        _ => (ContractNotFound, true),
    };

    public static (string Text, bool IsError) ReadingSaved(ReadingEntryResult result, bool corrected) => result switch
    {
        ReadingEntryResult.Saved { Change.OldValue: { } before } saved => (Ui.Say(
            $"Zählerstand {saved.Meter.MeterNumber} vom {German.Date(saved.Reading.Date)} korrigiert: {German.Reading(before)} → {German.Reading(saved.Reading.Value)}. Betrifft er eine Rechnung, diese jetzt neu berechnen oder erstellen.",
            $"Reading of meter {saved.Meter.MeterNumber} on {German.Date(saved.Reading.Date)} corrected: {German.Reading(before)} → {German.Reading(saved.Reading.Value)}. If it concerns a bill, recalculate or issue that bill now."), false),
        ReadingEntryResult.Saved saved => (Ui.Say(
            $"Zählerstand {saved.Meter.MeterNumber} vom {German.Date(saved.Reading.Date)} erfasst: {German.Reading(saved.Reading.Value)}.",
            $"Reading of meter {saved.Meter.MeterNumber} on {German.Date(saved.Reading.Date)} entered: {German.Reading(saved.Reading.Value)}."), false),
        ReadingEntryResult.Invalid invalid => ($"{NotSaved(corrected)}: {string.Join("; ", invalid.Errors.Select(e => $"{ReadingField(e.Field)} {EngineText.Localize(e.Text)}"))}", true),
        ReadingEntryResult.Conflict conflict => ($"{NotSaved(corrected)}: {EngineText.Localize(conflict.Text)}", true),
        _ => (Ui.Say("Zählerstand nicht gefunden.", "Meter reading not found."), true),
    };

    public static (string Text, bool IsError) ConsumptionConfirmed(BillContractResult result) => result switch
    {
        BillContractResult.Issued issued => (Ui.Say(
            $"Verbrauch bestätigt, Klärfall freigegeben: Rechnung {issued.Bill.Number} erstellt, Saldo {German.Euro(issued.Bill.Balance)}.",
            $"Consumption confirmed, hold released: bill {issued.Bill.Number} issued, balance {German.Euro(issued.Bill.Balance)}."), false),
        _ => Billed(result),
    };

    public static (string Text, bool IsError) SettlementAgreed(SettlementResult result) => result switch
    {
        SettlementResult.Agreed agreed => (Ui.Say(
            $"Vereinbarung für Rechnung {agreed.BillNumber}: {Settlement(agreed.Settlement)}.",
            $"Arrangement for bill {agreed.BillNumber}: {Settlement(agreed.Settlement)}."), false),
        SettlementResult.Invalid invalid => (Ui.Say(
            $"Keine Vereinbarung: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}",
            $"No arrangement: {string.Join("; ", invalid.Errors.Select(e => EngineText.Localize(e.Text)))}"), true),
        SettlementResult.Conflict conflict => (Ui.Say($"Keine Vereinbarung: {EngineText.Localize(conflict.Text)}", $"No arrangement: {EngineText.Localize(conflict.Text)}"), true),
        _ => (BillNotFound, true),
    };

    public static string Settlement(BalanceSettlement s) => s.Kind switch
    {
        SettlementKind.Instalments => Ui.Say($"{s.Parts} Raten ab {German.Date(s.FirstDue)}", $"{s.Parts} parts from {German.Date(s.FirstDue)}"),
        SettlementKind.Deferral => Ui.Say($"gestundet bis {German.Date(s.FirstDue)}", $"deferred until {German.Date(s.FirstDue)}"),
        SettlementKind.Refund => Ui.Say($"Erstattung bis {German.Date(s.FirstDue)}", $"refund by {German.Date(s.FirstDue)}"),
        _ => Ui.Say("Verrechnung mit den nächsten Abschlägen", "set off against the next installments"),
    };

    private static string ContractNotFound => Ui.Say("Vertrag nicht gefunden.", "Contract not found.");

    private static string BillNotFound => Ui.Say("Rechnung nicht gefunden.", "Bill not found.");

    private static string NotSaved(bool corrected) => corrected ? Ui.Say("Nicht korrigiert", "Not corrected") : Ui.Say("Nicht erfasst", "Not entered");

    private static string ReadingField(string field) => field switch
    {
        "value" => Ui.Say("Stand:", "Reading:"),
        "date" => Ui.Say("Datum:", "Date:"),
        "reason" => Ui.Say("Grund:", "Reason:"),
        _ => field + ":",
    };

    /// <summary>Where a bill's letter is, in words (queued, e-mailed, waiting for print, printed); null when none was queued.</summary>
    public static string? Letter(LetterDispatchState state) => state.State switch
    {
        LetterState.None => null,
        LetterState.Queued => Ui.Say("Brief wartet auf Versand", "Letter waiting to be sent"),
        LetterState.Failed => Ui.Say(
            $"Brief konnte nicht erstellt werden: {EngineText.LocalizeStored(state.LastError)}",
            $"The letter could not be made: {EngineText.LocalizeStored(state.LastError)}"),
        LetterState.Email when state.Emails.Where(e => e.SentAt != null).Select(e => e.SentAt!.Value).DefaultIfEmpty().Max() is var sent && sent != default =>
            Ui.Say($"per E-Mail gesendet {German.DateTime(sent)}", $"sent by e-mail {German.DateTime(sent)}"),
        LetterState.Email => Ui.Say("E-Mail wartet auf Versand", "E-mail waiting to be sent"),
        LetterState.Printed => Ui.Say($"gedruckt (Druckstapel {state.PrintBatch})", $"printed (print batch {state.PrintBatch})"),
        _ => Ui.Say("wartet auf den Druck", "waiting for print"),
    };
}
