using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Core.Cases;
using Stadtwerk.Infrastructure.Cases;

namespace Stadtwerk.Web.Api.Cases;

public sealed record CloseCaseRequest(string? Resolution, int? Version);

/// <summary>/api/cases: the staff's cases (Vorgänge), opened by the system (rejected and returned debits) and closed by staff.</summary>
public static class CasesApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/cases").WithTags("Cases").RequireAuthorization(ApiPolicies.Cases);
        group.MapGet("", List).WithSummary("Cases, open ones first and oldest first (the work queue); filter by status, kind and customer number");
        group.MapGet("/{number}", Get).WithSummary("One case (V-000123)");
        group.MapPost("/{number}/close", Close).WithSummary("Close a case with what was done; the version read guards against closing twice");
    }

    private static async Task<Results<Ok<ListPage<CaseView>>, ValidationProblem>> List(
        CaseQueries cases, string? status, string? kind, string? customer, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var wantedStatus = errors.Enum<CaseStatus>("status", status);
        var wantedKind = errors.Enum<CaseKind>("kind", kind);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var paging = Paging.From(page, pageSize);
        var (items, total) = await cases.ListAsync(wantedStatus, wantedKind, customer, paging.Skip, paging.PageSize, ct);
        return TypedResults.Ok(new ListPage<CaseView>(items, paging.Page, paging.PageSize, total));
    }

    private static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Get(CaseQueries cases, string number, CancellationToken ct) =>
        await cases.FindAsync(number, ct) is { } found ? TypedResults.Ok(found) : ApiAnswers.NotFound($"Case {number}");

    private static async Task<Results<Ok<CaseView>, ValidationProblem, ProblemHttpResult>> Close(
        CaseQueries cases, ClaimsPrincipal user, string number, CloseCaseRequest request, CancellationToken ct)
    {
        var result = await cases.CloseAsync(number, request.Resolution, request.Version, user.Identity?.Name ?? "unknown", ct);
        switch (result)
        {
            case CloseCaseResult.Closed closed:
                return TypedResults.Ok(closed.Case);
            case CloseCaseResult.NotFound notFound:
                return ApiAnswers.NotFound(notFound.What);
            case CloseCaseResult.Invalid invalid:
                var errors = new RequestErrors();
                errors.Add(invalid.Field, invalid.Message);
                return errors.ToProblem();
            case CloseCaseResult.Conflict conflict:
                return RequestErrors.Conflict("status", conflict.Message);
            default:
                throw new InvalidOperationException("unknown result");
        }
    }
}
