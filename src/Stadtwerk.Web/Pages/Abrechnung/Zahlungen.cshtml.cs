using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>The morning's bank statement: import a CAMT file, see what was booked, assign what was not.</summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class PaymentsModel(StadtwerkDbContext db, PaymentImporter importer, DirectDebitRejections rejections) : PageModel
{
    public const long MaxFileBytes = 50 * 1024 * 1024;

    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public PaymentImportSummary? Summary { get; private set; }

    public IReadOnlyList<BankTransaction> Unmatched { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? statement, CancellationToken ct)
    {
        if (!Readable(statement, Ui.Say("eine CAMT-Datei", "a CAMT file"), out var problem))
        {
            (Message, MessageIsError) = (problem, true);
        }
        else
        {
            await using var stream = statement.OpenReadStream();
            var result = await importer.ImportAsync(stream, Path.GetFileName(statement.FileName), ct);
            switch (result)
            {
                case PaymentImportResult.Imported imported:
                    Summary = imported.Summary;
                    (Message, MessageIsError) = (Ui.Say(
                        $"{imported.Summary.File} eingelesen: {imported.Summary.PaymentsBooked} Zahlungen und {imported.Summary.ReturnsBooked} Rücklastschriften gebucht, {imported.Summary.Unmatched.Count} nicht zugeordnet.",
                        $"{imported.Summary.File} imported: {imported.Summary.PaymentsBooked} payments and {imported.Summary.ReturnsBooked} returned debits booked, {imported.Summary.Unmatched.Count} not matched."), false);
                    break;
                case PaymentImportResult.Rejected rejected:
                    (Message, MessageIsError) = (Ui.Say($"Nicht eingelesen, nichts gebucht: {EngineText.Localize(rejected.Problem)}", $"Not imported, nothing booked: {EngineText.Localize(rejected.Problem)}"), true);
                    break;
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The bank's status report on a direct-debit file (pain.002): rejected debits are marked and each opens a case.</summary>
    public async Task<IActionResult> OnPostStatusReportAsync(IFormFile? report, CancellationToken ct)
    {
        if (!Readable(report, Ui.Say("einen Statusbericht (pain.002)", "a status report (pain.002)"), out var problem))
        {
            (Message, MessageIsError) = (problem, true);
        }
        else
        {
            using var reader = new StreamReader(report.OpenReadStream());
            try
            {
                var result = await rejections.ImportAsync(await reader.ReadToEndAsync(ct), ct);
                var unknown = result.Unknown.Count == 0 ? string.Empty : Ui.Say($" Nicht zugeordnet: {string.Join("; ", result.Unknown.Select(EngineText.Localize))}.", $" Not matched: {string.Join("; ", result.Unknown.Select(EngineText.Localize))}.");
                var cases = result.CasesOpened.Count == 0 ? string.Empty : Ui.Say($" Vorgänge eröffnet: {string.Join(", ", result.CasesOpened)}.", $" Cases opened: {string.Join(", ", result.CasesOpened)}.");
                (Message, MessageIsError) = (Ui.Say(
                    $"{Path.GetFileName(report.FileName)} eingelesen: {result.Rejected} Lastschriften abgelehnt, {result.AlreadyKnown} schon bekannt.{cases}{unknown}",
                    $"{Path.GetFileName(report.FileName)} imported: {result.Rejected} direct debits rejected, {result.AlreadyKnown} known already.{cases}{unknown}"), false);
            }
            catch (StatusReportFormatException e)
            {
                (Message, MessageIsError) = (Ui.Say($"Nicht eingelesen, nichts geändert: {EngineText.Localize(e.Text)}", $"Not imported, nothing changed: {EngineText.Localize(e.Text)}"), true);
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid transactionId, string? contractNumber, CancellationToken ct)
    {
        var result = await importer.AssignAsync(transactionId, contractNumber?.Trim() ?? string.Empty, ct);
        (Message, MessageIsError) = result switch
        {
            AssignResult.Assigned assigned => (Ui.Say($"{German.Euro(assigned.Transaction.Amount)} auf Vertrag {assigned.ContractNumber} gebucht.", $"{German.Euro(assigned.Transaction.Amount)} booked to contract {assigned.ContractNumber}."), false),
            AssignResult.Invalid invalid => (EngineText.Localize(invalid.Text), true),
            AssignResult.Conflict conflict => (EngineText.Localize(conflict.Text), true),
            AssignResult.NotFound notFound => (Ui.Say($"{notFound.What} nicht gefunden.", $"{notFound.What} not found."), true),
            _ => (Ui.Say("Unbekanntes Ergebnis.", "Unknown outcome."), true),
        };
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Whether an uploaded file can be read; if not, what is wrong (none chosen, or too large), in words.</summary>
    private static bool Readable([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] IFormFile? file, string what, out string problem)
    {
        problem = file is null || file.Length == 0 ? Ui.Say($"Bitte {what} auswählen.", $"Please choose {what}.")
            : file.Length > MaxFileBytes ? Ui.Say("Die Datei ist größer als 50 MB.", "The file is larger than 50 MB.")
            : string.Empty;
        return problem.Length == 0;
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        Unmatched = await db.BankTransactions.AsNoTracking().Where(t => t.Status == BankTransactionStatus.Unmatched)
            .OrderBy(t => t.BookingDate).ThenBy(t => t.Id).Take(500).ToListAsync(ct);
    }
}
