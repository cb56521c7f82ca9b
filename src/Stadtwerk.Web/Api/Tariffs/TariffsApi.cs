using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Tariffs;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Tariffs;

public sealed record TariffPriceDto(string? ValidFrom, decimal? EnergyPrice, decimal? BasePricePerYear);

public sealed record TariffRequest(string? Code, string? Name, string? Commodity, IReadOnlyList<TariffPriceDto>? Prices, int? Version);

public sealed record TariffPriceResponse(DateOnly ValidFrom, decimal EnergyPrice, decimal BasePricePerYear);

public sealed record TariffResponse(Guid Id, string Code, string Name, Commodity Commodity, IReadOnlyList<TariffPriceResponse> Prices, int Version)
{
    public static TariffResponse From(Tariff t) => new(
        t.Id, t.Code, t.Name, t.Commodity, [.. t.Prices.OrderBy(p => p.ValidFrom).Select(p => new TariffPriceResponse(p.ValidFrom, p.EnergyPrice, p.BasePricePerYear))], t.Version);
}

/// <summary>/api/tariffs: products with dated net prices. Reading is open to all staff; changes to clerks and administrators.</summary>
public static class TariffsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/tariffs").WithTags("Tariffs").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/", List);
        group.MapGet("/{code}", Get);
        group.MapPost("/", Create).RequireAuthorization(ApiPolicies.Tariffs);
        group.MapPut("/{code}", Update).RequireAuthorization(ApiPolicies.Tariffs);
    }

    private static async Task<Results<Ok<ListPage<TariffResponse>>, ValidationProblem>> List(StadtwerkDbContext db, string? commodity, string? q, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = errors.Enum<Commodity>("commodity", commodity);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Tariffs.AsNoTracking();
        if (kind is { } c)
        {
            query = query.Where(t => t.Commodity == c);
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(t => t.Code.ToLower().StartsWith(text) || t.Name.ToLower().Contains(text));
        }

        return TypedResults.Ok(await Paging.From(page, pageSize).ApplyAsync(query.OrderBy(t => t.Code), TariffResponse.From, ct));
    }

    private static async Task<Results<Ok<TariffResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string code, CancellationToken ct) =>
        await db.Tariffs.AsNoTracking().FirstOrDefaultAsync(t => t.Code == code, ct) is { } tariff
            ? TypedResults.Ok(TariffResponse.From(tariff))
            : ApiAnswers.NotFound($"Tariff {code}");

    private static async Task<Results<Created<TariffResponse>, ValidationProblem, ProblemHttpResult>> Create(StadtwerkDbContext db, TariffRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var code = errors.Required("code", request.Code);
        var commodity = errors.Enum<Commodity>("commodity", request.Commodity, required: true);
        var prices = ReadPrices(request.Prices, errors);
        if (errors.Any || code is null || commodity is null)
        {
            return errors.ToProblem();
        }

        var result = Tariff.Create(code, request.Name ?? string.Empty, commodity.Value, prices);
        if (result.Value is not { } tariff)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await db.Tariffs.AnyAsync(t => t.Code == tariff.Code, ct))
        {
            return RequestErrors.Conflict("code", $"tariff code {tariff.Code} is already taken");
        }

        db.Tariffs.Add(tariff);
        return await Save.TryAsync(db, ct) is { } conflict ? conflict : TypedResults.Created($"/api/tariffs/{tariff.Code}", TariffResponse.From(tariff));
    }

    private static async Task<Results<Ok<TariffResponse>, ValidationProblem, ProblemHttpResult>> Update(StadtwerkDbContext db, string code, TariffRequest request, CancellationToken ct)
    {
        var tariff = await db.Tariffs.FirstOrDefaultAsync(t => t.Code == code, ct);
        if (tariff is null)
        {
            return ApiAnswers.NotFound($"Tariff {code}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        if (request.Commodity is { } commodityText && !string.Equals(commodityText, tariff.Commodity.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("commodity", "cannot be changed");
        }

        var prices = ReadPrices(request.Prices, errors);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = tariff.Update(request.Name ?? string.Empty, prices);
        if (!result.Succeeded)
        {
            return RequestErrors.Problem(result.Errors);
        }

        db.ExpectVersion(tariff, request.Version!.Value);
        return await Save.TryAsync(db, ct, $"Tariff {code}") is { } conflict ? conflict : TypedResults.Ok(TariffResponse.From(tariff));
    }

    private static List<TariffPrice> ReadPrices(IReadOnlyList<TariffPriceDto>? prices, RequestErrors errors)
    {
        var list = new List<TariffPrice>();
        if (prices is null || prices.Count == 0)
        {
            errors.Add("prices", "a tariff needs at least one price");
            return list;
        }

        for (var i = 0; i < prices.Count; i++)
        {
            var field = $"prices[{i}]";
            var from = errors.Date($"{field}.validFrom", prices[i].ValidFrom, required: true);
            var energy = prices[i].EnergyPrice;
            var basePrice = prices[i].BasePricePerYear;
            if (energy is null or < 0)
            {
                errors.Add($"{field}.energyPrice", "is required and must not be negative");
            }

            if (basePrice is null or < 0)
            {
                errors.Add($"{field}.basePricePerYear", "is required and must not be negative");
            }

            if (from is { } f && energy is >= 0 && basePrice is >= 0)
            {
                list.Add(TariffPrice.Create(f, energy.Value, basePrice.Value));
            }
        }

        return list;
    }
}
