using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

public sealed record LedgerRow(DateOnly BookedOn, string Kind, string Reference, decimal Amount, decimal Balance);

/// <summary>A contract seen by the billing clerk: its bills, its account, and the button that issues the annual bill.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class ContractBillingModel(StadtwerkDbContext db, BillContract billing) : PageModel
{
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
            var result = await billing.RunAsync(ContractNumber, BillingPeriod.Create(from, to), "page-" + RequestKey, ct);
            (Message, MessageIsError) = result switch
            {
                BillContractResult.Issued { Repeated: false } issued => ($"Rechnung {issued.Bill.Number} erstellt: Saldo {German.Euro(issued.Bill.Balance)}.", false),
                BillContractResult.Issued issued => ($"Rechnung {issued.Bill.Number} war schon erstellt.", false),
                BillContractResult.Held held => ($"Zur Klärung zurückgestellt: {German.Hold(held.Hold.Reason)} – {held.Hold.Details}", true),
                BillContractResult.Conflict conflict => ($"Nicht erstellt: {conflict.Message}", true),
                BillContractResult.NotFound => ("Vertrag nicht gefunden.", true),
                _ => ("Unbekanntes Ergebnis.", true),
            };
        }

        RequestKey = Guid.NewGuid().ToString("N");
        return await LoadAsync(ct) ? Page() : NotFound();
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
        Installment = contract.InstallmentPlan is { } plan
            ? $"{German.Euro(plan.Amount)} monatlich, {plan.Count}× ab {German.Date(plan.FirstDue)}"
            : null;
        Bills = await db.IssuedBills.AsNoTracking().Where(b => b.ContractId == contract.Id).OrderByDescending(b => b.PeriodEnd).ToListAsync(ct);
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.ContractId == contract.Id).ToListAsync(ct);
        var balance = 0m;
        var rows = new List<LedgerRow>();
        foreach (var entry in entries.OrderBy(e => e.BookedOn).ThenBy(e => e.CreatedAt).ThenBy(e => e.Id))
        {
            balance += entry.Amount;
            rows.Add(new LedgerRow(entry.BookedOn, German.Ledger(entry.Kind), entry.Reference, entry.Amount, balance));
        }

        Ledger = rows;
        Balance = balance;
        var lastEnd = Bills.Count > 0 ? Bills[0].PeriodEnd : (DateOnly?)null;
        From ??= (lastEnd?.AddDays(1) ?? new DateOnly(2021, 1, 1)).ToIso();
        To ??= (lastEnd?.AddYears(1) ?? new DateOnly(2021, 12, 31)).ToIso();
        return true;
    }
}
