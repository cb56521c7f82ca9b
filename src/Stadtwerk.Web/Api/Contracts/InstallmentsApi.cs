using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Contracts;

public sealed record InstallmentChangeRequest(decimal? Amount, string? Channel, int? Version);

public sealed record InstallmentDecisionRequest(bool? Approve);

public sealed record InstallmentChangeResponse(
    Guid Id, string ContractNumber, decimal OldAmount, decimal NewAmount, decimal CalculatedAmount, DateOnly EffectiveFrom,
    ChangeChannel Channel, string ChangedBy, DateTimeOffset ChangedAt, InstallmentChangeStatus Status, string? DecidedBy, DateTimeOffset? DecidedAt,
    InstallmentPlanResponse? Plan, int ContractVersion);

/// <summary>
/// Installment changes (Abschlagsänderung) of a contract: by an agent for the customer on the phone, or a clerk;
/// effective from the next installment not yet collected; reductions below 80 % of the calculated amount wait
/// for a clerk's approval. Every change is recorded with who, when, old and new amount and channel.
/// </summary>
public static class InstallmentsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Installments").RequireAuthorization(ApiPolicies.MasterData);
        group.MapPost("/contracts/{contractNumber}/installment-changes", Change).WithSummary("Change the installment amount (send the contract version you read)");
        group.MapGet("/contracts/{contractNumber}/installment-changes", History);
        group.MapGet("/installment-changes/awaiting-approval", Awaiting).RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("/installment-changes/{id:guid}/decision", Decide).RequireAuthorization(ApiPolicies.Billing)
            .WithSummary("Approve or reject a reduction that waits for a clerk");
    }

    private static async Task<Results<Ok<InstallmentChangeResponse>, ValidationProblem, ProblemHttpResult>> Change(
        ChangeInstallment changeInstallment, ClaimsPrincipal user, string contractNumber, InstallmentChangeRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        if (request.Version is null)
        {
            errors.Add("version", "is required: send the contract version you read");
        }

        if (request.Amount is null)
        {
            errors.Add("amount", "is required");
        }

        var channel = errors.Enum<ChangeChannel>("channel", request.Channel, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await changeInstallment.RunAsync(contractNumber, request.Amount!.Value, channel!.Value, user.Identity?.Name ?? "unknown", request.Version, ct);
        return result switch
        {
            InstallmentChangeResult.Changed changed => TypedResults.Ok(ToResponse(changed.Change, changed.Contract)),
            InstallmentChangeResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            InstallmentChangeResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            InstallmentChangeResult.Stale stale => ApiAnswers.StaleVersion($"Contract {stale.ContractNumber}"),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<InstallmentChangeResponse>>, ProblemHttpResult>> History(StadtwerkDbContext db, string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return ApiAnswers.NotFound($"Contract {contractNumber}");
        }

        var changes = await db.InstallmentPlanChanges.AsNoTracking().Where(c => c.ContractId == contract.Id).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<InstallmentChangeResponse>>([.. changes.OrderBy(c => c.ChangedAt).Select(c => ToResponse(c, contract))]);
    }

    private static async Task<Ok<IReadOnlyList<InstallmentChangeResponse>>> Awaiting(StadtwerkDbContext db, CancellationToken ct)
    {
        var rows = await (from change in db.InstallmentPlanChanges.AsNoTracking()
                          join contract in db.Contracts.AsNoTracking() on change.ContractId equals contract.Id
                          where change.Status == InstallmentChangeStatus.AwaitingApproval
                          orderby change.Id
                          select new { change, contract }).Take(500).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<InstallmentChangeResponse>>([.. rows.OrderBy(r => r.change.ChangedAt).Select(r => ToResponse(r.change, r.contract))]);
    }

    private static async Task<Results<Ok<InstallmentChangeResponse>, ValidationProblem, ProblemHttpResult>> Decide(
        ChangeInstallment installments, ClaimsPrincipal user, Guid id, InstallmentDecisionRequest request, CancellationToken ct)
    {
        if (request.Approve is null)
        {
            return RequestErrors.Problem([new Core.FieldError("approve", "is required (true or false)")]);
        }

        var result = await installments.DecideAsync(id, request.Approve.Value, user.Identity?.Name ?? "unknown", ct);
        return result switch
        {
            InstallmentChangeResult.Changed changed => TypedResults.Ok(ToResponse(changed.Change, changed.Contract)),
            InstallmentChangeResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            InstallmentChangeResult.Refused refused => RequestErrors.Conflict(refused.Field, refused.Message),
            InstallmentChangeResult.Stale stale => ApiAnswers.StaleVersion($"Contract {stale.ContractNumber}"),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static InstallmentChangeResponse ToResponse(InstallmentPlanChange c, Contract contract) => new(
        c.Id, contract.ContractNumber, c.OldAmount, c.NewAmount, c.CalculatedAmount, c.EffectiveFrom, c.Channel, c.ChangedBy, c.ChangedAt, c.Status, c.DecidedBy, c.DecidedAt,
        contract.InstallmentPlan is { } p ? new InstallmentPlanResponse(p.Amount, p.FirstDue, p.Count, p.DueDates()) : null,
        contract.Version);
}
