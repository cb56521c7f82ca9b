using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Billing;

public sealed record SettlementRequest(string? Kind, int? Parts, string? FirstDue);

public sealed record SettlementResponse(Guid Id, string BillNumber, SettlementKind Kind, decimal Amount, IReadOnlyList<SettlementPart> Schedule, string AgreedBy, DateTimeOffset AgreedAt);

/// <summary>
/// POST /api/bills/{number}/settlement: what happens with a bill's balance — a claim in monthly parts
/// (Ratenzahlung) or deferred (Stundung); a credit refunded within two weeks or set off against the next
/// installments. GET returns the agreement of a bill.
/// </summary>
public static class SettlementsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/bills/{number}/settlement").WithTags("Bills").RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("", Agree).WithSummary("Agree instalments or a deferral for a claim, or a refund or set-off for a credit");
        group.MapGet("", Get);
    }

    private static async Task<Results<Created<SettlementResponse>, ValidationProblem, ProblemHttpResult>> Agree(
        AgreeSettlement agree, ClaimsPrincipal user, string number, SettlementRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = errors.Enum<SettlementKind>("kind", request.Kind, required: true);
        var firstDue = errors.Date("firstDue", request.FirstDue);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await agree.RunAsync(number, kind!.Value, request.Parts ?? 0, firstDue, user.Identity?.Name ?? "unknown", ct);
        return result switch
        {
            SettlementResult.Agreed agreed => TypedResults.Created($"/api/bills/{number}/settlement", ToResponse(agreed.Settlement, number)),
            SettlementResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            SettlementResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            SettlementResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Results<Ok<SettlementResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string number, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, ct);
        var settlement = bill is null ? null : await db.BalanceSettlements.AsNoTracking().FirstOrDefaultAsync(s => s.BillId == bill.Id, ct);
        return settlement is null ? ApiAnswers.NotFound($"An agreement for bill {number}") : TypedResults.Ok(ToResponse(settlement, number));
    }

    private static SettlementResponse ToResponse(BalanceSettlement s, string number) =>
        new(s.Id, number, s.Kind, s.Amount, s.Schedule(), s.AgreedBy, s.AgreedAt);
}
