using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Payments;

public sealed record LedgerLine(DateOnly BookedOn, string Kind, decimal Amount, string Reference, decimal Balance, string? Note);

public sealed record OpenItemLine(string Kind, string Reference, DateOnly DueOn, decimal Amount, decimal Settled, decimal Open, string Status, string? BillNumber);

public sealed record OpenItemsResponse(decimal Open, decimal Overdue, decimal UnallocatedCredit, IReadOnlyList<OpenItemLine> Items);

/// <summary>The ledger with its running balance, and beside it the open items: open, overdue and settled, with what was allocated to each.</summary>
public sealed record AccountResponse(string ContractNumber, string ContractAccountNumber, decimal Balance, IReadOnlyList<LedgerLine> Entries, OpenItemsResponse OpenItems);

public sealed record CollectionRunRequest(string? DueOn);

public sealed record CollectionRunResponse(Guid Id, DateOnly DueOn, string StartedBy, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int Contracts, int Requests, int Debits, decimal DebitAmount, int ExpiredMandates, int AlreadyDone)
{
    public static CollectionRunResponse From(CollectionRun r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.DueOn, r.StartedBy, r.StartedAt, r.FinishedAt, r.Contracts, r.Requests, r.Debits, r.DebitAmount, r.ExpiredMandates, r.AlreadyDone);
    }
}

public sealed record PayoutResponse(Guid Id, string ContractNumber, string? BillNumber, decimal Amount, DateOnly ExecuteOn, string? Iban, string? Holder, string Reference, CreditTransferStatus Status, string RequestedBy, string? ApprovedBy, string? Note, int Version)
{
    public static PayoutResponse From(PayoutRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var t = row.Payout;
        return new(t.Id, row.ContractNumber, row.BillNumber, t.Amount, t.ExecuteOn, t.Iban, t.Holder, t.Reference, t.Status, t.RequestedBy, t.ApprovedBy, t.Note, t.Version);
    }
}

public sealed record CreditTransferFileRequest(string? ExecutionDate);

public sealed record CreditTransferFileResponse(string MessageId, DateOnly ExecutionDate, int Transactions, decimal ControlSum, string CreatedBy, DateTimeOffset CreatedAt)
{
    public static CreditTransferFileResponse From(CreditTransferFile f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new(f.MessageId, f.ExecutionDate, f.Transactions, f.ControlSum, f.CreatedBy, f.CreatedAt);
    }
}

public sealed record DunningItemLine(string Reference, DateOnly DueOn, decimal Open);

public sealed record DunningProposalResponse(
    string ContractNumber, string ContractAccountNumber, string CustomerNumber, string CustomerName, string Commodity, IReadOnlyList<DunningItemLine> Items,
    DunningLevel? LastLevel, DateOnly? LastLevelOn, DunningLevel Level, decimal Arrears, decimal Fee, DateOnly PayBy, DateOnly? DisconnectionFrom, string Reason, string? BlockedBy)
{
    public static DunningProposalResponse From(DunningCandidate c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var p = c.Proposal;
        return new(c.ContractNumber, c.ContractAccountNumber, c.CustomerNumber, c.CustomerName, JsonNamingPolicy.CamelCase.ConvertName(c.Commodity.ToString()),
            [.. c.Items.Select(i => new DunningItemLine(i.Reference, i.DueOn, i.Open))], c.LastLevel, c.LastLevelOn, p.Level, p.Arrears, p.Fee, p.PayBy, p.DisconnectionFrom, p.Reason.ToString(), c.BlockedBy?.ToString());
    }
}

public sealed record DunningRunRequest(IReadOnlyList<string>? ContractNumbers);

public sealed record DunningNoticeResponse(Guid Id, string Reference, string ContractNumber, DunningLevel Level, DateOnly IssuedOn, decimal Arrears, decimal Fee, DateOnly PayBy, DateOnly? DisconnectionFrom, string SentBy);

public sealed record DunningRunResponse(int Proposed, int Sent, int Blocked, decimal Fees, IReadOnlyList<DunningNoticeResponse> Notices);

public sealed record DunningBlockRequest(string? Reason, string? Until);

public sealed record DunningBlockResponse(Guid Id, string ContractNumber, string Reason, DateOnly Until, string SetBy, DateTimeOffset SetAt, DateTimeOffset? LiftedAt);

/// <summary>
/// The money loop: the contract account with its open items; collection runs (Einzugslauf) of a due date; payouts of
/// credits and their credit-transfer files (pain.001); the dunning proposals, the dunning run, the letters and blocks.
/// </summary>
public static class AccountsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/contracts/{contractNumber}/account", Account).WithTags("Accounts").RequireAuthorization(ApiPolicies.MasterData)
            .WithSummary("The contract account (Vertragskonto): the ledger with its running balance and the open items (open, overdue, settled)");

        var collections = api.MapGroup("/collection-runs").WithTags("Payments").RequireAuthorization(ApiPolicies.Billing);
        collections.MapPost("", RunCollection).WithSummary("The collection run (Einzugslauf) of a due date: installment requests and SEPA collection entries of everything due then; repeated, it adds nothing");
        collections.MapGet("", ListCollectionRuns).WithSummary("The collection runs, newest first");

        var payouts = api.MapGroup("/payouts").WithTags("Payments").RequireAuthorization(ApiPolicies.Billing);
        payouts.MapGet("", ListPayouts).WithSummary("Payouts of credits by status (open, awaitingApproval, waitingForIban, submitted, booked, withdrawn) and contract (?contract=C-1001)");
        payouts.MapPost("/{id:guid}/approval", Approve).WithSummary("A second person approves a payout above the limit (never the one who asked for it)");

        var files = api.MapGroup("/credit-transfer-files").WithTags("Payments").RequireAuthorization(ApiPolicies.Billing);
        files.MapPost("", CreateCreditTransferFile).WithSummary("Make the pain.001.001.09 file of an execution date with every approved payout due by then");
        files.MapGet("", ListCreditTransferFiles).WithSummary("The credit-transfer files made so far, newest first");
        files.MapGet("/{messageId}", DownloadCreditTransferFile).WithSummary("The pain.001.001.09 XML of a file, as sent to the bank");

        var dunning = api.MapGroup("/dunning").WithTags("Dunning").RequireAuthorization(ApiPolicies.Billing);
        dunning.MapGet("/proposals", Proposals).WithSummary("Today's dunning proposals (reminder, notice, disconnection threat, announcement), blocked ones with their block");
        dunning.MapPost("/runs", RunDunning).WithSummary("Send today's proposals that are not blocked (or those of the contracts named): one letter each, the fee booked");
        dunning.MapGet("/notices", Notices).WithSummary("The dunning letters sent, newest first");
        dunning.MapGet("/notices/{id:guid}/pdf", NoticePdf).WithSummary("A dunning letter as PDF");
        dunning.MapPost("/blocks/{contractNumber}", Block).WithSummary("Set a dunning block (Mahnsperre) on a contract with a reason and an end date");
        dunning.MapGet("/blocks", Blocks).WithSummary("The dunning blocks in force");
        dunning.MapDelete("/blocks/{id:guid}", Lift).WithSummary("Lift a dunning block");
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Account(ContractAccounts accounts, string contractNumber, CancellationToken ct)
    {
        if (await accounts.OfAsync(contractNumber, ct) is not { } account)
        {
            return ApiAnswers.NotFound($"Contract {contractNumber}");
        }

        var lines = account.Statement.Select(l => new LedgerLine(l.BookedOn, Camel(l.Kind), l.Amount, l.Reference, l.Balance, l.Note)).ToList();
        var open = account.OpenItems;
        var items = open.Items.Select(i => new OpenItemLine(Camel(i.Kind), i.Reference, i.DueOn, i.Amount, i.Settled, i.Open, Camel(i.Status), i.BillNumber)).ToList();
        return TypedResults.Ok(new AccountResponse(account.ContractNumber, account.ContractAccountNumber, account.Balance, lines, new OpenItemsResponse(open.Open, open.Overdue, open.UnallocatedCredit, items)));
    }

    private static async Task<Results<Ok<CollectionRunResponse>, ValidationProblem>> RunCollection(StartCollectionRun collection, ClaimsPrincipal user, CollectionRunRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var date = errors.Date("dueOn", request.DueOn, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(CollectionRunResponse.From(await collection.RunAsync(date!.Value, user.Identity?.Name ?? "unknown", ct)));
    }

    private static async Task<Ok<List<CollectionRunResponse>>> ListCollectionRuns(StadtwerkDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.CollectionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(100).ToListAsync(ct)).Select(CollectionRunResponse.From).ToList());

    private static async Task<Results<Ok<List<PayoutResponse>>, ValidationProblem>> ListPayouts(Payouts payouts, string? status, string? contract, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var wanted = errors.Enum<CreditTransferStatus>("status", status);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok((await payouts.ListAsync(wanted, 1000, ct, contract)).Select(PayoutResponse.From).ToList());
    }

    private static async Task<Results<Ok<PayoutResponse>, ValidationProblem, ProblemHttpResult>> Approve(Payouts payouts, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var approved = await payouts.ApproveAsync(id, user.Identity?.Name ?? "unknown", ct);
        if (!approved.Succeeded)
        {
            return approved.Errors[0].Field switch
            {
                "id" => ApiAnswers.NotFound($"Payout {id}"),
                "version" or "status" => RequestErrors.Conflict(approved.Errors[0].Field, approved.Errors[0].Message),
                _ => RequestErrors.Problem(approved.Errors),
            };
        }

        var row = (await payouts.ListAsync(null, 1000, ct)).First(r => r.Payout.Id == id);
        return TypedResults.Ok(PayoutResponse.From(row));
    }

    private static async Task<Results<Created<CreditTransferFileResponse>, ValidationProblem, ProblemHttpResult>> CreateCreditTransferFile(
        Payouts payouts, ClaimsPrincipal user, CreditTransferFileRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var date = errors.Date("executionDate", request.ExecutionDate, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await payouts.CreateFileAsync(date!.Value, user.Identity?.Name ?? "unknown", ct) switch
        {
            CreditTransferFileResult.Created created => TypedResults.Created($"/api/credit-transfer-files/{created.File.MessageId}", CreditTransferFileResponse.From(created.File)),
            CreditTransferFileResult.NothingDue nothing => RequestErrors.Conflict("executionDate", nothing.Message),
            CreditTransferFileResult.Invalid invalid => RequestErrors.Problem(invalid.Errors),
            CreditTransferFileResult.Conflict conflict => RequestErrors.Conflict("executionDate", conflict.Message),
            _ => throw new InvalidOperationException("Unknown result."),
        };
    }

    private static async Task<Ok<List<CreditTransferFileResponse>>> ListCreditTransferFiles(StadtwerkDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.CreditTransferFiles.AsNoTracking().OrderByDescending(f => f.Id).Take(100).ToListAsync(ct)).Select(CreditTransferFileResponse.From).ToList());

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> DownloadCreditTransferFile(StadtwerkDbContext db, string messageId, CancellationToken ct) =>
        await db.CreditTransferFiles.AsNoTracking().FirstOrDefaultAsync(f => f.MessageId == messageId, ct) is { } file
            ? TypedResults.File(Encoding.UTF8.GetBytes(file.Xml), "application/xml", $"{file.MessageId}.xml")
            : ApiAnswers.NotFound($"Credit-transfer file {messageId}");

    private static async Task<Ok<List<DunningProposalResponse>>> Proposals(Dunning dunning, CancellationToken ct) =>
        TypedResults.Ok((await dunning.ProposeAsync(ct)).Select(DunningProposalResponse.From).ToList());

    private static async Task<Ok<DunningRunResponse>> RunDunning(Dunning dunning, StadtwerkDbContext db, ClaimsPrincipal user, DunningRunRequest? request, CancellationToken ct)
    {
        var result = await dunning.RunAsync(user.Identity?.Name ?? "unknown", request?.ContractNumbers, ct);
        var ids = result.Notices.Select(n => n.ContractId).ToList();
        var numbers = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ContractNumber, ct);
        return TypedResults.Ok(new DunningRunResponse(result.Proposed, result.Sent, result.Blocked, result.Fees, [.. result.Notices.Select(n => Notice(n, numbers[n.ContractId]))]));
    }

    private static async Task<Ok<List<DunningNoticeResponse>>> Notices(StadtwerkDbContext db, string? contractNumber, CancellationToken ct)
    {
        var rows = await (from n in db.DunningNotices.AsNoTracking()
                          join c in db.Contracts on n.ContractId equals c.Id
                          where contractNumber == null || c.ContractNumber == contractNumber
                          orderby n.Id descending
                          select new DunningNoticeResponse(n.Id, n.Reference, c.ContractNumber, n.Level, n.IssuedOn, n.Arrears, n.Fee, n.PayBy, n.DisconnectionFrom, n.SentBy))
            .Take(500).ToListAsync(ct);
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> NoticePdf(StadtwerkDbContext db, Guid id, CancellationToken ct) =>
        await db.DunningNotices.AsNoTracking().Where(n => n.Id == id).Select(n => new { n.Pdf, n.FileName }).FirstOrDefaultAsync(ct) is { } notice
            ? TypedResults.File(notice.Pdf, "application/pdf", notice.FileName)
            : ApiAnswers.NotFound($"Dunning letter {id}");

    private static async Task<Results<Created<DunningBlockResponse>, ValidationProblem>> Block(Dunning dunning, ClaimsPrincipal user, string contractNumber, DunningBlockRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var until = errors.Date("until", request.Until, required: true);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var block = await dunning.BlockAsync(contractNumber, request.Reason, until!.Value, user.Identity?.Name ?? "unknown", ct);
        if (block.Value is not { } set)
        {
            return RequestErrors.Problem(block.Errors);
        }

        return TypedResults.Created($"/api/dunning/blocks/{set.Id}", new DunningBlockResponse(set.Id, contractNumber, set.Reason, set.Until, set.SetBy, set.SetAt, set.LiftedAt));
    }

    private static async Task<Ok<List<DunningBlockResponse>>> Blocks(StadtwerkDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await (from b in db.DunningBlocks.AsNoTracking()
                               where b.LiftedAt == null
                               join c in db.Contracts on b.ContractId equals c.Id
                               orderby b.Until
                               select new DunningBlockResponse(b.Id, c.ContractNumber, b.Reason, b.Until, b.SetBy, b.SetAt, b.LiftedAt)).Take(1000).ToListAsync(ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> Lift(Dunning dunning, ClaimsPrincipal user, Guid id, CancellationToken ct) =>
        await dunning.LiftAsync(id, user.Identity?.Name ?? "unknown", ct) ? TypedResults.NoContent() : ApiAnswers.NotFound($"Dunning block {id}");

    private static DunningNoticeResponse Notice(DunningNotice n, string contractNumber) =>
        new(n.Id, n.Reference, contractNumber, n.Level, n.IssuedOn, n.Arrears, n.Fee, n.PayBy, n.DisconnectionFrom, n.SentBy);

    private static string Camel<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
