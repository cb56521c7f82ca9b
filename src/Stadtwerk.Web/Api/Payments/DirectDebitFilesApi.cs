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
