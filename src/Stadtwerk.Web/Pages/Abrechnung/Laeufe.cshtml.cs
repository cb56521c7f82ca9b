using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>Billing runs (Abrechnungsläufe): start one for a selection; the latest runs with their progress.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class BillingRunsModel(BillingRunQueries queries, StartBillingRun start, TimeProvider clock, StadtwerkDbContext db) : PageModel
{
    public IReadOnlyList<BillingRunProgress> Runs { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty]
    public string? Commodity { get; set; }

    [BindProperty]
    public DateOnly? PeriodEndFrom { get; set; }

    [BindProperty]
    public DateOnly? PeriodEndTo { get; set; }

    [BindProperty]
    public string? ContractNumbers { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The January run: the periods that ended in the past calendar year, or in the year of the latest turn-of-year
        // readings when those are older (a utility taken over from another system, the demo). Only readings taken on
        // December 31 count (not the estimates bills store), and only a year for which at least a tenth as many came in
        // as in the best-read year: one contract billed or read for another year does not move the proposal.
        var lastYear = UtilityCalendar.Today(clock.GetUtcNow()).Year - 1;
        var yearEnds = await db.Readings
            .Where(r => r.Date.Month == 12 && r.Date.Day == 31 && r.Kind != Core.Metering.ReadingKind.Estimated && r.Date.Year <= lastYear)
            .GroupBy(r => r.Date.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync(ct);
        if (yearEnds.Count > 0)
        {
            var most = yearEnds.Max(y => y.Count);
            var latest = yearEnds.Where(y => y.Count * 10 >= most).Max(y => y.Year);
            if (latest < lastYear)
            {
                lastYear = latest;
            }
        }

        PeriodEndFrom ??= new DateOnly(lastYear, 1, 1);
        PeriodEndTo ??= new DateOnly(lastYear, 12, 31);
        Runs = await queries.ListAsync(50, ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var errors = new List<string>();
        if (PeriodEndFrom is null)
        {
            errors.Add(Ui.Say("Bitte den ersten Tag angeben, an dem ein Abrechnungszeitraum enden darf.", "Please give the first day on which a billing period may end."));
        }

        if (PeriodEndTo is null)
        {
            errors.Add(Ui.Say("Bitte den letzten Tag angeben, an dem ein Abrechnungszeitraum enden darf.", "Please give the last day on which a billing period may end."));
        }

        if (errors.Count == 0)
        {
            var list = string.IsNullOrWhiteSpace(ContractNumbers)
                ? null
                : ContractNumbers.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var result = await start.RunAsync(new BillingRunRequest(Commodity, PeriodEndFrom!.Value, PeriodEndTo!.Value, list), User.Identity?.Name ?? "unknown", ct);
            if (result is StartBillingRunResult.Started started)
            {
                return Redirect($"/abrechnung/laeufe/{started.Run.Number}");
            }

            errors.AddRange(((StartBillingRunResult.Invalid)result).Errors.Select(e => $"{Field(e.Field)}: {EngineText.Localize(e.Text)}"));
        }

        Errors = errors;
        Runs = await queries.ListAsync(50, ct);
        return Page();
    }

    private static string Field(string field) => field switch
    {
        "periodEndFrom" => Ui.Say("Zeitraumende von", "Period end from"),
        "periodEndTo" => Ui.Say("Zeitraumende bis", "Period end to"),
        "contractNumbers" => Ui.Say("Verträge", "Contracts"),
        "commodity" => Ui.Say("Sparte", "Commodity"),
        _ => field,
    };
}
