using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Metering;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record LedgerRow(DateOnly BookedOn, string Kind, string Reference, decimal Amount, decimal Balance);

/// <summary>
/// A contract seen by the billing clerk: everything of it (<see cref="ContractOverview"/>) and the actions on it (bill,
/// cancel, correct, change the installment, agree a settlement, move out). Every action redirects back to the page
/// with its outcome (post-redirect-get), so the next form posts to its own handler and a reload repeats nothing; what
/// each outcome says is <see cref="ContractActionMessages"/>'.
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class ContractBillingModel(
    ContractOverviews overviews,
    BillContract billing,
    CancelBill cancel,
    CorrectBill correct,
    MoveOut moveOut,
    ChangeInstallment changeInstallment,
    AgreeSettlement agreeSettlement,
    ReadingEntries readings,
    ConfirmConsumption confirmConsumption)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string ContractNumber { get; set; } = string.Empty;

    [BindProperty]
    public string? BillNumber { get; set; }

    [BindProperty]
    public decimal? NewAmount { get; set; }

    [BindProperty]
    public int ContractVersion { get; set; }

    [BindProperty]
    public string? MoveOutDate { get; set; }

    [BindProperty]
    public decimal? FinalReading { get; set; }

    [BindProperty]
    public string? SettlementKind { get; set; }

    [BindProperty]
    public int? SettlementParts { get; set; }

    [BindProperty]
    public string? SettlementFirstDue { get; set; }

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    /// <summary>The reading to correct: meter number, day and version ("Z123|2021-12-31|2").</summary>
    [BindProperty]
    public string? ReadingToCorrect { get; set; }

    [BindProperty]
    public string? MeterNumber { get; set; }

    [BindProperty]
    public string? ReadingDate { get; set; }

    [BindProperty]
    public decimal? ReadingValue { get; set; }

    [BindProperty]
    public string? ReadingKindEntered { get; set; }

    /// <summary>Why a reading is entered or corrected, or why an unusual consumption is right (kept in the audit).</summary>
    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? HoldId { get; set; }

    /// <summary>Made when the form is shown: sending the form twice (a double click, a reload) bills once.</summary>
    [BindProperty]
    public string RequestKey { get; set; } = string.Empty;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    public ContractOverview Overview { get; private set; } = null!;

    public string CustomerName => Overview.Customer.DisplayName;

    public string CustomerNumber => Overview.Customer.CustomerNumber;

    public string Address => Overview.PremiseAddress;

    public Commodity Commodity => Overview.Contract.Commodity;

    public string TariffName => Overview.TariffName;

    public DateOnly StartDate => Overview.Contract.StartDate;

    public DateOnly? EndDate => Overview.Contract.EndDate;

    public string ContractAccountNumber => Overview.Contract.ContractAccountNumber;

    public int CurrentVersion => Overview.Contract.Version;

    public bool HasMandate => Overview.Contract.BankAccount is not null;

    public string? Installment => Overview.Contract.InstallmentPlan is { } plan
        ? Ui.Say($"{German.Euro(plan.Amount)} monatlich, {plan.Count}× ab {German.Date(plan.FirstDue)}", $"{German.Euro(plan.Amount)} monthly, {plan.Count}× from {German.Date(plan.FirstDue)}")
        : null;

    public IReadOnlyList<IssuedBill> Bills => Overview.Bills;

    public IReadOnlySet<Guid> CancelledBills => Overview.CancelledBills;

    /// <summary>Where each bill's letter is, in words (queued, e-mailed, waiting for print, printed).</summary>
    public IReadOnlyDictionary<Guid, string> Dispatch { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> Settlements { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyList<LedgerRow> Ledger { get; private set; } = [];

    public decimal Balance => Overview.Balance;

    public IReadOnlyList<Core.Accounts.ScheduledDebit> Collections => Overview.Collections;

    /// <summary>The open items of the account (Offene Posten), with what was allocated to each.</summary>
    public Core.Accounts.OpenItemsView OpenItems => Overview.OpenItems;

    /// <summary>The contract's payouts of credits, newest first, with the bill they come from.</summary>
    public IReadOnlyList<Stadtwerk.Infrastructure.Payments.PayoutRow> Payouts => Overview.Payouts;

    /// <summary>The contract's SEPA collection entries, the bills' balances and the collection runs' installments, newest due first.</summary>
    public IReadOnlyList<Core.Accounts.DirectDebit> Debits => Overview.Debits;

    /// <summary>The dunning letters sent for the contract, newest first.</summary>
    public IReadOnlyList<DunningNoticeRow> DunningNotices => Overview.DunningNotices;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var overview = await overviews.LoadAsync(ContractNumber, ct);
        if (overview is null)
        {
            return NotFound();
        }

        Show(overview);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsoDate.TryParse(From, out var from) || !IsoDate.TryParse(To, out var to) || to < from)
        {
            return Done((Ui.Say("Bitte einen gültigen Zeitraum angeben (Bis nicht vor Von).", "Please give a valid period (To not before From)."), true));
        }

        var result = await billing.RunAsync(ContractNumber, BillingPeriod.Create(from, to), "page-" + RequestKey, ct, issuedBy: UserName);
        return Done(ContractActionMessages.Billed(result));
    }

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct) =>
        Done(ContractActionMessages.Cancelled(await cancel.RunAsync(BillNumber ?? string.Empty, "page-" + RequestKey, ct)));

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct) =>
        Done(ContractActionMessages.Corrected(await correct.RunAsync(BillNumber ?? string.Empty, ct, UserName)));

    public async Task<IActionResult> OnPostInstallmentAsync(CancellationToken ct) =>
        Done(ContractActionMessages.InstallmentChanged(
            await changeInstallment.RunAsync(ContractNumber, NewAmount ?? -1m, ChangeChannel.Clerk, UserName, ContractVersion, ct)));

    public async Task<IActionResult> OnPostMoveOutAsync(CancellationToken ct)
    {
        if (!IsoDate.TryParse(MoveOutDate, out var lastDay))
        {
            return Done((Ui.Say("Bitte den Auszugstag angeben.", "Please give the move-out day."), true));
        }

        var result = await moveOut.RunAsync(ContractNumber, new MoveOutRequest(lastDay, FinalReading, Core.Metering.ReadingSource.Agent, null, null, null), ct, UserName);
        return Done(ContractActionMessages.MovedOut(lastDay, result));
    }

    public async Task<IActionResult> OnPostAddReadingAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(MeterNumber) || !IsoDate.TryParse(ReadingDate, out var date) || ReadingValue is not { } value)
        {
            return Done((Ui.Say("Bitte Zähler, Datum und Stand angeben.", "Please give the meter, the date and the reading."), true));
        }

        if (!await IsMeterOfContractAsync(MeterNumber, ct))
        {
            return Done((Ui.Say("Dieser Zähler gehört nicht zu diesem Vertrag.", "This meter does not belong to this contract."), true));
        }

        var kind = Enum.TryParse<Core.Metering.ReadingKind>(ReadingKindEntered, out var k) ? k : Core.Metering.ReadingKind.Actual;
        var result = await readings.AddAsync(MeterNumber, date, value, kind, Core.Metering.ReadingSource.Agent, Reason ?? string.Empty, UserName, ct);
        return Done(ContractActionMessages.ReadingSaved(result, corrected: false));
    }

    public async Task<IActionResult> OnPostCorrectReadingAsync(CancellationToken ct)
    {
        var parts = (ReadingToCorrect ?? string.Empty).Split('|');
        if (parts.Length != 3 || !IsoDate.TryParse(parts[1], out var date) || !int.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var version) || ReadingValue is not { } value)
        {
            return Done((Ui.Say("Bitte den Zählerstand wählen und den richtigen Wert angeben.", "Please choose the reading and give the right value."), true));
        }

        if (!await IsMeterOfContractAsync(parts[0], ct))
        {
            return Done((Ui.Say("Dieser Zähler gehört nicht zu diesem Vertrag.", "This meter does not belong to this contract."), true));
        }

        var result = await readings.CorrectAsync(parts[0], date, value, kind: null, Core.Metering.ReadingSource.Agent, version, Reason ?? string.Empty, UserName, ct);
        return Done(ContractActionMessages.ReadingSaved(result, corrected: true));
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct) =>
        Done(ContractActionMessages.ConsumptionConfirmed(await confirmConsumption.RunAsync(ContractNumber, HoldId ?? Guid.Empty, Reason, UserName, ct)));

    public async Task<IActionResult> OnPostSettlementAsync(CancellationToken ct)
    {
        if (BillNumber is null || !Enum.TryParse<Core.Accounts.SettlementKind>(SettlementKind, out var kind))
        {
            return Done((Ui.Say("Bitte Rechnung und Art der Vereinbarung wählen.", "Please choose the bill and the kind of arrangement."), true));
        }

        DateOnly? firstDue = IsoDate.TryParse(SettlementFirstDue, out var due) ? due : null;
        return Done(ContractActionMessages.SettlementAgreed(await agreeSettlement.RunAsync(BillNumber, kind, SettlementParts ?? 0, firstDue, UserName, ct)));
    }

    private string UserName => User.Identity?.Name ?? "unknown";

    /// <summary>Whether the meter is one of this contract's (a form posts only what the page offered, but a person may edit it).</summary>
    private async Task<bool> IsMeterOfContractAsync(string meterNumber, CancellationToken ct) =>
        (await overviews.MetersAsync(ContractNumber, ct)).Contains(meterNumber);

    private RedirectToPageResult Done((string Text, bool IsError) outcome)
    {
        (Message, MessageIsError) = outcome;
        return RedirectToPage(new { ContractNumber });
    }

    private void Show(ContractOverview overview)
    {
        Overview = overview;
        RequestKey = Guid.NewGuid().ToString("N");
        Dispatch = overview.Letters
            .Select(l => (l.Key, Text: ContractActionMessages.Letter(l.Value)))
            .Where(l => l.Text is not null)
            .ToDictionary(l => l.Key, l => l.Text!);
        Settlements = overview.Settlements.ToDictionary(s => s.Key, s => ContractActionMessages.Settlement(s.Value));
        Ledger = [.. overview.Statement.Select(l => new LedgerRow(l.BookedOn, German.Ledger(l.Kind), l.Note is null ? l.Reference : $"{l.Reference} · {l.Note}", l.Amount, l.Balance))];
        // A held period is the one to bill again once the data is right; else the year after the last bill.
        var lastEnd = overview.LastBilledEnd;
        if (overview.OpenHolds is [var held, ..])
        {
            From = held.PeriodStart.ToIso();
            To = held.PeriodEnd.ToIso();
        }
        else
        {
            From = (lastEnd?.AddDays(1) ?? new DateOnly(2021, 1, 1)).ToIso();
            To = (lastEnd?.AddYears(1) ?? new DateOnly(2021, 12, 31)).ToIso();
        }
    }
}
