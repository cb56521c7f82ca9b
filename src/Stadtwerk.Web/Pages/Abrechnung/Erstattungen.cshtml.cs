using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>The payouts of one status, as the page shows them; <paramref name="More"/>: there are more than shown.</summary>
public sealed record PayoutGroup(CreditTransferStatus Status, IReadOnlyList<PayoutRow> Rows, bool More);

/// <summary>
/// Refunds (Erstattungen): the payouts of credits by status, their approval by a second person, and the SEPA
/// credit-transfer file (pain.001) of an execution date. Every action redirects back with its outcome (post-redirect-get).
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class PayoutsModel(StadtwerkDbContext db, Payouts payouts, TimeProvider clock) : PageModel
{
    /// <summary>How many payouts of a status the page shows.</summary>
    public const int PerStatus = 200;

    /// <summary>The order of the groups: what needs a clerk first, the history last.</summary>
    public static readonly IReadOnlyList<CreditTransferStatus> Order =
    [
        CreditTransferStatus.Open, CreditTransferStatus.AwaitingApproval, CreditTransferStatus.WaitingForIban,
        CreditTransferStatus.Submitted, CreditTransferStatus.Booked, CreditTransferStatus.Withdrawn,
    ];

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<PayoutGroup> Groups { get; private set; } = [];

    public IReadOnlyList<CreditTransferFile> Files { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UtilityCalendar.Today(clock.GetUtcNow());
        var groups = new List<PayoutGroup>();
        foreach (var status in Order)
        {
            var rows = status is CreditTransferStatus.Open or CreditTransferStatus.AwaitingApproval or CreditTransferStatus.WaitingForIban
                ? await payouts.ListAsync(status, PerStatus + 1, ct)
                : await HistoryAsync(status, PerStatus + 1, ct);
            groups.Add(new PayoutGroup(status, [.. rows.Take(PerStatus)], rows.Count > PerStatus));
        }

        Groups = groups;
        // Newest first by id: ids are version 7 GUIDs, in the order they were made (SQLite cannot order by DateTimeOffset).
        Files = await db.CreditTransferFiles.AsNoTracking().OrderByDescending(f => f.Id).Take(50).ToListAsync(ct);
    }

    /// <summary>A second person approves a payout above the limit.</summary>
    public async Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct)
    {
        var user = User.Identity?.Name ?? "unknown";
        var approved = await payouts.ApproveAsync(id, user, ct);
        if (approved.Value is { } payout)
        {
            return Done(Ui.Say(
                $"Auszahlung „{payout.Reference}“ über {German.Euro(payout.Amount)} freigegeben; sie geht mit der nächsten Überweisungsdatei an die Bank.",
                $"Payout “{payout.Reference}” of {German.Euro(payout.Amount)} approved; it goes to the bank with the next credit-transfer file."), false);
        }

        var error = approved.Errors[0];
        return Done(error.Field switch
        {
            "approver" => Ui.Say(
                $"Nicht freigegeben: Diese Auszahlung hat {user} selbst angestoßen; eine zweite Person muss sie freigeben.",
                $"Not approved: {user} requested this payout; a second person must approve it."),
            "status" => Ui.Say("Nicht freigegeben: Diese Auszahlung wartet nicht (mehr) auf Freigabe.", "Not approved: this payout is not (or no longer) awaiting approval."),
            "version" => Ui.Say(
                "Nicht freigegeben: Jemand anderes hat die Auszahlung gerade geändert. Bitte die Liste ansehen und es noch einmal versuchen.",
                "Not approved: someone else has just changed the payout. Please look at the list and try again."),
            "id" => Ui.Say("Diese Auszahlung gibt es nicht.", "This payout does not exist."),
            _ => Ui.Say($"Nicht freigegeben: {EngineText.Localize(error.Text)}", $"Not approved: {EngineText.Localize(error.Text)}"),
        }, true);
    }

    /// <summary>The pain.001 file with every approved payout due by the date.</summary>
    public async Task<IActionResult> OnPostFileAsync(string? executionDate, CancellationToken ct)
    {
        if (!IsoDate.TryParse(executionDate, out var date))
        {
            return Done(Ui.Say("Bitte das Ausführungsdatum angeben.", "Please give the execution date."), true);
        }

        var result = await payouts.CreateFileAsync(date, User.Identity?.Name ?? "unknown", ct);
        return result switch
        {
            CreditTransferFileResult.Created created => Done(
                Ui.Say(
                    $"Überweisungsdatei {created.File.MessageId}: {MoneyTexts.Count(created.File.Transactions, ("Auszahlung", "Auszahlungen"), ("payout", "payouts"))}, {German.Euro(created.File.ControlSum)}, Ausführung am {German.Date(created.File.ExecutionDate)}.",
                    $"Credit-transfer file {created.File.MessageId}: {MoneyTexts.Count(created.File.Transactions, ("Auszahlung", "Auszahlungen"), ("payout", "payouts"))}, {German.Euro(created.File.ControlSum)}, executed on {German.Date(created.File.ExecutionDate)}."),
                false),
            CreditTransferFileResult.NothingDue => Done(
                Ui.Say(
                    $"Bis zum {German.Date(date)} ist keine freigegebene Auszahlung fällig; keine Datei erstellt.",
                    $"No approved payout is due by {German.Date(date)}; no file made."),
                false),
            CreditTransferFileResult.Invalid invalid => Done(
                Ui.Say("Keine Datei erstellt: ", "No file made: ") + string.Join(" ", invalid.Errors.Select(e => MoneyTexts.SepaError(e, date))), true),
            CreditTransferFileResult.Conflict => Done(
                Ui.Say(
                    $"Keine Datei erstellt: Die Auszahlungen bis zum {German.Date(date)} hat gerade jemand anderes in eine Datei gestellt. Die Datei steht in der Liste unten.",
                    $"No file made: someone else has just put the payouts due by {German.Date(date)} into a file. The file is in the list below."),
                true),
            _ => Done(Ui.Say("Unbekanntes Ergebnis.", "Unknown outcome."), true),
        };
    }

    /// <summary>Payouts that went out or were stopped, newest first (the service lists by execution date, oldest first).</summary>
    private async Task<IReadOnlyList<PayoutRow>> HistoryAsync(CreditTransferStatus status, int take, CancellationToken ct) =>
        await (from t in db.CreditTransfers.AsNoTracking()
               where t.Status == status
               join c in db.Contracts on t.ContractId equals c.Id
               join b in db.IssuedBills on t.BillId equals b.Id into bills
               from b in bills.DefaultIfEmpty()
               orderby t.ExecuteOn descending, t.Id descending
               select new PayoutRow(t, c.ContractNumber, b == null ? null : b.Number))
            .Take(take).ToListAsync(ct);

    private RedirectToPageResult Done(string message, bool isError)
    {
        (Message, MessageIsError) = (message, isError);
        return RedirectToPage();
    }
}
