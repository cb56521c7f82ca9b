using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Payments;

public sealed record DirectDebitFileRequest(string? CollectionDate);

public sealed record DirectDebitFileResponse(string MessageId, DateOnly CollectionDate, int Transactions, int First, int Recurring, decimal ControlSum, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static DirectDebitFileResponse From(DirectDebitFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.MessageId, f.CollectionDate, f.Transactions, f.First, f.Recurring, f.ControlSum, f.CreatedBy, f.CreatedAt);
    }
}

/// <summary>/api/direct-debit-files: the SEPA direct-debit files (pain.008.001.08) of collection dates, for the bank.</summary>
public static class DirectDebitFilesApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/direct-debit-files").WithTags("Payments").RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("", Create).WithSummary("Make the pain.008 file of a collection date from the open direct debits due on it");
        group.MapGet("", List).WithSummary("The direct-debit files made so far, newest first");
        group.MapGet("/{messageId}", Download).WithSummary("The pain.008.001.08 XML of a file, as sent to the bank");
        group.MapPost("/status-reports", ImportStatusReport).WithSummary("Read the bank's status report (pain.002, the XML as body): rejected direct debits are marked with the reason");
        api.MapGet("/direct-debits", ListDebits).WithTags("Payments").RequireAuthorization(ApiPolicies.Billing)
            .WithSummary("Direct debits by status (open, submitted, rejected): the rejected ones are the clerks' list to call the customers");
    }

    public sealed record DirectDebitResponse(string ContractNumber, DirectDebitKind Kind, DateOnly DueOn, decimal Amount, string MandateReference, DirectDebitStatus Status, string? RejectionReason, string Reference);

    private static async Task<Results<Ok<RejectionImport>, ValidationProblem>> ImportStatusReport(HttpRequest request, DirectDebitRejections rejections, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var xml = await reader.ReadToEndAsync(ct);
        try
        {
            return TypedResults.Ok(await rejections.ImportAsync(xml, ct));
        }
        catch (FormatException e)
        {
            var errors = new RequestErrors();
            errors.Add("body", e.Message);
            return errors.ToProblem();
        }
    }

    private static async Task<Results<Ok<List<DirectDebitResponse>>, ValidationProblem>> ListDebits(StadtwerkDbContext db, string? status, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var wanted = errors.Enum<DirectDebitStatus>("status", status) ?? DirectDebitStatus.Rejected;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var rows = await (from d in db.DirectDebits.AsNoTracking()
                          where d.Status == wanted
                          join c in db.Contracts on d.ContractId equals c.Id
                          orderby d.DueOn, c.ContractNumber
                          select new DirectDebitResponse(c.ContractNumber, d.Kind, d.DueOn, d.Amount, d.MandateReference, d.Status, d.RejectionReason, d.Reference))
            .Take(1000).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Created<DirectDebitFileResponse>, ValidationProblem, ProblemHttpResult>> Create(
        CreateDirectDebitFile create, ClaimsPrincipal user, DirectDebitFileRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var date = errors.Date("collectionDate", request.CollectionDate, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await create.RunAsync(date!.Value, user.Identity?.Name ?? "unknown", ct) switch
        {
            DirectDebitFileResult.Created created => TypedResults.Created($"/api/direct-debit-files/{created.File.MessageId}", DirectDebitFileResponse.From(created.File)),
            DirectDebitFileResult.NothingDue nothing => RequestErrors.Conflict("collectionDate", nothing.Message),
            DirectDebitFileResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            DirectDebitFileResult.Conflict conflict => RequestErrors.Conflict("collectionDate", conflict.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Ok<List<DirectDebitFileResponse>>> List(StadtwerkDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.DirectDebitFiles.AsNoTracking().OrderByDescending(f => f.CreatedAt).Take(100).ToListAsync(ct)).Select(DirectDebitFileResponse.From).ToList());

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Download(StadtwerkDbContext db, string messageId, CancellationToken ct) =>
        await db.DirectDebitFiles.AsNoTracking().FirstOrDefaultAsync(f => f.MessageId == messageId, ct) is { } file
            ? TypedResults.File(Encoding.UTF8.GetBytes(file.Xml), "application/xml", $"{file.MessageId}.xml")
            : ApiAnswers.NotFound($"Direct-debit file {messageId}");
}
