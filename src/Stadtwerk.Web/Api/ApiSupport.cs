using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Web.Api;

public static class ApiPolicies
{
    public const string MasterData = "master-data";
    public const string Tariffs = "tariffs";
    public const string Billing = "billing";

    /// <summary>Every staff member works on cases (Vorgänge).</summary>
    public const string Cases = "cases";
}

/// <summary>A page of a list: the items, where it is, and how many there are in all.</summary>
public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>Paging parameters shared by every list endpoint (page from 1, at most 200 per page).</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public static Paging From(int? page, int? pageSize) => new(Math.Max(1, page ?? 1), Math.Clamp(pageSize ?? 50, 1, 200));

    public int Skip => (Page - 1) * PageSize;

    public async Task<ListPage<TOut>> ApplyAsync<TIn, TOut>(IQueryable<TIn> query, Func<TIn, TOut> map, CancellationToken cancellationToken)
    {
        var total = await query.CountAsync(cancellationToken);
        var items = await query.Skip(Skip).Take(PageSize).ToListAsync(cancellationToken);
        return new ListPage<TOut>([.. items.Select(map)], Page, PageSize, total);
    }
}

/// <summary>Collects the problems of a request by field (JSON names, e.g. <c>address.postalCode</c>) for one problem-details answer.</summary>
public sealed class RequestErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public void Add(IEnumerable<FieldError> fieldErrors, string prefix = "")
    {
        foreach (var error in fieldErrors)
        {
            Add(prefix + error.Field, error.Message);
        }
    }

    public T? Parse<T>(string field, string? text, Func<string?, ParseResult<T>> parse, bool required = false)
        where T : class
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        var result = parse(text);
        if (result.Error is { } error)
        {
            Add(field, error);
        }

        return result.Value;
    }

    /// <summary>An update names the version it was based on (optimistic concurrency).</summary>
    public void RequireVersion(int? version)
    {
        if (version is null)
        {
            Add("version", "is required: send the version you read");
        }
    }

    public string? Required(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            Add(field, "is required");
            return null;
        }

        return text.Trim();
    }

    public DateOnly? Date(string field, string? text, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (IsoDate.TryParse(text.Trim(), out var date))
        {
            return date;
        }

        Add(field, $"'{text}' is not a date (yyyy-MM-dd)");
        return null;
    }

    public TEnum? Enum<TEnum>(string field, string? text, bool required = false)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        var names = System.Enum.GetNames<TEnum>();
        var match = names.FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return System.Enum.Parse<TEnum>(match);
        }

        Add(field, $"'{text}' is unknown; expected {string.Join(", ", names.Select(JsonNamingPolicy.CamelCase.ConvertName))}");
        return null;
    }

    public PostalAddress? Address(string field, AddressDto? address)
    {
        if (address is null)
        {
            Add(field, "is required");
            return null;
        }

        var result = PostalAddress.Validate(address.Street ?? string.Empty, address.HouseNumber ?? string.Empty, address.PostalCode ?? string.Empty, address.City ?? string.Empty, string.IsNullOrWhiteSpace(address.Country) ? "DE" : address.Country);
        if (result.Error is { } error)
        {
            Add(field, error);
        }

        return result.Value;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), title: "The request has invalid fields.");

    public ProblemHttpResult ToConflict(string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status409Conflict, extensions: new Dictionary<string, object?> { ["errors"] = errors.ToDictionary(e => e.Key, e => e.Value.ToArray()) });

    public static ValidationProblem Problem(IEnumerable<FieldError> fieldErrors, string prefix = "")
    {
        var errors = new RequestErrors();
        errors.Add(fieldErrors, prefix);
        return errors.ToProblem();
    }

    public static ProblemHttpResult Conflict(string field, string message)
    {
        var errors = new RequestErrors();
        errors.Add(field, message);
        return errors.ToConflict("The request conflicts with stored data.");
    }
}

public sealed record AddressDto(string? Street, string? HouseNumber, string? PostalCode, string? City, string? Country)
{
    public static AddressDto From(PostalAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(address.Street, address.HouseNumber, address.PostalCode, address.City, address.Country);
    }
}

/// <summary>Common answers: not found, stale version.</summary>
public static class ApiAnswers
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(title: $"{what} was not found.", statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult StaleVersion(string what) =>
        TypedResults.Problem(
            title: $"{what} was changed by someone else.",
            detail: "Load it again, apply your change to the current version and send that version.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["version"] = ["is not the current version"] } });

    public static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Turns a request body the JSON reader cannot bind (a string where a number belongs, malformed JSON) into
/// a 400 problem naming the field by its JSON path, instead of a bare "bad request".
/// </summary>
internal sealed class BadRequestBodyHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (badRequest.InnerException is JsonException json)
        {
            var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            errors[field] = [$"is not a valid value ({FirstSentence(json.Message)})"];
        }
        else
        {
            errors["body"] = [FirstSentence(badRequest.Message)];
        }

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new HttpValidationProblemDetails(errors) { Title = "The request body cannot be read.", Status = 400 },
            Exception = exception,
        });
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
