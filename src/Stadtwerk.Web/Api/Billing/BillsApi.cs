using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Billing;

public sealed record BillRequest(string? PeriodStart, string? PeriodEnd);

public sealed record BillSummary(
    string Number, BillKind Kind, string ContractNumber, DateOnly IssuedOn, DateOnly PeriodStart, DateOnly PeriodEnd,
    long Quantity, decimal Net, decimal Gross, decimal Paid, decimal Balance, DateOnly DueOn, bool HasEstimates, DocumentLink? Link = null);

/// <summary>An issued bill with the calculate input it was made from and the calculate output it gives.</summary>
public sealed record BillResponse(BillSummary Bill, JsonElement Input, JsonElement Output);

public sealed record CancellationResponse(BillSummary Cancellation, string CancelledBillNumber);

/// <summary>The cancellation, and the corrected bill or why it is held for a clerk.</summary>
public sealed record CorrectionResponse(CancellationResponse Cancellation, BillSummary? CorrectedBill, string? HeldBecause);

public sealed record HoldResponse(Guid Id, string ContractNumber, DateOnly PeriodStart, DateOnly PeriodEnd, HoldReason Reason, string Details, DateTimeOffset CreatedAt);

/// <summary>
/// Annual bills of contracts (POST issues one; an Idempotency-Key header makes a repeat return the first),
/// the bills of a contract, one bill with its replayable input, the hold list (Klärfälle), the contract account.
/// </summary>
public static class BillsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").WithTags("Bills").RequireAuthorization(ApiPolicies.MasterData);
        group.MapPost("/contracts/{contractNumber}/bills", Issue).RequireAuthorization(ApiPolicies.Billing)
            .WithSummary("Issue the annual bill of a contract for a period (Jahresabrechnung)");
        group.MapGet("/contracts/{contractNumber}/bills", ListForContract);
        group.MapGet("/contracts/{contractNumber}/collections", Collections)
            .WithSummary("What is still to be collected: installments, agreed parts, less credits set off (Einzugsplan)");
        group.MapGet("/bills/{number}", Get);
        group.MapGet("/billing/holds", Holds).WithSummary("Bills held for a clerk (Klärfälle), oldest first");
        group.MapPost("/bills/{number}/cancellation", Cancel).RequireAuthorization(ApiPolicies.Billing)
            .WithSummary("Cancel a bill (Storno): a cancellation document with negated amounts; the bill itself stays unchanged");
        group.MapPost("/bills/{number}/correction", Correct).RequireAuthorization(ApiPolicies.Billing)
            .WithSummary("Cancel a bill and bill its period again from the corrected readings and prices (Storno und Neuberechnung)");
    }

    private static async Task<Results<Created<BillResponse>, Ok<BillResponse>, ValidationProblem, ProblemHttpResult>> Issue(
        StadtwerkDbContext db, BillContract billing, System.Security.Claims.ClaimsPrincipal user, string contractNumber, BillRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var start = errors.Date("periodStart", request.PeriodStart, required: true);
        var end = errors.Date("periodEnd", request.PeriodEnd, required: true);
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add("periodEnd", "is before periodStart");
        }

        if (idempotencyKey is { Length: > 100 })
        {
            errors.Add("Idempotency-Key", "must be at most 100 characters");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var result = await billing.RunAsync(contractNumber, BillingPeriod.Create(start!.Value, end!.Value), idempotencyKey, ct, issuedBy: user.Identity?.Name);
        return result switch
        {
            BillContractResult.Issued { Repeated: false } issued => TypedResults.Created($"/api/bills/{issued.Bill.Number}", await ToResponse(db, issued.Bill, ct)),
            BillContractResult.Issued issued => TypedResults.Ok(await ToResponse(db, issued.Bill, ct)),
            BillContractResult.Held held => TypedResults.Problem(
                title: "The bill is held for a clerk (Klärfall).",
                detail: held.Hold.Details,
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["reason"] = JsonNamingPolicy.CamelCase.ConvertName(held.Hold.Reason.ToString()), ["holdId"] = held.Hold.Id }),
            BillContractResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            BillContractResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            BillContractResult.Invalid invalid => RequestErrors.Problem([new Core.FieldError(invalid.Field, invalid.Message)]),
            _ => throw new InvalidOperationException("Unknown billing result."),
        };
    }

    private static async Task<Results<Created<CancellationResponse>, Ok<CancellationResponse>, ProblemHttpResult>> Cancel(
        StadtwerkDbContext db, CancelBill cancel, string number, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, CancellationToken ct)
    {
        var result = await cancel.RunAsync(number, idempotencyKey, ct);
        return result switch
        {
            CancelBillResult.Cancelled { Repeated: false } done => TypedResults.Created($"/api/bills/{done.Cancellation.Number}", await Cancellation(db, done, ct)),
            CancelBillResult.Cancelled done => TypedResults.Ok(await Cancellation(db, done, ct)),
            CancelBillResult.NotFound notFound => ApiAnswers.NotFound(notFound.What),
            CancelBillResult.Conflict conflict => RequestErrors.Conflict(conflict.Field, conflict.Message),
            _ => throw new InvalidOperationException("Unknown cancellation result."),
        };
    }

    private static async Task<Results<Created<CorrectionResponse>, ProblemHttpResult>> Correct(
        StadtwerkDbContext db, CorrectBill correct, System.Security.Claims.ClaimsPrincipal user, string number, CancellationToken ct)
    {
        var result = await correct.RunAsync(number, ct, user.Identity?.Name);
        switch (result)
        {
            case CorrectBillResult.Corrected done:
                var contractNumber = await db.Contracts.AsNoTracking().Where(c => c.Id == done.Original.ContractId).Select(c => c.ContractNumber).SingleAsync(ct);
                return TypedResults.Created(
                    $"/api/bills/{done.NewBill.Number}",
                    new CorrectionResponse(new CancellationResponse(Summary(done.Cancellation, contractNumber), done.Original.Number), Summary(done.NewBill, contractNumber), null));
            case CorrectBillResult.Held held:
                return TypedResults.Problem(
                    title: "The corrected bill is held for a clerk (Klärfall); nothing was cancelled.",
                    detail: held.Hold.Details,
                    statusCode: StatusCodes.Status422UnprocessableEntity,
                    extensions: new Dictionary<string, object?> { ["reason"] = JsonNamingPolicy.CamelCase.ConvertName(held.Hold.Reason.ToString()), ["holdId"] = held.Hold.Id });
            case CorrectBillResult.NotFound notFound:
                return ApiAnswers.NotFound(notFound.What);
            case CorrectBillResult.Refused refused:
                return RequestErrors.Conflict(refused.Field, refused.Message);
            default:
                throw new InvalidOperationException("Unknown correction result.");
        }
    }

    private static async Task<CancellationResponse> Cancellation(StadtwerkDbContext db, CancelBillResult.Cancelled done, CancellationToken ct)
    {
        var contractNumber = await db.Contracts.AsNoTracking().Where(c => c.Id == done.Original.ContractId).Select(c => c.ContractNumber).SingleAsync(ct);
        return new CancellationResponse(Summary(done.Cancellation, contractNumber), done.Original.Number);
    }

    private static async Task<Results<Ok<IReadOnlyList<BillSummary>>, ProblemHttpResult>> ListForContract(StadtwerkDbContext db, string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return ApiAnswers.NotFound($"Contract {contractNumber}");
        }

        var bills = await db.IssuedBills.AsNoTracking().Where(b => b.ContractId == contract.Id).OrderBy(b => b.PeriodEnd).ToListAsync(ct);
        return TypedResults.Ok<IReadOnlyList<BillSummary>>([.. bills.Select(b => Summary(b, contractNumber))]);
    }

    private static async Task<Results<Ok<BillResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string number, CancellationToken ct) =>
        await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == number, ct) is { } bill
            ? TypedResults.Ok(await ToResponse(db, bill, ct))
            : ApiAnswers.NotFound($"Bill {number}");

    private static async Task<Ok<ListPage<HoldResponse>>> Holds(StadtwerkDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        var query = from hold in db.BillingHolds.AsNoTracking()
                    join contract in db.Contracts.AsNoTracking() on hold.ContractId equals contract.Id
                    where hold.ReleasedAt == null
                    orderby hold.PeriodEnd, contract.ContractNumber
                    select new HoldResponse(hold.Id, contract.ContractNumber, hold.PeriodStart, hold.PeriodEnd, hold.Reason, hold.Details, hold.CreatedAt);
        return TypedResults.Ok(await Paging.From(page, pageSize).ApplyAsync(query, h => h, ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<ScheduledDebit>>, ProblemHttpResult>> Collections(StadtwerkDbContext db, TimeProvider clock, string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return ApiAnswers.NotFound($"Contract {contractNumber}");
        }

        var settlements = await db.ActiveSettlements(contract.Id).ToListAsync(ct);
        return TypedResults.Ok(CollectionSchedule.From(contract.InstallmentPlan, settlements, Infrastructure.UtilityCalendar.Today(clock.GetUtcNow())));
    }

    private static async Task<BillResponse> ToResponse(StadtwerkDbContext db, IssuedBill bill, CancellationToken ct)
    {
        var contractNumber = await db.Contracts.AsNoTracking().Where(c => c.Id == bill.ContractId).Select(c => c.ContractNumber).SingleAsync(ct);
        using var input = JsonDocument.Parse(bill.InputJson);
        using var output = JsonDocument.Parse(bill.OutputJson);
        return new BillResponse(Summary(bill, contractNumber), input.RootElement.Clone(), output.RootElement.Clone());
    }

    internal static BillSummary Summary(IssuedBill b, string contractNumber) =>
        new(b.Number, b.Kind, contractNumber, b.IssuedOn, b.PeriodStart, b.PeriodEnd, b.Quantity, b.Net, b.Gross, b.Paid, b.Balance, b.DueOn, b.HasEstimates, b.Link);
}
