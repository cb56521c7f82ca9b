using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Import;
using Stadtwerk.Infrastructure.Metering;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>One campaign: the share read per commodity and area, the reminder, the meter readers' export, and what will be estimated.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class ReadingCampaignModel(ReadingCampaigns campaigns, Stadtwerk.Infrastructure.Documents.ReadingCards cards, DatabaseSettings database, TimeProvider clock) : PageModel
{
    public const int ListedUnread = 300;
    public const long MaxFileBytes = 100 * 1024 * 1024;

    public CampaignProgress? Progress { get; private set; }

    public IReadOnlyList<UnreadMeter> Unread { get; private set; } = [];

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public IReadOnlyList<string> ImportErrors { get; private set; } = [];

    public bool DeadlinePassed => Progress is { } p && UtilityCalendar.Today(clock.GetUtcNow()) > p.Campaign.Deadline;

    public async Task<IActionResult> OnGetAsync(int number, CancellationToken ct)
    {
        Progress = await campaigns.ProgressAsync(number, ct);
        if (Progress is null)
        {
            return NotFound();
        }

        Unread = await campaigns.UnreadAsync(number, ListedUnread, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRemindAsync(int number, CancellationToken ct)
    {
        (Message, MessageIsError) = await campaigns.RemindAsync(number, ct) switch
        {
            ReadingCampaignResult.Done done => (Ui.Say($"Erinnerung an {done.Emails} Kunden per E-Mail verschickt.", $"Reminder sent by e-mail to {done.Emails} customers."), false),
            ReadingCampaignResult.Invalid invalid => (EngineText.Localize(invalid.Errors[0].Text), true),
            _ => (Ui.Say($"Ableseaktion {number} nicht gefunden.", $"Reading campaign {number} not found."), true),
        };
        return await OnGetAsync(number, ct);
    }

    /// <summary>The reading cards for the customers asked by post, into a print batch for the print shop.</summary>
    public async Task<IActionResult> OnPostCardsAsync(int number, CancellationToken ct)
    {
        (Message, MessageIsError) = await cards.PrintAsync(number, User.Identity?.Name ?? "unknown", ct) switch
        {
            Stadtwerk.Infrastructure.Documents.ReadingCardsResult.Printed printed => (Ui.Say(
                $"{printed.Batch.Letters} Ablesekarten im Druckstapel {printed.Batch.Number} ({printed.Batch.Pages} Seiten).",
                $"{printed.Batch.Letters} reading cards in print batch {printed.Batch.Number} ({printed.Batch.Pages} pages)."), false),
            Stadtwerk.Infrastructure.Documents.ReadingCardsResult.Refused refused => (EngineText.Localize(refused.Text), true),
            _ => (Ui.Say($"Ableseaktion {number} nicht gefunden.", $"Reading campaign {number} not found."), true),
        };
        return await OnGetAsync(number, ct);
    }

    /// <summary>The meter readers' handheld export, or the readings typed from returned cards: the readings CSV of docs/import.md.</summary>
    public async Task<IActionResult> OnPostImportAsync(int number, IFormFile? readings, CancellationToken ct)
    {
        if (readings is null || readings.Length == 0)
        {
            (Message, MessageIsError) = (Ui.Say("Bitte eine CSV-Datei mit Zählerständen auswählen.", "Please choose a CSV file with meter readings."), true);
        }
        else if (readings.Length > MaxFileBytes)
        {
            (Message, MessageIsError) = (Ui.Say("Die Datei ist größer als 100 MB.", "The file is larger than 100 MB."), true);
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("stadtwerk-readings-");
            try
            {
                var path = Path.Combine(folder.FullName, "readings.csv");
                await using (var file = System.IO.File.Create(path))
                {
                    await readings.CopyToAsync(file, ct);
                }

                var result = await new CsvImporter(database, clock).ImportFileAsync(ImportKind.Readings, path, ct);
                switch (result)
                {
                    case FileImportResult.Imported imported:
                        (Message, MessageIsError) = (Ui.Say($"{German.Number(imported.Rows)} Zählerstände aus {readings.FileName} übernommen.", $"{German.Number(imported.Rows)} meter readings taken over from {readings.FileName}."), false);
                        break;
                    case FileImportResult.Rejected rejected:
                        (Message, MessageIsError) = (Ui.Say($"Nichts übernommen: {German.Number(rejected.ErrorCount)} Fehler in {readings.FileName}.", $"Nothing taken over: {German.Number(rejected.ErrorCount)} errors in {readings.FileName}."), true);
                        ImportErrors = [.. rejected.Errors.Take(20).Select(EngineText.ImportError)];
                        break;
                    default:
                        (Message, MessageIsError) = (Ui.Say("Die Datei konnte nicht gelesen werden.", "The file could not be read."), true);
                        break;
                }
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        }

        return await OnGetAsync(number, ct);
    }
}
