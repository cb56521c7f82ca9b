using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record LedgerRow(DateOnly BookedOn, string Kind, string Reference, decimal Amount, decimal Balance);

/// <summary>A contract seen by the billing clerk: its bills, its account, and the button that issues the annual bill.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class ContractBillingModel(StadtwerkDbContext db, BillContract billing, CancelBill cancel, CorrectBill correct, MoveOut moveOut, ChangeInstallment changeInstallment, AgreeSettlement agreeSettlement, Stadtwerk.Infrastructure.Documents.BillDispatch dispatch, Stadtwerk.Infrastructure.Payments.ContractAccounts accounts) : PageModel
{
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

    public int CurrentVersion { get; private set; }

    public IReadOnlySet<Guid> CancelledBills { get; private set; } = new HashSet<Guid>();

    /// <summary>Where each bill's letter is, in words (queued, e-mailed, waiting for print, printed).</summary>
    public IReadOnlyDictionary<Guid, string> Dispatch { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> Settlements { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnPostCancelAsync(CancellationToken ct)
    {
        var result = await cancel.RunAsync(BillNumber ?? string.Empty, "page-" + RequestKey, ct);
        (Message, MessageIsError) = result switch
        {
            CancelBillResult.Cancelled done => ($"Rechnung {done.Original.Number} storniert mit Stornobeleg {done.Cancellation.Number}.", false),
            CancelBillResult.Conflict conflict => ($"Nicht storniert: {conflict.Message}", true),
            _ => ("Rechnung nicht gefunden.", true),
        };
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        var result = await correct.RunAsync(BillNumber ?? string.Empty, ct, User.Identity?.Name);
        (Message, MessageIsError) = result switch
        {
            CorrectBillResult.Corrected done => ($"Rechnung {done.Original.Number} storniert ({done.Cancellation.Number}) und neu berechnet: Rechnung {done.NewBill.Number}, Saldo {German.Euro(done.NewBill.Balance)}.", false),
            CorrectBillResult.Held held => ($"Nicht korrigiert, die neue Rechnung wäre zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {held.Hold.Details}", true),
            CorrectBillResult.Refused refused => ($"Nicht korrigiert: {refused.Message}", true),
            _ => ("Rechnung nicht gefunden.", true),
        };
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostInstallmentAsync(CancellationToken ct)
    {
        var result = await changeInstallment.RunAsync(ContractNumber, NewAmount ?? -1m, ChangeChannel.Clerk, User.Identity?.Name ?? "unknown", ContractVersion, ct);
        (Message, MessageIsError) = result switch
        {
            InstallmentChangeResult.Changed { Change.Status: InstallmentChangeStatus.Applied } changed =>
                ($"Abschlag ab {German.Date(changed.Change.EffectiveFrom)}: {German.Euro(changed.Change.NewAmount)} (vorher {German.Euro(changed.Change.OldAmount)}).", false),
            InstallmentChangeResult.Changed changed =>
                ($"Die Senkung auf {German.Euro(changed.Change.NewAmount)} liegt unter 80 % des berechneten Abschlags und wartet auf Freigabe.", false),
            InstallmentChangeResult.Invalid invalid => ($"Abschlag nicht geändert: {invalid.Errors[0].Message}", true),
            InstallmentChangeResult.Stale => ("Jemand anderes hat den Vertrag gerade geändert. Bitte die Änderung wiederholen.", true),
            _ => ("Vertrag nicht gefunden.", true),
        };
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostMoveOutAsync(CancellationToken ct)
    {
        if (!IsoDate.TryParse(MoveOutDate, out var lastDay))
        {
            (Message, MessageIsError) = ("Bitte den Auszugstag angeben.", true);
            return await ReloadAsync(ct);
        }

        var result = await moveOut.RunAsync(ContractNumber, new MoveOutRequest(lastDay, FinalReading, Core.Metering.ReadingSource.Agent, null, null, null), ct, User.Identity?.Name);
        (Message, MessageIsError) = result switch
        {
            MoveOutResult.Done { FinalBill: BillContractResult.Issued issued } => ($"Auszug zum {German.Date(lastDay)}: Schlussrechnung {issued.Bill.Number}, Saldo {German.Euro(issued.Bill.Balance)}.", false),
            MoveOutResult.Done { FinalBill: BillContractResult.Held held } => ($"Auszug zum {German.Date(lastDay)} erfasst; die Schlussrechnung ist zur Klärung zurückgestellt: {held.Hold.Details}", true),
            MoveOutResult.Done => ($"Auszug zum {German.Date(lastDay)} erfasst.", false),
            MoveOutResult.Invalid invalid => ($"Auszug nicht möglich: {string.Join("; ", invalid.Errors.Select(e => e.Message))}", true),
            MoveOutResult.Conflict conflict => ($"Auszug nicht möglich: {conflict.Message}", true),
            _ => ("Vertrag nicht gefunden.", true),
        };
        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostSettlementAsync(CancellationToken ct)
    {
        if (BillNumber is null || !Enum.TryParse<Core.Accounts.SettlementKind>(SettlementKind, out var kind))
        {
            (Message, MessageIsError) = ("Bitte Rechnung und Art der Vereinbarung wählen.", true);
            return await ReloadAsync(ct);
        }

        DateOnly? firstDue = IsoDate.TryParse(SettlementFirstDue, out var due) ? due : null;
        var result = await agreeSettlement.RunAsync(BillNumber, kind, SettlementParts ?? 0, firstDue, User.Identity?.Name ?? "unknown", ct);
        (Message, MessageIsError) = result switch
        {
            SettlementResult.Agreed agreed => ($"Vereinbarung für Rechnung {agreed.BillNumber}: {SettlementText(agreed.Settlement)}.", false),
            SettlementResult.Invalid invalid => ($"Keine Vereinbarung: {string.Join("; ", invalid.Errors.Select(e => e.Message))}", true),
            SettlementResult.Conflict conflict => ($"Keine Vereinbarung: {conflict.Message}", true),
            _ => ("Rechnung nicht gefunden.", true),
        };
        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct)
    {
        RequestKey = Guid.NewGuid().ToString("N");
        From = null;
        To = null;
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<Dictionary<Guid, string>> DispatchTextsAsync(List<Guid> billIds, CancellationToken ct) =>
        (await dispatch.StatesAsync(billIds, ct)).Where(s => s.Value.State != Stadtwerk.Infrastructure.Documents.LetterState.None).ToDictionary(s => s.Key, s => s.Value.State switch
        {
            Stadtwerk.Infrastructure.Documents.LetterState.Queued => "Brief wartet auf Versand",
            Stadtwerk.Infrastructure.Documents.LetterState.Failed => $"Brief konnte nicht erstellt werden: {s.Value.LastError}",
            Stadtwerk.Infrastructure.Documents.LetterState.Email when s.Value.Emails.Where(e => e.SentAt != null).Select(e => e.SentAt!.Value).DefaultIfEmpty().Max() is var sent && sent != default => $"per E-Mail gesendet {German.DateTime(sent)}",
            Stadtwerk.Infrastructure.Documents.LetterState.Email => "E-Mail wartet auf Versand",
            Stadtwerk.Infrastructure.Documents.LetterState.Printed => $"gedruckt (Druckstapel {s.Value.PrintBatch})",
            _ => "wartet auf den Druck",
        });

    public static string SettlementText(Core.Accounts.BalanceSettlement s) => s.Kind switch
    {
        Core.Accounts.SettlementKind.Instalments => $"{s.Parts} Raten ab {German.Date(s.FirstDue)}",
        Core.Accounts.SettlementKind.Deferral => $"gestundet bis {German.Date(s.FirstDue)}",
        Core.Accounts.SettlementKind.Refund => $"Erstattung bis {German.Date(s.FirstDue)}",
        _ => "Verrechnung mit den nächsten Abschlägen",
    };
    [BindProperty(SupportsGet = true)]
    public string ContractNumber { get; set; } = string.Empty;

    [BindProperty]
    public string? From { get; set; }

    [BindProperty]
    public string? To { get; set; }

    /// <summary>Made when the form is shown: sending the form twice (a double click, a reload) bills once.</summary>
    [BindProperty]
    public string RequestKey { get; set; } = string.Empty;

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public string CustomerName { get; private set; } = string.Empty;

    public string CustomerNumber { get; private set; } = string.Empty;

    public string Address { get; private set; } = string.Empty;

    public Commodity Commodity { get; private set; }

    public string TariffName { get; private set; } = string.Empty;

    public DateOnly StartDate { get; private set; }

    public DateOnly? EndDate { get; private set; }

    public string ContractAccountNumber { get; private set; } = string.Empty;

    public string? Installment { get; private set; }

    public IReadOnlyList<IssuedBill> Bills { get; private set; } = [];

    public IReadOnlyList<LedgerRow> Ledger { get; private set; } = [];

    public decimal Balance { get; private set; }

    public IReadOnlyList<Core.Accounts.ScheduledDebit> Collections { get; private set; } = [];

    /// <summary>The open items of the account (Offene Posten), with what was allocated to each.</summary>
    public Core.Accounts.OpenItemsView? OpenItems { get; private set; }

    /// <summary>The contract's payouts of credits, newest first, with the bill they come from.</summary>
    public IReadOnlyList<Stadtwerk.Infrastructure.Payments.PayoutRow> Payouts { get; private set; } = [];

    /// <summary>The contract's SEPA collection entries, the bills' balances and the collection runs' installments, newest due first.</summary>
    public IReadOnlyList<Core.Accounts.DirectDebit> Debits { get; private set; } = [];

    public bool HasMandate { get; private set; }

    /// <summary>The dunning letters sent for the contract, newest first.</summary>
    public IReadOnlyList<DunningNoticeRow> DunningNotices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        RequestKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!IsoDate.TryParse(From, out var from) || !IsoDate.TryParse(To, out var to) || to < from)
        {
            (Message, MessageIsError) = ("Bitte einen gültigen Zeitraum angeben (Bis nicht vor Von).", true);
        }
        else
        {
            var result = await billing.RunAsync(ContractNumber, BillingPeriod.Create(from, to), "page-" + RequestKey, ct, issuedBy: User.Identity?.Name);
            (Message, MessageIsError) = result switch
            {
                BillContractResult.Issued { Repeated: false } issued => ($"Rechnung {issued.Bill.Number} erstellt: Saldo {German.Euro(issued.Bill.Balance)}.", false),
                BillContractResult.Issued issued => ($"Rechnung {issued.Bill.Number} war schon erstellt.", false),
                BillContractResult.Held held => ($"Zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {held.Hold.Details}", true),
                BillContractResult.Conflict conflict => ($"Nicht erstellt: {conflict.Message}", true),
                BillContractResult.Invalid invalid => ($"Nicht erstellt: {invalid.Message}", true),
                BillContractResult.NotFound => ("Vertrag nicht gefunden.", true),
                _ => ("Unbekanntes Ergebnis.", true),
            };
        }

        return await ReloadAsync(ct);
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == ContractNumber, ct);
        if (contract is null)
        {
            return false;
        }

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == contract.CustomerId, ct);
        var premise = await db.Premises.AsNoTracking().SingleAsync(p => p.Id == contract.PremiseId, ct);
        var tariff = await db.Tariffs.AsNoTracking().SingleAsync(t => t.Id == contract.TariffId, ct);
        CustomerName = customer.DisplayName;
        CustomerNumber = customer.CustomerNumber;
        Address = premise.Address.ToString();
        Commodity = contract.Commodity;
        TariffName = tariff.Name;
        StartDate = contract.StartDate;
        EndDate = contract.EndDate;
        ContractAccountNumber = contract.ContractAccountNumber;
        HasMandate = contract.BankAccount is not null;
        Installment = contract.InstallmentPlan is { } plan
            ? $"{German.Euro(plan.Amount)} monatlich, {plan.Count}× ab {German.Date(plan.FirstDue)}"
            : null;
        Bills = [.. (await db.IssuedBills.AsNoTracking().Where(b => b.ContractId == contract.Id).ToListAsync(ct)).OrderByDescending(b => b.PeriodEnd).ThenByDescending(b => b.Id)];
        CancelledBills = Bills.Where(b => b.Kind == BillKind.Cancellation && b.ReferencesBillId is not null).Select(b => b.ReferencesBillId!.Value).ToHashSet();
        var billIds = Bills.Select(b => b.Id).ToList();
        Settlements = (await db.BalanceSettlements.AsNoTracking().Where(s => billIds.Contains(s.BillId)).ToListAsync(ct)).ToDictionary(s => s.BillId, SettlementText);
        Dispatch = await DispatchTextsAsync(billIds, ct);
        CurrentVersion = contract.Version;
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.ContractId == contract.Id).ToListAsync(ct);
        var statement = Core.Accounts.AccountStatement.Of(entries);
        var rows = statement.Select(l => new LedgerRow(l.BookedOn, German.Ledger(l.Kind), l.Note is null ? l.Reference : $"{l.Reference} · {l.Note}", l.Amount, l.Balance)).ToList();
        var balance = statement.Count > 0 ? statement[^1].Balance : 0m;
        Ledger = rows;
        var settlements = await db.ActiveSettlements(contract.Id).ToListAsync(ct);
        Collections = Core.Accounts.CollectionSchedule.From(contract.InstallmentPlan, settlements, Infrastructure.UtilityCalendar.Today(DateTimeOffset.UtcNow));
        Balance = balance;
        OpenItems = (await accounts.OfAsync(contract.ContractNumber, ct))?.OpenItems;
        Payouts = await (from t in db.CreditTransfers.AsNoTracking()
                         where t.ContractId == contract.Id
                         join b in db.IssuedBills on t.BillId equals b.Id into bills
                         from b in bills.DefaultIfEmpty()
                         orderby t.ExecuteOn descending, t.Id descending
                         select new Stadtwerk.Infrastructure.Payments.PayoutRow(t, contract.ContractNumber, b == null ? null : b.Number)).ToListAsync(ct);
        Debits = await db.DirectDebits.AsNoTracking().Where(d => d.ContractId == contract.Id).OrderByDescending(d => d.DueOn).ThenByDescending(d => d.Id).Take(50).ToListAsync(ct);
        DunningNotices = await db.DunningNotices.AsNoTracking().Where(n => n.ContractId == contract.Id)
            .OrderByDescending(n => n.Id) // version 7 GUIDs: newest first (SQLite cannot order by DateTimeOffset)
            .Select(n => new DunningNoticeRow(n.Id, contract.ContractNumber, n.Level, n.IssuedOn, n.Arrears, n.Fee, n.PayBy, n.DisconnectionFrom, n.SentBy)).ToListAsync(ct);
        var lastEnd = Bills.Where(b => b.Kind != BillKind.Cancellation && !CancelledBills.Contains(b.Id)).Select(b => (DateOnly?)b.PeriodEnd).Max();
        From ??= (lastEnd?.AddDays(1) ?? new DateOnly(2021, 1, 1)).ToIso();
        To ??= (lastEnd?.AddYears(1) ?? new DateOnly(2021, 12, 31)).ToIso();
        return true;
    }
}
