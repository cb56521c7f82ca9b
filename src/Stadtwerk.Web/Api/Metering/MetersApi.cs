using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Metering;

public sealed record MeterRequest(string? MeterNumber, string? PremiseNumber, int? Digits, string? InstalledOn, string? RemovedOn, int? Version);

public sealed record MeterResponse(Guid Id, string MeterNumber, Commodity Commodity, int? Digits, string PremiseNumber, DateOnly InstalledOn, DateOnly? RemovedOn, int Version);

/// <param name="Reason">Why a reading is entered or corrected by hand; kept in the reading's audit (optional here, required on the clerk's page).</param>
public sealed record ReadingRequest(string? Date, decimal? Value, string? Kind, string? Source, int? Version, string? Reason = null);

public sealed record ReadingResponse(Guid Id, string MeterNumber, DateOnly Date, decimal Value, ReadingKind Kind, ReadingSource Source, DateTimeOffset RecordedAt, int Version);

/// <summary>/api/meters and /api/meters/{number}/readings: meters at supply points and their readings.</summary>
public static class MetersApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/meters").WithTags("Meters and readings").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/", List).WithSummary("Meters by number, premise or commodity");
        group.MapGet("/{meterNumber}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{meterNumber}", Update);
        group.MapGet("/{meterNumber}/readings", ListReadings).WithSummary("The readings of a meter, newest first");
        group.MapGet("/{meterNumber}/readings/{date}", GetReading);
        group.MapPost("/{meterNumber}/readings", CreateReading).WithSummary("Record a reading (state at the end of the day)");
        group.MapPut("/{meterNumber}/readings/{date}", CorrectReading).WithSummary("Correct the value or kind of a reading");
    }

    private static async Task<Results<Ok<ListPage<MeterResponse>>, ValidationProblem>> List(StadtwerkDbContext db, string? q, string? premiseNumber, string? commodity, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = errors.Enum<Commodity>("commodity", commodity);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Meters.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(m => m.MeterNumber.ToLower().StartsWith(text));
        }

        if (!string.IsNullOrWhiteSpace(premiseNumber))
        {
            query = query.Where(m => db.Premises.Any(p => p.Id == m.PremiseId && p.PremiseNumber == premiseNumber));
        }

        if (kind is { } k)
        {
            query = query.Where(m => m.Commodity == k);
        }

        var paging = Paging.From(page, pageSize);
        var total = await query.CountAsync(ct);
        var meters = await query.OrderBy(m => m.MeterNumber).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new ListPage<MeterResponse>(await ToResponses(db, meters, ct), paging.Page, paging.PageSize, total));
    }

    private static async Task<Results<Ok<MeterResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string meterNumber, CancellationToken ct) =>
        await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct) is { } meter
            ? TypedResults.Ok((await ToResponses(db, [meter], ct))[0])
            : ApiAnswers.NotFound($"Meter {meterNumber}");

    private static async Task<Results<Created<MeterResponse>, ValidationProblem, ProblemHttpResult>> Create(StadtwerkDbContext db, MeterRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var number = errors.Required("meterNumber", request.MeterNumber);
        var premiseNumber = errors.Required("premiseNumber", request.PremiseNumber);
        var premise = premiseNumber is null ? null : await db.Premises.FirstOrDefaultAsync(p => p.PremiseNumber == premiseNumber, ct);
        if (premiseNumber is not null && premise is null)
        {
            errors.Add("premiseNumber", $"premise {premiseNumber} does not exist");
        }

        var installed = errors.Date("installedOn", request.InstalledOn, required: true);
        var removed = errors.Date("removedOn", request.RemovedOn);
        if (errors.Any || number is null || premise is null || installed is null)
        {
            return errors.ToProblem();
        }

        var result = Meter.Create(number, premise, request.Digits, installed.Value, removed);
        if (result.Value is not { } meter)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await db.Meters.AnyAsync(m => m.MeterNumber == meter.MeterNumber, ct))
        {
            return RequestErrors.Conflict("meterNumber", $"meter number {meter.MeterNumber} is already taken");
        }

        db.Meters.Add(meter);
        return await Save.TryAsync(db, ct) is { } conflict
            ? conflict
            : TypedResults.Created($"/api/meters/{meter.MeterNumber}", (await ToResponses(db, [meter], ct))[0]);
    }

    private static async Task<Results<Ok<MeterResponse>, ValidationProblem, ProblemHttpResult>> Update(StadtwerkDbContext db, string meterNumber, MeterRequest request, CancellationToken ct)
    {
        var meter = await db.Meters.FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        if (meter is null)
        {
            return ApiAnswers.NotFound($"Meter {meterNumber}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        var installed = errors.Date("installedOn", request.InstalledOn, required: true);
        var removed = errors.Date("removedOn", request.RemovedOn);
        if (errors.Any || installed is null)
        {
            return errors.ToProblem();
        }

        var readings = await db.Readings.AsNoTracking().Where(r => r.MeterId == meter.Id).Select(r => r.Date).ToListAsync(ct);
        if (readings.Count > 0 && (readings.Min() < installed || (removed is { } r && readings.Max() > r)))
        {
            return RequestErrors.Problem([new Core.FieldError("installedOn", "the meter has readings outside these dates")]);
        }

        var result = meter.Update(request.Digits, installed.Value, removed);
        if (!result.Succeeded)
        {
            return RequestErrors.Problem(result.Errors);
        }

        db.ExpectVersion(meter, request.Version!.Value);
        return await Save.TryAsync(db, ct, $"Meter {meterNumber}") is { } conflict ? conflict : TypedResults.Ok((await ToResponses(db, [meter], ct))[0]);
    }

    private static async Task<Results<Ok<ListPage<ReadingResponse>>, ProblemHttpResult>> ListReadings(StadtwerkDbContext db, string meterNumber, int? page, int? pageSize, CancellationToken ct)
    {
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        if (meter is null)
        {
            return ApiAnswers.NotFound($"Meter {meterNumber}");
        }

        var query = db.Readings.AsNoTracking().Where(r => r.MeterId == meter.Id).OrderByDescending(r => r.Date);
        return TypedResults.Ok(await Paging.From(page, pageSize).ApplyAsync(query, r => ToResponse(meter, r), ct));
    }

    private static async Task<Results<Ok<ReadingResponse>, ProblemHttpResult>> GetReading(StadtwerkDbContext db, string meterNumber, DateOnly date, CancellationToken ct)
    {
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        var reading = meter is null ? null : await db.Readings.AsNoTracking().FirstOrDefaultAsync(r => r.MeterId == meter.Id && r.Date == date, ct);
        return reading is null ? ApiAnswers.NotFound($"A reading of meter {meterNumber} on {date.ToIso()}") : TypedResults.Ok(ToResponse(meter!, reading));
    }

    private static async Task<Results<Created<ReadingResponse>, ValidationProblem, ProblemHttpResult>> CreateReading(
        StadtwerkDbContext db, ReadingEntries entries, System.Security.Claims.ClaimsPrincipal user, string meterNumber, ReadingRequest request, CancellationToken ct)
    {
        if (!await db.Meters.AnyAsync(m => m.MeterNumber == meterNumber, ct))
        {
            return ApiAnswers.NotFound($"Meter {meterNumber}");
        }

        var errors = new RequestErrors();
        var date = errors.Date("date", request.Date, required: true);
        if (request.Value is null)
        {
            errors.Add("value", "is required");
        }

        var kind = errors.Enum<ReadingKind>("kind", request.Kind) ?? ReadingKind.Actual;
        var source = errors.Enum<ReadingSource>("source", request.Source) ?? ReadingSource.Agent;
        if (errors.Any || date is null)
        {
            return errors.ToProblem();
        }

        return await entries.AddAsync(meterNumber, date.Value, request.Value!.Value, kind, source, request.Reason, user.Identity?.Name ?? "unknown", ct) switch
        {
            ReadingEntryResult.Saved saved => TypedResults.Created($"/api/meters/{meterNumber}/readings/{saved.Reading.Date.ToIso()}", ToResponse(saved.Meter, saved.Reading)),
            ReadingEntryResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            ReadingEntryResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            _ => ApiAnswers.NotFound($"Meter {meterNumber}"),
        };
    }

    private static async Task<Results<Ok<ReadingResponse>, ValidationProblem, ProblemHttpResult>> CorrectReading(
        StadtwerkDbContext db, ReadingEntries entries, System.Security.Claims.ClaimsPrincipal user, string meterNumber, DateOnly date, ReadingRequest request, CancellationToken ct)
    {
        var meter = await db.Meters.AsNoTracking().FirstOrDefaultAsync(m => m.MeterNumber == meterNumber, ct);
        if (meter is null || !await db.Readings.AnyAsync(r => r.MeterId == meter.Id && r.Date == date, ct))
        {
            return ApiAnswers.NotFound($"A reading of meter {meterNumber} on {date.ToIso()}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        if (request.Value is null)
        {
            errors.Add("value", "is required");
        }

        var kind = errors.Enum<ReadingKind>("kind", request.Kind);
        var source = errors.Enum<ReadingSource>("source", request.Source) ?? ReadingSource.Agent;
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await entries.CorrectAsync(meterNumber, date, request.Value!.Value, kind, source, request.Version!.Value, request.Reason, user.Identity?.Name ?? "unknown", ct) switch
        {
            ReadingEntryResult.Saved saved => TypedResults.Ok(ToResponse(saved.Meter, saved.Reading)),
            ReadingEntryResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            ReadingEntryResult.Conflict => ApiAnswers.StaleVersion("The reading"),
            _ => ApiAnswers.NotFound($"A reading of meter {meterNumber} on {date.ToIso()}"),
        };
    }

    private static ReadingResponse ToResponse(Meter meter, Reading r) =>
        new(r.Id, meter.MeterNumber, r.Date, r.Value, r.Kind, r.Source, r.RecordedAt, r.Version);

    private static async Task<List<MeterResponse>> ToResponses(StadtwerkDbContext db, IReadOnlyCollection<Meter> meters, CancellationToken ct)
    {
        var premiseIds = meters.Select(m => m.PremiseId).Distinct().ToList();
        var premises = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PremiseNumber, ct);
        return [.. meters.Select(m => new MeterResponse(m.Id, m.MeterNumber, m.Commodity, m.Digits, premises[m.PremiseId], m.InstalledOn, m.RemovedOn, m.Version))];
    }
}
