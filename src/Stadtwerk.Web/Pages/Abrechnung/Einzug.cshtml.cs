using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>The open collection entries of one due date.</summary>
public sealed record OpenDebitsOfDay(DateOnly DueOn, int Count, decimal Amount);

/// <summary>A collection entry that did not go through: refused by the bank, returned by the payer's bank, or taken back.</summary>
public sealed record FailedDebitRow(string ContractNumber, DirectDebitKind Kind, DateOnly DueOn, decimal Amount, DirectDebitStatus Status, string? Reason, string Reference, string MandateReference);

/// <summary>
/// Direct debits (Einzug): the collection run of a due date with its SEPA direct-debit file (pain.008), or the run
/// alone; the runs and files made so far, the entries still open per due date and those that did not go through.
/// Every action redirects back to the page with its outcome (post-redirect-get), so a reload repeats nothing.
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class CollectionModel(StadtwerkDbContext db, StartCollectionRun collection, CreateDirectDebitFile directDebitFile, TimeProvider clock) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    /// <summary>The date the forms propose: the next due date with open entries, else the next month's end still to come.</summary>
    public DateOnly ProposedDate { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<CollectionRun> Runs { get; private set; } = [];

    public IReadOnlyList<DirectDebitFile> Files { get; private set; } = [];

    public IReadOnlyList<OpenDebitsOfDay> OpenByDay { get; private set; } = [];

    public IReadOnlyList<FailedDebitRow> Failed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The collection run of the date and then its direct-debit file.</summary>
    public async Task<IActionResult> OnPostFileAsync(string? collectionDate, CancellationToken ct)
    {
        if (!IsoDate.TryParse(collectionDate, out var date))
        {
            return Done("Bitte das Einzugsdatum (Fälligkeit) angeben.", true);
        }

        var result = await directDebitFile.RunAsync(date, UserName, ct);
        return result switch
        {
            DirectDebitFileResult.Created created => Done(
                $"Datei {created.File.MessageId}: {MoneyTexts.Count(created.File.Transactions, "Lastschrift", "Lastschriften")} ({German.Number(created.File.First)} FRST, {German.Number(created.File.Recurring)} RCUR), {German.Euro(created.File.ControlSum)}; Einzugslauf: {MoneyTexts.Collection(created.Collection)}.",
                false),
            DirectDebitFileResult.NothingDue nothing => Done($"Für den {German.Date(date)} ist keine Lastschrift offen. Einzugslauf: {MoneyTexts.Collection(nothing.Collection)}.", false),
            DirectDebitFileResult.Invalid invalid => Done($"Keine Datei erstellt: {string.Join(" ", invalid.Errors.Select(e => MoneyTexts.SepaError(e, date)))}", true),
            DirectDebitFileResult.Conflict => Done($"Keine Datei erstellt: Die Lastschriften des {German.Date(date)} hat gerade jemand anderes in eine Datei gestellt. Die Datei steht in der Liste unten.", true),
            _ => Done("Unbekanntes Ergebnis.", true),
        };
    }

    /// <summary>The collection run alone: installment requests and collection entries, no file.</summary>
    public async Task<IActionResult> OnPostRunAsync(string? dueOn, CancellationToken ct)
    {
        if (!IsoDate.TryParse(dueOn, out var date))
        {
            return Done("Bitte die Fälligkeit angeben.", true);
        }

        var run = await collection.RunAsync(date, UserName, ct);
        return Done(
            $"Einzugslauf für den {German.Date(date)}: {MoneyTexts.Count(run.Contracts, "Vertrag", "Verträge")}, {MoneyTexts.Count(run.Requests, "Abschlagsanforderung", "Abschlagsanforderungen")}, {MoneyTexts.Count(run.Debits, "Lastschrift", "Lastschriften")} über {German.Euro(run.DebitAmount)}, {MoneyTexts.Count(run.ExpiredMandates, "Mandat verfallen", "Mandate verfallen")}, {German.Number(run.AlreadyDone)} schon erledigt.",
            false);
    }

    private string UserName => User.Identity?.Name ?? "unknown";

    private RedirectToPageResult Done(string message, bool isError)
    {
        (Message, MessageIsError) = (message, isError);
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = UtilityCalendar.Today(clock.GetUtcNow());
        // Newest first by id: ids are version 7 GUIDs, in the order they were made (SQLite cannot order by DateTimeOffset).
        Runs = await db.CollectionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(50).ToListAsync(ct);
        Files = await db.DirectDebitFiles.AsNoTracking().OrderByDescending(f => f.Id).Take(50).ToListAsync(ct);

        // Few due dates, many entries: counted per date in the database, summed there too (SQLite cannot sum decimals: in memory).
        var open = db.DirectDebits.AsNoTracking().Where(d => d.Status == DirectDebitStatus.Open);
        if (db.Database.IsNpgsql())
        {
            OpenByDay = await open.GroupBy(d => d.DueOn).OrderBy(g => g.Key)
                .Select(g => new OpenDebitsOfDay(g.Key, g.Count(), g.Sum(d => d.Amount))).Take(100).ToListAsync(ct);
        }
        else
        {
            OpenByDay = [.. (await open.Select(d => new { d.DueOn, d.Amount }).ToListAsync(ct))
                .GroupBy(d => d.DueOn).OrderBy(g => g.Key).Take(100)
                .Select(g => new OpenDebitsOfDay(g.Key, g.Count(), g.Sum(d => d.Amount)))];
        }

        Failed = await (from d in db.DirectDebits.AsNoTracking()
                        where d.Status == DirectDebitStatus.Rejected || d.Status == DirectDebitStatus.Returned || d.Status == DirectDebitStatus.Withdrawn
                        join c in db.Contracts on d.ContractId equals c.Id
                        orderby d.DueOn descending, d.Id descending
                        select new FailedDebitRow(c.ContractNumber, d.Kind, d.DueOn, d.Amount, d.Status, d.RejectionReason, d.Reference, d.MandateReference))
            .Take(100).ToListAsync(ct);

        var nextOpen = OpenByDay.Where(o => o.DueOn > Today).Select(o => (DateOnly?)o.DueOn).FirstOrDefault();
        var monthEnd = Today.LastDayOfMonth();
        ProposedDate = nextOpen ?? (monthEnd > Today ? monthEnd : Today.AddMonths(1).LastDayOfMonth());
    }
}

/// <summary>German words for the money loop's pages: statuses, levels, counts and the back end's messages.</summary>
public static class MoneyTexts
{
    /// <summary>"1 Vertrag", "2.000 Verträge".</summary>
    public static string Count(long count, string one, string many) => $"{German.Number(count)} {(count == 1 ? one : many)}";

    /// <summary>What a collection run did: "2.000 Verträge, 1.800 Abschlagsanforderungen, 3 Mandate verfallen".</summary>
    public static string Collection(CollectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{Count(run.Contracts, "Vertrag", "Verträge")}, {Count(run.Requests, "Abschlagsanforderung", "Abschlagsanforderungen")}, {Count(run.ExpiredMandates, "Mandat verfallen", "Mandate verfallen")}";
    }

    /// <summary>The back end's reason a file was not made, in German (SEPA creditor data, the date).</summary>
    public static string SepaError(FieldError error, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Field switch
        {
            "collectionDate" => $"Der {German.Date(date)} liegt nicht nach heute; die Bank braucht die Datei mindestens einen Bankarbeitstag vor dem Einzugsdatum.",
            "executionDate" => $"Der {German.Date(date)} liegt in der Vergangenheit.",
            "Sepa:CreditorName" => "Der Name des Stadtwerks als Zahlungsempfänger ist nicht eingerichtet (Konfiguration Sepa:CreditorName).",
            "Sepa:CreditorId" => $"Die Gläubiger-Identifikationsnummer fehlt oder ist ungültig (Konfiguration Sepa:CreditorId: {error.Message}).",
            "Sepa:Iban" => $"Die IBAN des Stadtwerks fehlt oder ist ungültig (Konfiguration Sepa:Iban: {error.Message}).",
            "Sepa:Bic" => $"Die BIC des Stadtwerks ist ungültig (Konfiguration Sepa:Bic: {error.Message}).",
            _ => $"{error.Field}: {EngineText.Localize(error.Text)}",
        };
    }

    public static string DebitStatus(DirectDebitStatus status) => status switch
    {
        DirectDebitStatus.Open => "offen",
        DirectDebitStatus.Submitted => "an die Bank übermittelt",
        DirectDebitStatus.Rejected => "von der Bank abgelehnt",
        DirectDebitStatus.Returned => "Rücklastschrift",
        DirectDebitStatus.Withdrawn => "zurückgezogen",
        _ => status.ToString(),
    };

    public static string DebitKind(DirectDebitKind kind) => kind == DirectDebitKind.Installment ? "Abschlag" : "Nachzahlung";

    public static string PayoutStatus(CreditTransferStatus status) => status switch
    {
        CreditTransferStatus.Open => "Offen",
        CreditTransferStatus.AwaitingApproval => "Wartet auf Freigabe",
        CreditTransferStatus.WaitingForIban => "Wartet auf IBAN",
        CreditTransferStatus.Submitted => "Übermittelt",
        CreditTransferStatus.Booked => "Gebucht",
        CreditTransferStatus.Withdrawn => "Zurückgezogen",
        _ => status.ToString(),
    };

    public static string Level(DunningLevel level) => level switch
    {
        DunningLevel.Reminder => "Zahlungserinnerung",
        DunningLevel.Notice => "Mahnung",
        DunningLevel.DisconnectionThreat => "Androhung der Unterbrechung",
        DunningLevel.DisconnectionAnnouncement => "Ankündigung der Unterbrechung",
        _ => level.ToString(),
    };

    public static string ItemKind(OpenItemKind kind) => kind switch
    {
        OpenItemKind.Installment => "Abschlag",
        OpenItemKind.Bill => "Rechnung",
        OpenItemKind.SettlementPart => "Rate",
        OpenItemKind.DunningFee => "Mahngebühr",
        OpenItemKind.Uncovered => "nicht gedeckt",
        _ => kind.ToString(),
    };

    public static string ItemStatus(OpenItemStatus status) => status switch
    {
        OpenItemStatus.NotDue => "nicht fällig",
        OpenItemStatus.Open => "fällig",
        OpenItemStatus.Overdue => "überfällig",
        OpenItemStatus.Settled => "bezahlt",
        _ => status.ToString(),
    };

    /// <summary>An IBAN with all but its last four characters hidden, in groups of four: "•••• •••• •••• •••• ••30 00".</summary>
    public static string MaskedIban(string? iban)
    {
        if (string.IsNullOrWhiteSpace(iban))
        {
            return "–";
        }

        var compact = iban.Replace(" ", string.Empty, StringComparison.Ordinal);
        var visible = Math.Min(4, compact.Length);
        var masked = new string('•', compact.Length - visible) + compact[^visible..];
        return string.Join(' ', masked.Chunk(4).Select(c => new string(c)));
    }
}
