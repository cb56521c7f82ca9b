using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.BillingRuns;

namespace Stadtwerk.Web.Api.Billing;

public sealed record BillingRunStartRequest(string? Commodity, string? PeriodEndFrom, string? PeriodEndTo, IReadOnlyList<string>? ContractNumbers, int? ChunkSize);

public sealed record BillingRunResponse(
    int Number, BillingRunStatus Status, Commodity? Commodity, DateOnly PeriodEndFrom, DateOnly PeriodEndTo, bool FromList, DateOnly IssuedOn,
    int Selected, int Billed, int Held, int Failed, int Skipped, int Processed, int Percent, int Chunks, int ChunksDone,
    decimal? ContractsPerSecond, DateTimeOffset StartedAt, string StartedBy, DateTimeOffset? ExpectedEnd, DateTimeOffset? FinishedAt)
{
    public static BillingRunResponse From(BillingRunProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var r = p.Run;
        return new(r.Number, r.Status, r.Commodity, r.PeriodEndFrom, r.PeriodEndTo, r.FromList, r.IssuedOn, r.Selected, p.Billed, p.Held, p.Failed, p.Skipped, p.Processed, p.Percent,
            r.Chunks, p.ChunksDone, p.ContractsPerSecond, r.StartedAt, r.StartedBy, p.ExpectedEnd, r.FinishedAt);
    }
}

public sealed record BillingRunReportResponse(BillingRunResponse Run, IReadOnlyList<CommodityTotal> Totals, IReadOnlyList<RunExceptionCase> Exceptions, int ExceptionsTotal);

/// <summary>
/// /api/billing-runs: start a billing run (Abrechnungslauf) for a selection, follow its progress, read its report
/// (totals per commodity, held and failed contracts), cancel and resume it.
/// </summary>
public static class BillingRunsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/billing-runs").WithTags("Billing runs").RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("", Start).WithSummary("Start a billing run for a commodity and a window of period ends, or for a list of contracts");
        group.MapGet("", List).WithSummary("The latest billing runs with their progress");
        group.MapGet("/{number:int}", Get).WithSummary("Progress of a run: counts, rate, expected end");
        group.MapGet("/{number:int}/report", Report).WithSummary("Result report: totals per commodity, held contracts with the reason, failed ones with the error");
        group.MapPost("/{number:int}/cancel", Cancel).WithSummary("Cancel a running run; chunks not begun stay pending");
        group.MapPost("/{number:int}/resume", Resume).WithSummary("Resume a cancelled run, or queue the pending chunks of a running one again");
    }

    private static async Task<Results<Accepted<BillingRunResponse>, ValidationProblem>> Start(
        StartBillingRun start, BillingRunQueries queries, ClaimsPrincipal user, BillingRunStartRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var from = errors.Date("periodEndFrom", request.PeriodEndFrom, required: true);
        var to = errors.Date("periodEndTo", request.PeriodEndTo, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await start.RunAsync(new BillingRunRequest(request.Commodity, from!.Value, to!.Value, request.ContractNumbers, request.ChunkSize), user.Identity?.Name ?? "unknown", ct);
        if (result is StartBillingRunResult.Invalid invalid)
        {
            return RequestErrors.Problem(invalid.Errors);
        }

        var run = ((StartBillingRunResult.Started)result).Run;
        var progress = await queries.ProgressAsync(run.Number, ct);
        return TypedResults.Accepted($"/api/billing-runs/{run.Number}", BillingRunResponse.From(progress!));
    }

    private static async Task<Ok<IReadOnlyList<BillingRunResponse>>> List(BillingRunQueries queries, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<BillingRunResponse>>([.. (await queries.ListAsync(50, ct)).Select(BillingRunResponse.From)]);

    private static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> Get(BillingRunQueries queries, int number, CancellationToken ct) =>
        await queries.ProgressAsync(number, ct) is { } progress ? TypedResults.Ok(BillingRunResponse.From(progress)) : ApiAnswers.NotFound($"Billing run {number}");

    private static async Task<Results<Ok<BillingRunReportResponse>, ProblemHttpResult>> Report(BillingRunQueries queries, int number, int? maxExceptions, CancellationToken ct)
    {
        var report = await queries.ReportAsync(number, Math.Clamp(maxExceptions ?? 1000, 1, 10_000), ct);
        return report is null
            ? ApiAnswers.NotFound($"Billing run {number}")
            : TypedResults.Ok(new BillingRunReportResponse(BillingRunResponse.From(report.Progress), report.Totals, report.Exceptions, report.ExceptionsTotal));
    }

    private static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> Cancel(BillingRunControl control, BillingRunQueries queries, int number, CancellationToken ct) =>
        await Answer(await control.CancelAsync(number, ct), queries, ct);

    private static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> Resume(BillingRunControl control, BillingRunQueries queries, int number, CancellationToken ct) =>
        await Answer(await control.ResumeAsync(number, ct), queries, ct);

    private static async Task<Results<Ok<BillingRunResponse>, ProblemHttpResult>> Answer(BillingRunControlResult result, BillingRunQueries queries, CancellationToken ct) => result switch
    {
        BillingRunControlResult.Done done => TypedResults.Ok(BillingRunResponse.From((await queries.ProgressAsync(done.Run.Number, ct))!)),
        BillingRunControlResult.NotFound notFound => ApiAnswers.NotFound($"Billing run {notFound.Number}"),
        BillingRunControlResult.Invalid invalid => RequestErrors.Conflict(invalid.Error.Field, invalid.Error.Message),
        _ => throw new InvalidOperationException("Unknown result."),
    };
}
