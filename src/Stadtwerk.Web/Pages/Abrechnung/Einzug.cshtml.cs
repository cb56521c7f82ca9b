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
            return Done(Ui.Say("Bitte das Einzugsdatum (Fälligkeit) angeben.", "Please give the collection date (due date)."), true);
        }

        var result = await directDebitFile.RunAsync(date, UserName, ct);
        return result switch
        {
            DirectDebitFileResult.Created created => Done(
                Ui.Say(
                    $"Datei {created.File.MessageId}: {MoneyTexts.DirectDebits(created.File.Transactions)} ({German.Number(created.File.First)} FRST, {German.Number(created.File.Recurring)} RCUR), {German.Euro(created.File.ControlSum)}; Einzugslauf: {MoneyTexts.Collection(created.Collection)}.",
                    $"File {created.File.MessageId}: {MoneyTexts.DirectDebits(created.File.Transactions)} ({German.Number(created.File.First)} FRST, {German.Number(created.File.Recurring)} RCUR), {German.Euro(created.File.ControlSum)}; collection run: {MoneyTexts.Collection(created.Collection)}."),
                false),
            DirectDebitFileResult.NothingDue nothing => Done(
                Ui.Say(
                    $"Für den {German.Date(date)} ist keine Lastschrift offen. Einzugslauf: {MoneyTexts.Collection(nothing.Collection)}.",
                    $"No direct debit is open for {German.Date(date)}. Collection run: {MoneyTexts.Collection(nothing.Collection)}."),
                false),
            DirectDebitFileResult.Invalid invalid => Done(
                Ui.Say("Keine Datei erstellt: ", "No file made: ") + string.Join(" ", invalid.Errors.Select(e => MoneyTexts.SepaError(e, date))), true),
            DirectDebitFileResult.Conflict => Done(
                Ui.Say(
                    $"Keine Datei erstellt: Die Lastschriften des {German.Date(date)} hat gerade jemand anderes in eine Datei gestellt. Die Datei steht in der Liste unten.",
                    $"No file made: someone else has just put the direct debits of {German.Date(date)} into a file. The file is in the list below."),
                true),
            _ => Done(Ui.Say("Unbekanntes Ergebnis.", "Unknown outcome."), true),
        };
    }

    /// <summary>The collection run alone: installment requests and collection entries, no file.</summary>
    public async Task<IActionResult> OnPostRunAsync(string? dueOn, CancellationToken ct)
    {
        if (!IsoDate.TryParse(dueOn, out var date))
        {
            return Done(Ui.Say("Bitte die Fälligkeit angeben.", "Please give the due date."), true);
        }

        var run = await collection.RunAsync(date, UserName, ct);
        return Done(
            Ui.Say(
                $"Einzugslauf für den {German.Date(date)}: {MoneyTexts.Contracts(run.Contracts)}, {MoneyTexts.Requests(run.Requests)}, {MoneyTexts.DirectDebits(run.Debits)} über {German.Euro(run.DebitAmount)}, {MoneyTexts.ExpiredMandates(run.ExpiredMandates)}, {German.Number(run.AlreadyDone)} schon erledigt.",
                $"Collection run for {German.Date(date)}: {MoneyTexts.Contracts(run.Contracts)}, {MoneyTexts.Requests(run.Requests)}, {MoneyTexts.DirectDebits(run.Debits)} totalling {German.Euro(run.DebitAmount)}, {MoneyTexts.ExpiredMandates(run.ExpiredMandates)}, {German.Number(run.AlreadyDone)} done already."),
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

/// <summary>
/// Words for the money loop's pages in the reader's language (<see cref="Ui.Say"/>): statuses, levels, counts and
/// the back end's messages.
/// </summary>
public static class MoneyTexts
{
    /// <summary>"1 Vertrag", "2.000 Verträge" ("1 contract", "2,000 contracts"): the words given in the reader's language.</summary>
    public static string Count(long count, string one, string many) => $"{German.Number(count)} {(count == 1 ? one : many)}";

    /// <summary>Count with the German and the English words: "2.000 Verträge" or "2,000 contracts".</summary>
    public static string Count(long count, (string One, string Many) german, (string One, string Many) english) =>
        German.IsEnglish ? Count(count, english.One, english.Many) : Count(count, german.One, german.Many);

    public static string Contracts(long count) => Count(count, ("Vertrag", "Verträge"), ("contract", "contracts"));

    public static string DirectDebits(long count) => Count(count, ("Lastschrift", "Lastschriften"), ("direct debit", "direct debits"));

    /// <summary>What a collection run did: "2.000 Verträge, 1.800 Abschlagsanforderungen, 3 Mandate verfallen".</summary>
    public static string Collection(CollectionRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return $"{Contracts(run.Contracts)}, {Requests(run.Requests)}, {ExpiredMandates(run.ExpiredMandates)}";
    }

    public static string Requests(long count) => Count(count, ("Abschlagsanforderung", "Abschlagsanforderungen"), ("installment request", "installment requests"));

    public static string ExpiredMandates(long count) => Count(count, ("Mandat verfallen", "Mandate verfallen"), ("mandate expired", "mandates expired"));

    /// <summary>The back end's reason a file was not made (SEPA creditor data, the date).</summary>
    public static string SepaError(FieldError error, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Field switch
        {
            "collectionDate" => Ui.Say(
                $"Der {German.Date(date)} liegt nicht nach heute; die Bank braucht die Datei mindestens einen Bankarbeitstag vor dem Einzugsdatum.",
                $"{German.Date(date)} is not after today; the bank needs the file at least one bank working day before the collection date."),
            "executionDate" => Ui.Say($"Der {German.Date(date)} liegt in der Vergangenheit.", $"{German.Date(date)} is in the past."),
            "Sepa:CreditorName" => Ui.Say(
                "Der Name des Stadtwerks als Zahlungsempfänger ist nicht eingerichtet (Konfiguration Sepa:CreditorName).",
                "The utility's name as payee is not set up (configuration Sepa:CreditorName)."),
            "Sepa:CreditorId" => Ui.Say(
                $"Die Gläubiger-Identifikationsnummer fehlt oder ist ungültig (Konfiguration Sepa:CreditorId: {EngineText.Localize(error.Text)}).",
                $"The creditor identifier is missing or invalid (configuration Sepa:CreditorId: {EngineText.Localize(error.Text)})."),
            "Sepa:Iban" => Ui.Say(
                $"Die IBAN des Stadtwerks fehlt oder ist ungültig (Konfiguration Sepa:Iban: {EngineText.Localize(error.Text)}).",
                $"The utility's IBAN is missing or invalid (configuration Sepa:Iban: {EngineText.Localize(error.Text)})."),
            "Sepa:Bic" => Ui.Say(
                $"Die BIC des Stadtwerks ist ungültig (Konfiguration Sepa:Bic: {EngineText.Localize(error.Text)}).",
                $"The utility's BIC is invalid (configuration Sepa:Bic: {EngineText.Localize(error.Text)})."),
            _ => $"{error.Field}: {EngineText.Localize(error.Text)}",
        };
    }

    public static string DebitStatus(DirectDebitStatus status) => status switch
    {
        DirectDebitStatus.Open => Ui.Say("offen", "open"),
        DirectDebitStatus.Submitted => Ui.Say("an die Bank übermittelt", "sent to the bank"),
        DirectDebitStatus.Rejected => Ui.Say("von der Bank abgelehnt", "rejected by the bank"),
        DirectDebitStatus.Returned => Ui.Say("Rücklastschrift", "returned direct debit"),
        DirectDebitStatus.Withdrawn => Ui.Say("zurückgezogen", "withdrawn"),
        _ => status.ToString(),
    };

    public static string DebitKind(DirectDebitKind kind) => kind == DirectDebitKind.Installment ? Ui.Say("Abschlag", "Installment") : Ui.Say("Nachzahlung", "Amount due");

    public static string PayoutStatus(CreditTransferStatus status) => status switch
    {
        CreditTransferStatus.Open => Ui.Say("Offen", "Open"),
        CreditTransferStatus.AwaitingApproval => Ui.Say("Wartet auf Freigabe", "Awaiting approval"),
        CreditTransferStatus.WaitingForIban => Ui.Say("Wartet auf IBAN", "Waiting for an IBAN"),
        CreditTransferStatus.Submitted => Ui.Say("Übermittelt", "Submitted"),
        CreditTransferStatus.Booked => Ui.Say("Gebucht", "Booked"),
        CreditTransferStatus.Withdrawn => Ui.Say("Zurückgezogen", "Withdrawn"),
        _ => status.ToString(),
    };

    public static string Level(DunningLevel level) => level switch
    {
        DunningLevel.Reminder => Ui.Say("Zahlungserinnerung", "Payment reminder"),
        DunningLevel.Notice => Ui.Say("Mahnung", "Dunning notice"),
        DunningLevel.DisconnectionThreat => Ui.Say("Androhung der Unterbrechung", "Threat of interruption"),
        DunningLevel.DisconnectionAnnouncement => Ui.Say("Ankündigung der Unterbrechung", "Announcement of interruption"),
        _ => level.ToString(),
    };

    public static string ItemKind(OpenItemKind kind) => kind switch
    {
        OpenItemKind.Installment => Ui.Say("Abschlag", "Installment"),
        OpenItemKind.Bill => Ui.Say("Rechnung", "Bill"),
        OpenItemKind.SettlementPart => Ui.Say("Rate", "Part payment"),
        OpenItemKind.DunningFee => Ui.Say("Mahngebühr", "Dunning fee"),
        OpenItemKind.Uncovered => Ui.Say("nicht gedeckt", "not covered"),
        _ => kind.ToString(),
    };

    public static string ItemStatus(OpenItemStatus status) => status switch
    {
        OpenItemStatus.NotDue => Ui.Say("nicht fällig", "not due"),
        OpenItemStatus.Open => Ui.Say("fällig", "due"),
        OpenItemStatus.Overdue => Ui.Say("überfällig", "overdue"),
        OpenItemStatus.Settled => Ui.Say("bezahlt", "paid"),
        _ => status.ToString(),
    };
    /// <summary>
    /// Who did something, as stored: a user name, or "Abrechnungslauf", the name the billing run issues its bills and
    /// requests their payouts under (BillingRunChunkProcessor), which reads "billing run" in English.
    /// </summary>
    public static string Person(string? who) => who switch
    {
        null => "–",
        "Abrechnungslauf" => Ui.Say("Abrechnungslauf", "billing run"),
        _ => who,
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
