using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>One billing run: live progress (counts, rate, expected end), cancel and resume, and the result report.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class BillingRunModel(BillingRunQueries queries, BillingRunControl control, DatabaseSettings database) : PageModel
{
    public const int ListedExceptions = 500;

    public BillingRunReport? Report { get; private set; }

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    /// <summary>On PostgreSQL the job engine's dashboard shows the workers and the chunks' jobs.</summary>
    public bool HasJobDashboard => database.Provider == DatabaseProvider.Postgres;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken ct)
    {
        Report = await queries.ReportAsync(number, ListedExceptions, ct);
        return Report is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(int number, CancellationToken ct) => await ControlAsync(number, await control.CancelAsync(number, ct), Ui.Say($"Lauf {number} abgebrochen.", $"Run {number} cancelled."), ct);

    public async Task<IActionResult> OnPostResumeAsync(int number, CancellationToken ct) => await ControlAsync(number, await control.ResumeAsync(number, ct), Ui.Say($"Lauf {number} fortgesetzt.", $"Run {number} resumed."), ct);

    private async Task<IActionResult> ControlAsync(int number, BillingRunControlResult result, string done, CancellationToken ct)
    {
        (Message, MessageIsError) = result switch
        {
            BillingRunControlResult.Done => (done, false),
            BillingRunControlResult.Invalid invalid => (EngineText.Localize(invalid.Error.Text), true),
            _ => (Ui.Say($"Lauf {number} nicht gefunden.", $"Run {number} not found."), true),
        };
        return await OnGetAsync(number, ct);
    }
}
