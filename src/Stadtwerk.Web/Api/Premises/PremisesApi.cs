using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Premises;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Premises;

public sealed record PremiseRequest(string? PremiseNumber, AddressDto? Address, string? Commodity, string? MarketLocationId, string? MeteringLocationId, string? NetworkArea, int? Version);

public sealed record PremiseResponse(Guid Id, string PremiseNumber, AddressDto Address, Commodity Commodity, string? MarketLocationId, string? MeteringLocationId, string? NetworkArea, int Version)
{
    public static PremiseResponse From(Premise p) => new(
        p.Id, p.PremiseNumber, AddressDto.From(p.Address), p.Commodity, p.MarketLocation?.Value, p.MeteringLocation?.Value, p.NetworkArea, p.Version);
}

/// <summary>/api/premises: supply points with their market and metering location IDs.</summary>
public static class PremisesApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/premises").WithTags("Premises").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/", List).WithSummary("Supply points by number, street, postal code, MaLo or commodity");
        group.MapGet("/{premiseNumber}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{premiseNumber}", Update);
    }

    private static async Task<Results<Ok<ListPage<PremiseResponse>>, ValidationProblem>> List(StadtwerkDbContext db, string? q, string? postalCode, string? commodity, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = errors.Enum<Commodity>("commodity", commodity);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Premises.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            var malo = MarketLocationId.Parse(q.Trim()).Value;
            query = query.Where(p => p.PremiseNumber.ToLower().StartsWith(text) || p.Address.Street.ToLower().StartsWith(text) || (malo != null && p.MarketLocation == malo));
        }

        if (!string.IsNullOrWhiteSpace(postalCode))
        {
            query = query.Where(p => p.Address.PostalCode == postalCode.Trim());
        }

        if (kind is { } c)
        {
            query = query.Where(p => p.Commodity == c);
        }

        return TypedResults.Ok(await Paging.From(page, pageSize).ApplyAsync(query.OrderBy(p => p.PremiseNumber), PremiseResponse.From, ct));
    }

    private static async Task<Results<Ok<PremiseResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string premiseNumber, CancellationToken ct) =>
        await db.Premises.AsNoTracking().FirstOrDefaultAsync(p => p.PremiseNumber == premiseNumber, ct) is { } premise
            ? TypedResults.Ok(PremiseResponse.From(premise))
            : ApiAnswers.NotFound($"Premise {premiseNumber}");

    private static async Task<Results<Created<PremiseResponse>, ValidationProblem, ProblemHttpResult>> Create(StadtwerkDbContext db, PremiseRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var number = errors.Required("premiseNumber", request.PremiseNumber);
        var details = ReadDetails(request, errors);
        if (errors.Any || details is null || number is null)
        {
            return errors.ToProblem();
        }

        var result = Premise.Create(number, details);
        if (result.Value is not { } premise)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await db.Premises.AnyAsync(p => p.PremiseNumber == premise.PremiseNumber, ct))
        {
            return RequestErrors.Conflict("premiseNumber", $"premise number {premise.PremiseNumber} is already taken");
        }

        if (premise.MarketLocation is { } malo && await db.Premises.AnyAsync(p => p.MarketLocation == malo, ct))
        {
            return RequestErrors.Conflict("marketLocationId", $"market location {malo.Value} belongs to another premise");
        }

        db.Premises.Add(premise);
        return await Save.TryAsync(db, ct) is { } conflict
            ? conflict
            : TypedResults.Created($"/api/premises/{premise.PremiseNumber}", PremiseResponse.From(premise));
    }

    private static async Task<Results<Ok<PremiseResponse>, ValidationProblem, ProblemHttpResult>> Update(StadtwerkDbContext db, string premiseNumber, PremiseRequest request, CancellationToken ct)
    {
        var premise = await db.Premises.FirstOrDefaultAsync(p => p.PremiseNumber == premiseNumber, ct);
        if (premise is null)
        {
            return ApiAnswers.NotFound($"Premise {premiseNumber}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        var details = ReadDetails(request, errors);
        if (errors.Any || details is null)
        {
            return errors.ToProblem();
        }

        var result = premise.Update(details);
        if (!result.Succeeded)
        {
            return RequestErrors.Problem(result.Errors);
        }

        db.ExpectVersion(premise, request.Version!.Value);
        return await Save.TryAsync(db, ct, $"Premise {premiseNumber}") is { } conflict ? conflict : TypedResults.Ok(PremiseResponse.From(premise));
    }

    private static PremiseDetails? ReadDetails(PremiseRequest request, RequestErrors errors)
    {
        var address = errors.Address("address", request.Address);
        var commodity = errors.Enum<Commodity>("commodity", request.Commodity, required: true);
        var malo = errors.Parse("marketLocationId", request.MarketLocationId, MarketLocationId.Parse);
        var melo = errors.Parse("meteringLocationId", request.MeteringLocationId, MeteringLocationId.Parse);
        return address is null || commodity is null ? null : new PremiseDetails(address, commodity.Value, malo, melo, request.NetworkArea);
    }
}
