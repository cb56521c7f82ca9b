using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Customers;

public sealed record CustomerRequest(
    string? CustomerNumber,
    string? Kind,
    string? FirstName,
    string? LastName,
    string? CompanyName,
    AddressDto? Address,
    string? Email,
    string? Phone,
    string? MobilePhone,
    string? PreferredChannel,
    int? Version,
    string? LeitwegId = null);

public sealed record CustomerResponse(
    Guid Id,
    string CustomerNumber,
    CustomerKind Kind,
    string DisplayName,
    string? FirstName,
    string? LastName,
    string? CompanyName,
    AddressDto Address,
    string? Email,
    string? Phone,
    string? MobilePhone,
    ContactChannel PreferredChannel,
    int Version,
    string? LeitwegId)
{
    public static CustomerResponse From(Customer c) => new(
        c.Id, c.CustomerNumber, c.Kind, c.DisplayName, c.FirstName, c.LastName, c.CompanyName, AddressDto.From(c.Address),
        c.Email?.Value, c.Phone?.Value, c.MobilePhone?.Value, c.PreferredChannel, c.Version, c.LeitwegId?.Value);
}

/// <summary>/api/customers: list with filter and paging, get, create, update (with the version read).</summary>
public static class CustomersApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(ApiPolicies.MasterData);
        group.MapGet("/", List).WithSummary("Customers by name, number, postal code or phone, a page at a time");
        group.MapGet("/{customerNumber}", Get);
        group.MapPost("/", Create);
        group.MapPut("/{customerNumber}", Update);
    }

    private static async Task<Ok<ListPage<CustomerResponse>>> List(StadtwerkDbContext db, string? q, string? postalCode, string? phone, int? page, int? pageSize, CancellationToken ct)
    {
        var query = db.Customers.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.CustomerNumber.ToLower().StartsWith(text)
                || (c.LastName != null && c.LastName.ToLower().StartsWith(text))
                || (c.CompanyName != null && c.CompanyName.ToLower().Contains(text)));
        }

        if (!string.IsNullOrWhiteSpace(postalCode))
        {
            query = query.Where(c => c.Address.PostalCode == postalCode.Trim());
        }

        if (!string.IsNullOrWhiteSpace(phone) && PhoneNumber.TryNormalizeForSearch(phone, out var e164))
        {
            var number = PhoneNumber.Create(e164);
            query = query.Where(c => c.Phone == number || c.MobilePhone == number);
        }

        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok(await paging.ApplyAsync(query.OrderBy(c => c.CustomerNumber), CustomerResponse.From, ct));
    }

    private static async Task<Results<Ok<CustomerResponse>, ProblemHttpResult>> Get(StadtwerkDbContext db, string customerNumber, CancellationToken ct) =>
        await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.CustomerNumber == customerNumber, ct) is { } customer
            ? TypedResults.Ok(CustomerResponse.From(customer))
            : ApiAnswers.NotFound($"Customer {customerNumber}");

    private static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> Create(StadtwerkDbContext db, CustomerRequest request, CancellationToken ct)
    {
        var errors = new RequestErrors();
        var number = errors.Required("customerNumber", request.CustomerNumber);
        var details = ReadDetails(request, errors);
        if (errors.Any || details is null || number is null)
        {
            return errors.ToProblem();
        }

        var result = Customer.Create(number, details);
        if (result.Value is not { } customer)
        {
            return RequestErrors.Problem(result.Errors);
        }

        if (await db.Customers.AnyAsync(c => c.CustomerNumber == customer.CustomerNumber, ct))
        {
            return RequestErrors.Conflict("customerNumber", $"customer number {customer.CustomerNumber} is already taken");
        }

        db.Customers.Add(customer);
        if (await Save.TryAsync(db, ct) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Created($"/api/customers/{customer.CustomerNumber}", CustomerResponse.From(customer));
    }

    private static async Task<Results<Ok<CustomerResponse>, ValidationProblem, ProblemHttpResult>> Update(StadtwerkDbContext db, string customerNumber, CustomerRequest request, CancellationToken ct)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.CustomerNumber == customerNumber, ct);
        if (customer is null)
        {
            return ApiAnswers.NotFound($"Customer {customerNumber}");
        }

        var errors = new RequestErrors();
        errors.RequireVersion(request.Version);

        if (request.CustomerNumber is { } renamed && renamed != customerNumber)
        {
            errors.Add("customerNumber", "cannot be changed");
        }

        var details = ReadDetails(request, errors);
        if (errors.Any || details is null)
        {
            return errors.ToProblem();
        }

        var result = customer.Update(details);
        if (!result.Succeeded)
        {
            return RequestErrors.Problem(result.Errors);
        }

        db.ExpectVersion(customer, request.Version!.Value);
        return await Save.TryAsync(db, ct, $"Customer {customerNumber}") is { } conflict
            ? conflict
            : TypedResults.Ok(CustomerResponse.From(customer));
    }

    private static CustomerDetails? ReadDetails(CustomerRequest request, RequestErrors errors)
    {
        var kind = errors.Enum<CustomerKind>("kind", request.Kind, required: true);
        var address = errors.Address("address", request.Address);
        var email = errors.Parse("email", request.Email, EmailAddress.Parse);
        var phone = errors.Parse("phone", request.Phone, PhoneNumber.Parse);
        var mobile = errors.Parse("mobilePhone", request.MobilePhone, PhoneNumber.Parse);
        var channel = errors.Enum<ContactChannel>("preferredChannel", request.PreferredChannel) ?? ContactChannel.Post;
        var leitwegId = errors.Parse("leitwegId", request.LeitwegId, LeitwegId.Parse);
        return kind is null || address is null
            ? null
            : new CustomerDetails(kind.Value, request.FirstName, request.LastName, request.CompanyName, address, email, phone, mobile, channel, leitwegId);
    }
}
