using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Metering;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>Meter-reading campaigns (Ableseaktionen): start one before the billing run; the latest with the share read.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class ReadingCampaignsModel(ReadingCampaigns campaigns, TimeProvider clock) : PageModel
{
    public IReadOnlyList<CampaignProgress> Campaigns { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    [BindProperty]
    public string? Commodity { get; set; }

    [BindProperty]
    public DateOnly? ReadingDay { get; set; }

    [BindProperty]
    public DateOnly? WindowStart { get; set; }

    [BindProperty]
    public DateOnly? Deadline { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        // The next year end: read from mid-December to mid-January.
        var today = UtilityCalendar.Today(clock.GetUtcNow());
        var yearEnd = new DateOnly(today.Month == 1 && today.Day <= 15 ? today.Year - 1 : today.Year, 12, 31);
        ReadingDay ??= yearEnd;
        WindowStart ??= yearEnd.AddDays(-16) > today ? yearEnd.AddDays(-16) : today;
        Deadline ??= yearEnd.AddDays(15);
        Campaigns = await campaigns.ListAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ReadingDay is null || WindowStart is null || Deadline is null)
        {
            Errors = [Ui.Say("Bitte Stichtag, Beginn des Ablesefensters und Frist angeben.", "Please give the reading day, the start of the reading window and the deadline.")];
        }
        else
        {
            var result = await campaigns.StartAsync(Commodity, ReadingDay.Value, WindowStart.Value, Deadline.Value, User.Identity?.Name ?? "unknown", ct);
            if (result is ReadingCampaignResult.Done done)
            {
                return Redirect($"/abrechnung/ableseaktionen/{done.Campaign.Number}");
            }

            Errors = [.. ((ReadingCampaignResult.Invalid)result).Errors.Select(e => EngineText.Localize(e.Text))];
        }

        Campaigns = await campaigns.ListAsync(ct);
        return Page();
    }
}
