using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>A dunning block in force, with its contract.</summary>
public sealed record DunningBlockRow(Guid Id, string ContractNumber, string Reason, DateOnly Until, string SetBy, DateTimeOffset SetAt);


/// <summary>
/// The dunning procedure (Mahnwesen): today's proposals (blocked ones with their block), sending the chosen or all
/// unblocked ones, dunning blocks, and the letters sent. Every action redirects back with its outcome (post-redirect-get).
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class DunningModel(StadtwerkDbContext db, Dunning dunning, TimeProvider clock) : PageModel
{
    /// <summary>How many proposals the page lists ("Alle senden" sends them all).</summary>
    public const int ShownProposals = 500;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<DunningCandidate> Proposals { get; private set; } = [];

    public int ProposalCount { get; private set; }

    public IReadOnlyList<DunningBlockRow> Blocks { get; private set; } = [];

    public IReadOnlyList<DunningNoticeRow> Notices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = UtilityCalendar.Today(clock.GetUtcNow());
        var proposals = await dunning.ProposeAsync(ct);
        ProposalCount = proposals.Count;
        Proposals = [.. proposals.Take(ShownProposals)];
        Blocks = await (from b in db.DunningBlocks.AsNoTracking()
                        where b.LiftedAt == null && b.Until >= Today
                        join c in db.Contracts on b.ContractId equals c.Id
                        orderby b.Until, c.ContractNumber
                        select new DunningBlockRow(b.Id, c.ContractNumber, b.Reason, b.Until, b.SetBy, b.SetAt))
            .Take(1000).ToListAsync(ct);
        Notices = await (from n in db.DunningNotices.AsNoTracking()
                         join c in db.Contracts on n.ContractId equals c.Id
                         orderby n.Id descending // version 7 GUIDs: newest first (SQLite cannot order by DateTimeOffset)
                         select new DunningNoticeRow(n.Id, c.ContractNumber, n.Level, n.IssuedOn, n.Arrears, n.Fee, n.PayBy, n.DisconnectionFrom, n.SentBy))
            .Take(100).ToListAsync(ct);
    }

    /// <summary>Sends the proposals of the contracts ticked.</summary>
    public async Task<IActionResult> OnPostSendAsync(string[]? selected, CancellationToken ct)
    {
        var chosen = (selected ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return Done(Ui.Say("Bitte mindestens einen Vertrag auswählen.", "Please choose at least one contract."), true);
        }

        return Done(Outcome(await dunning.RunAsync(User.Identity?.Name ?? "unknown", chosen, ct)), false);
    }

    /// <summary>Sends every unblocked proposal of today.</summary>
    public async Task<IActionResult> OnPostSendAllAsync(CancellationToken ct) =>
        Done(Outcome(await dunning.RunAsync(User.Identity?.Name ?? "unknown", null, ct)), false);

    public async Task<IActionResult> OnPostBlockAsync(string? contractNumber, string? reason, string? until, CancellationToken ct)
    {
        var number = contractNumber?.Trim() ?? string.Empty;
        if (number.Length == 0)
        {
            return Done(Ui.Say("Bitte die Vertragsnummer angeben.", "Please give the contract number."), true);
        }

        if (!IsoDate.TryParse(until, out var last))
        {
            return Done(Ui.Say("Bitte angeben, bis wann die Mahnsperre gilt.", "Please say until when the dunning block holds."), true);
        }

        var block = await dunning.BlockAsync(number, reason, last, User.Identity?.Name ?? "unknown", ct);
        return block.Value is { } set
            ? Done(Ui.Say(
                $"Mahnsperre für Vertrag {number} bis {German.Date(set.Until)} gesetzt: {set.Reason.TrimEnd('.')}.",
                $"Dunning block for contract {number} set until {German.Date(set.Until)}: {set.Reason.TrimEnd('.')}."), false)
            : Done(Ui.Say("Keine Mahnsperre gesetzt: ", "No dunning block set: ") + string.Join(" ", block.Errors.Select(e => BlockError(e, number, last))), true);
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid blockId, string? contractNumber, CancellationToken ct) =>
        await dunning.LiftAsync(blockId, User.Identity?.Name ?? "unknown", ct)
            ? Done(Ui.Say($"Mahnsperre für Vertrag {contractNumber} aufgehoben.", $"Dunning block for contract {contractNumber} lifted."), false)
            : Done(Ui.Say("Diese Mahnsperre gilt nicht mehr (schon aufgehoben).", "This dunning block no longer holds (lifted already)."), true);

    /// <summary>What a dunning run did, in words.</summary>
    public static string Outcome(DunningRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Proposed == 0)
        {
            return Ui.Say(
                "Nichts gesendet: Für heute ist keine Mahnung vorgeschlagen (oder sie ist schon gesendet).",
                "Nothing sent: no dunning letter is proposed for today (or it was sent already).");
        }

        var sent = MoneyTexts.Count(result.Sent, ("Mahnung", "Mahnungen"), ("dunning letter", "dunning letters"));
        var text = Ui.Say($"{sent} gesendet", $"{sent} sent");
        var notSent = result.Proposed - result.Blocked - result.Sent;
        var parts = new List<string>();
        if (result.Blocked > 0)
        {
            parts.Add(Ui.Say($"{German.Number(result.Blocked)} gesperrt", $"{German.Number(result.Blocked)} blocked"));
        }

        if (notSent > 0)
        {
            parts.Add(Ui.Say($"{German.Number(notSent)} schon gesendet", $"{German.Number(notSent)} sent already"));
        }

        var levels = result.Notices.GroupBy(n => n.Level).OrderBy(g => g.Key).Select(g => $"{German.Number(g.Count())} × {MoneyTexts.Level(g.Key)}").ToList();
        return text
            + (levels.Count > 0 ? $" ({string.Join(", ", levels)})" : string.Empty)
            + (parts.Count > 0 ? $", {string.Join(", ", parts)}" : string.Empty)
            + (result.Fees > 0 ? Ui.Say($"; Mahngebühren zusammen {German.Euro(result.Fees)}.", $"; dunning fees together {German.Euro(result.Fees)}.") : ".");
    }

    private static string BlockError(FieldError error, string contractNumber, DateOnly until) => error.Field switch
    {
        "contractNumber" => Ui.Say($"Den Vertrag {contractNumber} gibt es nicht.", $"Contract {contractNumber} does not exist."),
        "reason" when error.Message.StartsWith("at most", StringComparison.Ordinal) => Ui.Say("Der Grund darf höchstens 200 Zeichen lang sein.", "The reason may be at most 200 characters long."),
        "reason" => Ui.Say("Bitte einen Grund angeben: warum soll der Vertrag nicht gemahnt werden?", "Please give a reason: why should the contract not be dunned?"),
        "until" when error.Message.Contains("past", StringComparison.Ordinal) => Ui.Say($"Der {German.Date(until)} liegt in der Vergangenheit.", $"{German.Date(until)} is in the past."),
        "until" => Ui.Say("Eine Mahnsperre gilt höchstens ein Jahr; danach eine neue setzen.", "A dunning block holds for one year at most; set a new one after that."),
        _ => $"{error.Field}: {EngineText.Localize(error.Text)}",
    };

    private RedirectToPageResult Done(string message, bool isError)
    {
        (Message, MessageIsError) = (message, isError);
        return RedirectToPage();
    }
}
