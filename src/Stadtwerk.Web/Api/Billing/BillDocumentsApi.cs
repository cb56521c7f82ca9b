using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Billing;

/// <summary>
/// The documents of bills: the letter as PDF (with prefilled forms), the e-invoice, where a letter is in its dispatch,
/// a resend by e-mail, and the print batches for the print shop (bill and dunning letters).
/// </summary>
public static class BillDocumentsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Bills").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/bills/{number}/pdf", Pdf).WithSummary("The bill letter as PDF (A4, DIN 5008 window envelope); ?enclose=bank-change,reading-card adds prefilled forms");
        group.MapGet("/bills/{number}/e-invoice", EInvoiceXml).WithSummary("The e-invoice of a business customer's bill: CII XML following EN 16931, profile xrechnung (default) or factur-x; zugferd-pdf: the letter with the Factur-X XML embedded");
        group.MapGet("/bills/{number}/dispatch", DispatchState).WithSummary("Where the bill's letter is: queued, e-mailed (with each e-mail's state), waiting for print, or printed in a batch");
        group.MapPost("/bills/{number}/resend", Resend).WithSummary("Send the stored letter of a bill again by e-mail (the same PDF)");
        group.MapPost("/print-batches", CreatePrintBatch).WithSummary("Merge the letters waiting for print into one PDF in postal order, with a manifest for the print shop");
        group.MapGet("/print-batches/{number:int}/pdf", PrintBatchPdf);
        group.MapGet("/print-batches/{number:int}/manifest", PrintBatchManifest);
    }

    /// <summary>The letter; <paramref name="enclose"/> (comma-separated form kinds) adds prefilled forms after it, e.g. the SEPA mandate.</summary>
    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Pdf(
        Stadtwerk.Infrastructure.Documents.BillLetters letters, Stadtwerk.Infrastructure.Documents.CustomerForms forms, string number, string? enclose, CancellationToken ct)
    {
        var kinds = new List<Stadtwerk.Infrastructure.Documents.FormKind>();
        foreach (var name in (enclose ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Stadtwerk.Infrastructure.Documents.FormCode.TryParseKind(name, out var kind))
            {
                var errors = new RequestErrors();
                errors.Add("enclose", $"'{name}' is not a form; use bank-change, move-report, reading-card or installment-change");
                return errors.ToProblem();
            }

            kinds.Add(kind);
        }

        if (await letters.LoadAsync(number, ct) is not { } letter)
        {
            return ApiAnswers.NotFound($"Bill {number}");
        }

        var pdf = Stadtwerk.Infrastructure.Documents.BillLetterPdf.Render(letter);
        if (kinds.Count > 0)
        {
            var enclosures = new List<byte[]> { pdf };
            foreach (var kind in kinds)
            {
                enclosures.Add((await forms.RenderAsync(letter.Contract.ContractNumber, kind, ct))!.Value.Pdf);
            }

            pdf = Stadtwerk.Infrastructure.Documents.PdfMerge.Merge(enclosures);
        }

        return TypedResults.File(pdf, "application/pdf", $"Rechnung-{number}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> EInvoiceXml(Stadtwerk.Infrastructure.Documents.BillLetters letters, string number, string? profile, CancellationToken ct)
    {
        if (!Stadtwerk.Infrastructure.Documents.EInvoice.TryParseProfile(profile, out var chosen, out var pdf))
        {
            var errors = new RequestErrors();
            errors.Add("profile", $"'{profile}' is unknown; use xrechnung, factur-x or zugferd-pdf");
            return errors.ToProblem();
        }

        if (await letters.LoadAsync(number, ct) is not { } letter)
        {
            return ApiAnswers.NotFound($"Bill {number}");
        }

        if (Stadtwerk.Infrastructure.Documents.EInvoice.Unavailable(letter) is { } reason)
        {
            return RequestErrors.Conflict("customer", reason);
        }

        return pdf
            ? TypedResults.File(Stadtwerk.Infrastructure.Documents.ZugferdPdf.Render(letter), "application/pdf", $"Rechnung-{number}-ZUGFeRD.pdf")
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(Stadtwerk.Infrastructure.Documents.EInvoice.Write(letter, chosen)), "application/xml", $"{number}-{profile ?? "xrechnung"}.xml");
    }

    private static async Task<Results<Ok<Stadtwerk.Infrastructure.Documents.LetterDispatchState>, ProblemHttpResult>> DispatchState(
        Stadtwerk.Infrastructure.Documents.LetterStates states, string number, CancellationToken ct) =>
        await states.StateAsync(number, ct) is { } state ? TypedResults.Ok(state) : ApiAnswers.NotFound($"Bill {number}");

    private static async Task<Results<Accepted<ResendResponse>, ProblemHttpResult>> Resend(Stadtwerk.Infrastructure.Documents.LetterMail mail, string number, CancellationToken ct) =>
        await mail.ResendAsync(number, ct) switch
        {
            Stadtwerk.Infrastructure.Documents.ResendResult.Queued queued => TypedResults.Accepted((string?)null, new ResendResponse(number, queued.To)),
            Stadtwerk.Infrastructure.Documents.ResendResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            Stadtwerk.Infrastructure.Documents.ResendResult.Invalid invalid => RequestErrors.Conflict("email", invalid.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };

    private static async Task<Results<Created<PrintBatchResponse>, ProblemHttpResult>> CreatePrintBatch(Stadtwerk.Infrastructure.Documents.PrintBatches batches, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct) =>
        await batches.CreateAsync(user.Identity?.Name ?? "unknown", ct) is { } batch
            ? TypedResults.Created($"/api/print-batches/{batch.Number}/pdf", new PrintBatchResponse(batch.Number, batch.Letters, batch.Pages, batch.CreatedAt))
            : RequestErrors.Conflict("letters", "no letter waits for print");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PrintBatchPdf(StadtwerkDbContext db, int number, CancellationToken ct) =>
        await db.PrintBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, ct) is { } batch
            ? TypedResults.File(batch.Pdf, "application/pdf", $"Druckauftrag-{number}.pdf")
            : ApiAnswers.NotFound($"Print batch {number}");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PrintBatchManifest(StadtwerkDbContext db, int number, CancellationToken ct) =>
        await db.PrintBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, ct) is { } batch
            ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(batch.Manifest), "text/csv", $"Druckauftrag-{number}.csv")
            : ApiAnswers.NotFound($"Print batch {number}");
}

public sealed record ResendResponse(string BillNumber, string To);

public sealed record PrintBatchResponse(int Number, int Letters, int Pages, DateTimeOffset CreatedAt);
