using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Contracts;

public sealed record BankAccountDto(string? Iban, string? Bic, string? Holder, string? MandateReference, string? MandateSignedOn);

public sealed record InstallmentPlanDto(decimal? Amount, string? FirstDue, int? Count);

public sealed record ContractRequest(
    string? ContractNumber,
    string? CustomerNumber,
    string? PremiseNumber,
    string? TariffCode,
    string? StartDate,
    string? EndDate,
    string? ContractAccountNumber,
    BankAccountDto? BankAccount,
    InstallmentPlanDto? InstallmentPlan,
    int? Version);

public sealed record BankAccountResponse(string Iban, string? Bic, string Holder, string MandateReference, DateOnly MandateSignedOn);

public sealed record InstallmentPlanResponse(decimal Amount, DateOnly FirstDue, int Count, IReadOnlyList<DateOnly> Dues);

public sealed record ContractResponse(
    Guid Id,
    string ContractNumber,
    string CustomerNumber,
    string PremiseNumber,
    Commodity Commodity,
    string TariffCode,
    DateOnly StartDate,
    DateOnly? EndDate,
    string ContractAccountNumber,
    BankAccountResponse? BankAccount,
    InstallmentPlanResponse? InstallmentPlan,
    int Version);

/// <summary>/api/contracts: supply contracts with bank account, SEPA mandate and installment plan.</summary>
public static class ContractsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/contracts").WithTags("Contracts").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/", List).WithSummary("Contracts by number, customer, premise, commodity or IBAN");
        group.MapGet("/{contractNumber}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{contractNumber}", Update);
    }

    private static async Task<Results<Ok<ListPage<ContractResponse>>, ValidationProblem>> List(
        StadtwerkDbContext db, string? q, string? customerNumber, string? commodity, string? iban, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var kind = errors.Enum<Commodity>("commodity", commodity);
        var account = errors.Parse("iban", iban, Iban.Parse);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = db.Contracts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.ContractNumber.ToLower().StartsWith(text) || c.ContractAccountNumber.ToLower().StartsWith(text));
        }

        if (!string.IsNullOrWhiteSpace(customerNumber))
        {
            query = query.Where(c => db.Customers.Any(x => x.Id == c.CustomerId && x.CustomerNumber == customerNumber));
        }

        if (kind is { } k)
        {
            query = query.Where(c => c.Commodity == k);
        }

        if (account is not null)
        {
            query = query.Where(c => c.BankAccount != null && c.BankAccount.Iban == account);
        }

        var paging = Paging.From(page, pageSize);
        var total = await query.CountAsync(ct);
        var contracts = await query.OrderBy(c => c.ContractNumber).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var responses = await ToResponses(db, contracts, ct);
        return TypedResults.Ok(new ListPage<ContractResponse>(responses, paging.Page, paging.PageSize, total));
    }

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string contractNumber, CancellationToken ct) =>
        await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct) is { } contract
            ? TypedResults.Ok((await ToResponses(db, [contract], ct))[0])
            : ApiAnswers.NotFound($"Contract {contractNumber}");

    private static async Task<Results<Created<ContractResponse>, ValidationProblem, ProblemHttpResult>> Create(StadtwerkDbContext db, ContractRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var number = errors.Required("contractNumber", request.ContractNumber);
        var customerNumber = errors.Required("customerNumber", request.CustomerNumber);
        var premiseNumber = errors.Required("premiseNumber", request.PremiseNumber);
        var customer = customerNumber is null ? null : await db.Customers.FirstOrDefaultAsync(c => c.CustomerNumber == customerNumber, ct);
        var premise = premiseNumber is null ? null : await db.Premises.FirstOrDefaultAsync(p => p.PremiseNumber == premiseNumber, ct);
        if (customerNumber is not null && customer is null)
        {
            errors.Add("customerNumber", $"customer {customerNumber} does not exist");
        }

        if (premiseNumber is not null && premise is null)
        {
            errors.Add("premiseNumber", $"premise {premiseNumber} does not exist");
        }

        var terms = await ReadTerms(db, request, errors, ct);
        if (errors.Any || number is null || customer is null || premise is null || terms is null)
        {
            return errors.ToProblem();
        }

        var result = Contract.Create(number, customer, premise, terms);
        if (result.Value is not { } contract)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await db.Contracts.AnyAsync(c => c.ContractNumber == contract.ContractNumber, ct))
        {
            return RequestErrors.Conflict("contractNumber", $"contract number {contract.ContractNumber} is already taken");
        }

        if (await OverlappingContract(db, contract, ct) is { } other)
        {
            return RequestErrors.Conflict("startDate", $"premise {premise.PremiseNumber} is supplied under contract {other} on these days");
        }

        db.Contracts.Add(contract);
        return await Save.TryAsync(db, ct) is { } conflict
            ? conflict
            : TypedResults.Created($"/api/contracts/{contract.ContractNumber}", (await ToResponses(db, [contract], ct))[0]);
    }

    private static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult>> Update(StadtwerkDbContext db, string contractNumber, ContractRequest request, CancellationToken ct)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return ApiAnswers.NotFound($"Contract {contractNumber}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        var terms = await ReadTerms(db, request, errors, ct);
        if (terms is not null)
        {
            // The installments change through installment-changes (recorded, 80 % rule), the end through move-out (final bill).
            if (request.InstallmentPlan is null)
            {
                terms = terms with { InstallmentPlan = contract.InstallmentPlan };
            }
            else if (contract.InstallmentPlan is not null)
            {
                errors.Add("installmentPlan", $"change the installments with POST /api/contracts/{contractNumber}/installment-changes");
            }

            if (terms.EndDate != contract.EndDate)
            {
                errors.Add("endDate", $"end the contract with POST /api/contracts/{contractNumber}/move-out, which issues the final bill");
            }

            if (terms.StartDate != contract.StartDate && await db.IssuedBills.AnyAsync(b => b.ContractId == contract.Id, ct))
            {
                errors.Add("startDate", "the contract has bills; its start cannot move any more");
            }
        }

        if (errors.Any || terms is null)
        {
            return errors.ToProblem();
        }

        var result = contract.Update(terms);
        if (!result.Succeeded)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await OverlappingContract(db, contract, ct) is { } other)
        {
            return RequestErrors.Conflict("startDate", $"the premise is supplied under contract {other} on these days");
        }

        db.ExpectVersion(contract, request.Version!.Value);
        return await Save.TryAsync(db, ct, $"Contract {contractNumber}") is { } conflict
            ? conflict
            : TypedResults.Ok((await ToResponses(db, [contract], ct))[0]);
    }

    private static async Task<string?> OverlappingContract(StadtwerkDbContext db, Contract contract, CancellationToken ct)
    {
        var others = await db.Contracts.AsNoTracking().Where(c => c.PremiseId == contract.PremiseId && c.Id != contract.Id).ToListAsync(ct);
        return others.FirstOrDefault(o => o.Overlaps(contract.StartDate, contract.EndDate))?.ContractNumber;
    }

    private static async Task<ContractTerms?> ReadTerms(StadtwerkDbContext db, ContractRequest request, RequestErrors errors, CancellationToken ct)
    {
        var tariffCode = errors.Required("tariffCode", request.TariffCode);
        var tariff = tariffCode is null ? null : await db.Tariffs.FirstOrDefaultAsync(t => t.Code == tariffCode, ct);
        if (tariffCode is not null && tariff is null)
        {
            errors.Add("tariffCode", $"tariff {tariffCode} does not exist");
        }

        var start = errors.Date("startDate", request.StartDate, required: true);
        var end = errors.Date("endDate", request.EndDate);
        var accountNumber = errors.Required("contractAccountNumber", request.ContractAccountNumber);
        BankAccount? bank = null;
        if (request.BankAccount is { } b)
        {
            var iban = errors.Parse("bankAccount.iban", b.Iban, Iban.Parse, required: true);
            var bic = errors.Parse("bankAccount.bic", b.Bic, Bic.Parse);
            var signed = errors.Date("bankAccount.mandateSignedOn", b.MandateSignedOn, required: true);
            if (iban is not null && signed is not null)
            {
                var result = BankAccount.Create(iban, bic, b.Holder, b.MandateReference, signed.Value);
                errors.Add(result.Errors, "bankAccount.");
                bank = result.Value;
            }
        }

        InstallmentPlan? plan = null;
        if (request.InstallmentPlan is { } p)
        {
            var firstDue = errors.Date("installmentPlan.firstDue", p.FirstDue, required: true);
            if (p.Amount is null)
            {
                errors.Add("installmentPlan.amount", "is required");
            }

            if (firstDue is not null && p.Amount is not null)
            {
                var result = InstallmentPlan.Create(p.Amount.Value, firstDue.Value, p.Count ?? 12);
                errors.Add(result.Errors);
                plan = result.Value;
            }
        }

        return tariff is null || start is null || accountNumber is null || errors.Any
            ? null
            : new ContractTerms(tariff, start.Value, end, accountNumber, bank, plan);
    }

    private static async Task<List<ContractResponse>> ToResponses(StadtwerkDbContext db, IReadOnlyCollection<Contract> contracts, CancellationToken ct)
    {
        var customerIds = contracts.Select(c => c.CustomerId).Distinct().ToList();
        var premiseIds = contracts.Select(c => c.PremiseId).Distinct().ToList();
        var tariffIds = contracts.Select(c => c.TariffId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.CustomerNumber, ct);
        var premises = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.PremiseNumber, ct);
        var tariffs = await db.Tariffs.AsNoTracking().Where(t => tariffIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        return [.. contracts.Select(c => new ContractResponse(
            c.Id, c.ContractNumber, customers[c.CustomerId], premises[c.PremiseId], c.Commodity, tariffs[c.TariffId], c.StartDate, c.EndDate, c.ContractAccountNumber,
            c.BankAccount is { } b ? new BankAccountResponse(b.Iban.Value, b.Bic?.Value, b.Holder, b.MandateReference, b.MandateSignedOn) : null,
            c.InstallmentPlan is { } p ? new InstallmentPlanResponse(p.Amount, p.FirstDue, p.Count, p.DueDates()) : null,
            c.Version))];
    }
}
