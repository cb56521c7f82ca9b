using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Billing;

namespace Stadtwerk.Web.Api.Contracts;

public sealed record MoveOutApiRequest(string? Date, decimal? FinalReading, string? Source, string? NewCustomerNumber, string? NewContractNumber, string? NewContractAccountNumber);

public sealed record MoveOutResponse(string ContractNumber, DateOnly EndDate, Billing.BillSummary? FinalBill, string? HeldBecause, string? NewContractNumber);

/// <summary>POST /api/contracts/{number}/move-out: Auszug with final reading and Schlussrechnung, optionally the next customer's move-in.</summary>
public static class MoveOutApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/contracts/{contractNumber}/move-out", MoveOutAsync)
            .WithTags("Contracts")
            .WithSummary("End a contract on a day with the final reading (or an estimate), issue the final bill, and move in the next customer")
            .RequireAuthorization(ApiPolicies.Billing);

    private static async Task<Results<Ok<MoveOutResponse>, ValidationProblem, ProblemHttpResult>> MoveOutAsync(MoveOut moveOut, System.Security.Claims.ClaimsPrincipal user, string contractNumber, MoveOutApiRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var date = errors.Date("date", request.Date, required: true);
        var source = errors.Enum<ReadingSource>("source", request.Source) ?? ReadingSource.Agent;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await moveOut.RunAsync(contractNumber, new MoveOutRequest(date!.Value, request.FinalReading, source, request.NewCustomerNumber, request.NewContractNumber, request.NewContractAccountNumber), ct, user.Identity?.Name);
        return result switch
        {
            MoveOutResult.Done done => TypedResults.Ok(new MoveOutResponse(
                contractNumber,
                done.Contract.EndDate!.Value,
                done.FinalBill is BillContractResult.Issued issued
                    ? Billing.BillsApi.Summary(issued.Bill, contractNumber)
                    : null,
                done.FinalBill switch
                {
                    BillContractResult.Held held => $"{JsonNamingPolicy.CamelCase.ConvertName(held.Hold.Reason.ToString())}: {held.Hold.Details}",
                    BillContractResult.Conflict conflict => conflict.Message,
                    BillContractResult.Invalid invalid => invalid.Message,
                    _ => null,
                },
                done.NewContract?.ContractNumber)),
            MoveOutResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            MoveOutResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            MoveOutResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            _ => throw new InvalidOperationException("Unknown move-out result."),
        };
    }
}
