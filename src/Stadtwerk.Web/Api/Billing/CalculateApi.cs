using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Web.Api.Billing;

/// <summary>POST /api/billing/calculate: the spec's calculate interface over HTTP. Public (anyone may replay a bill), rate-limited.</summary>
public static class CalculateApi
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapPost("/billing/calculate", Calculate)
            .WithTags("Billing")
            .WithSummary("Calculate a bill exactly to the cent (same JSON as `stadtwerk calculate`)")
            .Accepts<object>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(StadtwerkWebApplication.CalculatePolicy);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Calculate(HttpRequest request, CancellationToken ct)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, ct);
        var parsed = BillInputJson.Parse(body.ToArray());
        if (parsed.Value is not { } input)
        {
            return TypedResults.Problem(title: "The bill input is invalid.", detail: parsed.Error, statusCode: StatusCodes.Status400BadRequest);
        }

        return BillCalculator.Calculate(input) switch
        {
            CalculationResult.Calculated calculated => TypedResults.Text(BillJson.Write(calculated.Bill), "application/json", System.Text.Encoding.UTF8),
            CalculationResult.Rejected rejected => TypedResults.Problem(title: "The bill input is inconsistent.", detail: rejected.Reason, statusCode: StatusCodes.Status400BadRequest),
            _ => throw new InvalidOperationException("Unknown calculation result."),
        };
    }
}
