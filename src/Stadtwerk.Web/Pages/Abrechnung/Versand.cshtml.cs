using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>
/// Dispatch and print (Versand und Druck): where the letters of bills and dunning are (being made, failed, e-mails
/// waiting, waiting for print), the print batches for the print shop with their PDF and manifest, and the button
/// that makes the next batch. Redirects after its action (post-redirect-get).
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class DispatchModel(DispatchOverviews overviews, PrintBatches printBatches) : PageModel
{
    [TempData]
    public string? Message { get; set; }

    [TempData]
    public bool MessageIsError { get; set; }

    public DispatchOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Overview = await overviews.LoadAsync(ct);

    public async Task<IActionResult> OnPostPrintBatchAsync(CancellationToken ct)
    {
        var batch = await printBatches.CreateAsync(User.Identity?.Name ?? "unknown", ct);
        (Message, MessageIsError) = batch is null
            ? (Ui.Say("Kein Brief wartet auf den Druck.", "No letter is waiting for print."), false)
            : (Ui.Say(
                $"Druckstapel {batch.Number} erstellt: {batch.Letters} Briefe, {batch.Pages} Seiten. PDF und Begleitliste gehen an die Druckerei.",
                $"Print batch {batch.Number} made: {batch.Letters} letters, {batch.Pages} pages. The PDF and the manifest go to the print shop."), false);
        return RedirectToPage();
    }
}
