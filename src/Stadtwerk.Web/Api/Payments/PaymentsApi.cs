using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Payments;

public sealed record AssignRequest(string? ContractNumber);

/// <summary>A stored bank transaction (payment or returned direct debit) as a clerk sees it.</summary>
public sealed record BankTransactionResponse(
    Guid Id,
    BankTransactionKind Kind,
    BankTransactionStatus Status,
    DateOnly BookingDate,
    decimal Amount,
    string Currency,
    string? CounterpartyName,
    string? CounterpartyIban,
    string? RemittanceInformation,
    string? EndToEndId,
    string? MandateReference,
    string? ReturnReason,
    string? ContractNumber,
    string SourceFile,
    DateTimeOffset ImportedAt);

/// <summary>The assigned transaction and the ledger entry booked for it.</summary>
public sealed record AssignResponse(BankTransactionResponse Transaction, string LedgerKind, decimal LedgerAmount, string Reference);

/// <summary>
/// Bank files (docs/payments.md): upload a camt.053 statement or camt.054 notification (multipart field <c>file</c>,
/// or the XML as the request body), the list of unmatched payments and returns, and a clerk's assignment of one to a contract.
/// </summary>
public static class PaymentsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/payments").WithTags("Payments").RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("/camt", Import)
            .WithSummary("Import a bank file (camt.053 Kontoauszug, camt.054 notification): multipart field 'file' or the XML as body")
            .WithDescription("Payments are booked on the contract their Verwendungszweck, mandate or IBAN names, returned direct debits (Rücklastschriften) on the contract of their mandate; the rest waits for a clerk. Entries imported before are not booked again. A file that cannot be read stores nothing (400).");
        group.MapGet("/unmatched", Unmatched).WithSummary("Payments and returns no contract was found for, oldest booking first");
        group.MapPost("/{id:guid}/assign", Assign).WithSummary("Book an unmatched payment or return on a contract");
    }

    private static async Task<Results<Ok<PaymentImportSummary>, ValidationProblem>> Import(
        HttpRequest request, PaymentImporter importer, string? fileName, CancellationToken ct)
    {
        var errors = new RequestErrors();
        Stream content;
        string name;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if ((form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null)) is not { } file)
            {
                errors.Add("file", "is required: send the bank file as the form field 'file'");
                return errors.ToProblem();
            }

            content = file.OpenReadStream();
            name = string.IsNullOrWhiteSpace(file.FileName) ? file.Name : file.FileName;
        }
        else
        {
            // The reader reads synchronously; the request body may only be read asynchronously.
            var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, ct);
            buffer.Position = 0;
            content = buffer;
            name = string.IsNullOrWhiteSpace(fileName) ? "upload.xml" : fileName.Trim();
        }

        await using (content)
        {
            if (content.Length == 0)
            {
                errors.Add("file", "is empty: send a camt.053 or camt.054 file");
                return errors.ToProblem();
            }

            var result = await importer.ImportAsync(content, name, ct);
            switch (result)
            {
                case PaymentImportResult.Imported imported:
                    return TypedResults.Ok(imported.Summary);
                case PaymentImportResult.Rejected rejected:
                    errors.Add("file", rejected.ToString());
                    return errors.ToProblem();
                default:
                    throw new InvalidOperationException("Unknown import result.");
            }
        }
    }

    private static async Task<Ok<ListPage<BankTransactionResponse>>> Unmatched(StadtwerkDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.BankTransactions.AsNoTracking()
            .Where(t => t.Status == BankTransactionStatus.Unmatched)
            .OrderBy(t => t.BookingDate)
            .ThenBy(t => t.Id);
        return TypedResults.Ok(await Paging.From(page, pageSize).ApplyAsync(query, t => Response(t, null), ct));
    }

    private static async Task<Results<Ok<AssignResponse>, ValidationProblem, ProblemHttpResult>> Assign(
        PaymentImporter importer, Guid id, AssignRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var contractNumber = errors.Required("contractNumber", request.ContractNumber);
        if (contractNumber is null)
        {
            return errors.ToProblem();
        }

        return await importer.AssignAsync(id, contractNumber, ct) switch
        {
            AssignResult.Assigned done => TypedResults.Ok(new AssignResponse(
                Response(done.Transaction, done.ContractNumber),
                System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(done.Entry.Kind.ToString()),
                done.Entry.Amount,
                done.Entry.Reference)),
            AssignResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            AssignResult.Invalid invalid => Invalid(invalid.Field, invalid.Message),
            AssignResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            _ => throw new InvalidOperationException("Unknown assign result."),
        };
    }

    private static ValidationProblem Invalid(string field, string message)
    {
        var errors = new RequestErrors();
        errors.Add(field, message);
        return errors.ToProblem();
    }

    private static BankTransactionResponse Response(BankTransaction t, string? contractNumber) =>
        new(t.Id, t.Kind, t.Status, t.BookingDate, t.Amount, t.Currency, t.CounterpartyName, t.CounterpartyIban, t.RemittanceInformation,
            t.EndToEndId, t.MandateReference, t.ReturnReason, contractNumber, t.SourceFile, t.ImportedAt);
}
