using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Core.Cases;
using Stadtwerk.Infrastructure.Cases;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Vorgaenge;

/// <summary>The cases (Vorgänge): the open ones are the staff's work queue, oldest first; each is closed with what was done.</summary>
[Authorize(Policy = ApiPolicies.Cases)]
public sealed class CasesModel(CaseQueries cases, IAuthorizationService authorization) : PageModel
{
    public const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kunde { get; set; }

    public IReadOnlyList<CaseView> Cases { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>Billing staff open the contract page from a case; the others see the number.</summary>
    public bool CanOpenContracts { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCloseAsync(string number, string? resolution, int version, CancellationToken ct)
    {
        var result = await cases.CloseAsync(number, resolution, version, User.Identity?.Name ?? "unknown", ct);
        (Message, MessageIsError) = result switch
        {
            CloseCaseResult.Closed closed => (Ui.Say($"Vorgang {closed.Case.Number} erledigt.", $"Case {closed.Case.Number} closed."), false),
            CloseCaseResult.Invalid => (Ui.Say($"Vorgang {number}: bitte eintragen, was erledigt wurde.", $"Case {number}: please enter what was done."), true),
            CloseCaseResult.Conflict => (Ui.Say($"Vorgang {number} wurde inzwischen von jemand anderem geändert oder erledigt.", $"Case {number} has been changed or closed by someone else in the meantime."), true),
            CloseCaseResult.NotFound => (Ui.Say($"Vorgang {number} nicht gefunden.", $"Case {number} not found."), true),
            _ => (Ui.Say("Unbekanntes Ergebnis.", "Unknown outcome."), true),
        };
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CaseStatus? status = Status switch
        {
            "erledigt" => CaseStatus.Closed,
            "alle" => null,
            _ => CaseStatus.Open,
        };
        (Cases, Total) = await cases.ListAsync(status, null, Kunde, 0, PageSize, ct);
        CanOpenContracts = (await authorization.AuthorizeAsync(User, ApiPolicies.Billing)).Succeeded;
    }
}
