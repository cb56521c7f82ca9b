using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Metering;

namespace Stadtwerk.Web.Api.Metering;

public sealed record ReadingCampaignRequest(string? Commodity, string? ReadingDay, string? WindowStart, string? Deadline);

public sealed record ReadingCampaignResponse(
    int Number, Commodity? Commodity, DateOnly ReadingDay, DateOnly WindowStart, DateOnly Deadline, int Requests, int EmailRequests, int CardRequests,
    int Meters, int Read, int Percent, int EmailsWaiting, DateTimeOffset? RemindedAt, IReadOnlyList<CampaignShare> Shares)
{
    public static ReadingCampaignResponse From(CampaignProgress p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var c = p.Campaign;
        return new(c.Number, c.Commodity, c.ReadingDay, c.WindowStart, c.Deadline, c.Requests, p.EmailRequests, p.CardRequests, p.Meters, p.Read, p.Percent, p.EmailsWaiting, c.RemindedAt, p.Shares);
    }
}

public sealed record ReminderResponse(int Number, int Emails);

public sealed record CardsResponse(int Campaign, int PrintBatch, int Cards, int Pages);

/// <summary>/api/reading-campaigns: meter-reading campaigns (Ableseaktion) before a billing run.</summary>
public static class ReadingCampaignsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/reading-campaigns").WithTags("Reading campaigns").RequireAuthorization(ApiPolicies.Billing);
        group.MapPost("", Start).WithSummary("Start a campaign: reading requests for the contracts whose billing period ends on the reading day");
        group.MapGet("", List).WithSummary("The latest campaigns with the share read");
        group.MapGet("/{number:int}", Get).WithSummary("Share read per commodity and area");
        group.MapGet("/{number:int}/unread", Unread).WithSummary("The meters not read yet: what the billing run will estimate");
        group.MapPost("/{number:int}/cards", PrintCards).WithSummary("Put the reading cards for the customers asked by post into a print batch (once per campaign), in postal order with a manifest");
        group.MapPost("/{number:int}/reminder", Remind).WithSummary("Remind, once and before the deadline, the customers who have not read");
    }

    private static async Task<Results<Created<ReadingCampaignResponse>, ValidationProblem>> Start(
        ReadingCampaigns campaigns, ClaimsPrincipal user, ReadingCampaignRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var day = errors.Date("readingDay", request.ReadingDay, required: true);
        var start = errors.Date("windowStart", request.WindowStart, required: true);
        var deadline = errors.Date("deadline", request.Deadline, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await campaigns.StartAsync(request.Commodity, day!.Value, start!.Value, deadline!.Value, user.Identity?.Name ?? "unknown", ct);
        if (result is ReadingCampaignResult.Invalid invalid)
        {
            return RequestErrors.Problem(invalid.Errors);
        }

        var number = ((ReadingCampaignResult.Done)result).Campaign.Number;
        return TypedResults.Created($"/api/reading-campaigns/{number}", ReadingCampaignResponse.From((await campaigns.ProgressAsync(number, ct))!));
    }

    private static async Task<Ok<IReadOnlyList<ReadingCampaignResponse>>> List(ReadingCampaigns campaigns, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<ReadingCampaignResponse>>([.. (await campaigns.ListAsync(ct)).Select(ReadingCampaignResponse.From)]);

    private static async Task<Results<Ok<ReadingCampaignResponse>, ProblemHttpResult>> Get(ReadingCampaigns campaigns, int number, CancellationToken ct) =>
        await campaigns.ProgressAsync(number, ct) is { } progress ? TypedResults.Ok(ReadingCampaignResponse.From(progress)) : ApiAnswers.NotFound($"Reading campaign {number}");

    private static async Task<Results<Ok<IReadOnlyList<UnreadMeter>>, ProblemHttpResult>> Unread(ReadingCampaigns campaigns, int number, int? take, CancellationToken ct) =>
        await campaigns.ProgressAsync(number, ct) is null
            ? ApiAnswers.NotFound($"Reading campaign {number}")
            : TypedResults.Ok(await campaigns.UnreadAsync(number, Math.Clamp(take ?? 1000, 1, 10_000), ct));

    private static async Task<Results<Created<CardsResponse>, ProblemHttpResult>> PrintCards(
        Stadtwerk.Infrastructure.Documents.ReadingCards cards, ClaimsPrincipal user, int number, CancellationToken ct) =>
        await cards.PrintAsync(number, user.Identity?.Name ?? "unknown", ct) switch
        {
            Stadtwerk.Infrastructure.Documents.ReadingCardsResult.Printed printed => TypedResults.Created(
                $"/api/print-batches/{printed.Batch.Number}/pdf", new CardsResponse(number, printed.Batch.Number, printed.Batch.Letters, printed.Batch.Pages)),
            Stadtwerk.Infrastructure.Documents.ReadingCardsResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            Stadtwerk.Infrastructure.Documents.ReadingCardsResult.Refused refused => RequestErrors.Conflict(refused.Field, refused.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };

    private static async Task<Results<Ok<ReminderResponse>, ProblemHttpResult>> Remind(ReadingCampaigns campaigns, int number, CancellationToken ct) =>
        await campaigns.RemindAsync(number, ct) switch
        {
            ReadingCampaignResult.Done done => TypedResults.Ok(new ReminderResponse(number, done.Emails)),
            ReadingCampaignResult.NotFound => ApiAnswers.NotFound($"Reading campaign {number}"),
            ReadingCampaignResult.Invalid invalid => RequestErrors.Conflict(invalid.Errors[0].Field, invalid.Errors[0].Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };
}
