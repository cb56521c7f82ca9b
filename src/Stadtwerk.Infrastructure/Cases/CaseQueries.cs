using Stadtwerk.Core;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Cases;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Cases;

/// <summary>A case as the staff see it: with the customer's name and number and the contract.</summary>
public sealed record CaseView(
    string Number, CaseKind Kind, CaseStatus Status, string CustomerNumber, string CustomerName, string? ContractNumber,
    string Subject, string Details, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? ClosedAt, string? ClosedBy, string? Resolution, int Version);

public abstract record CloseCaseResult
{
    private CloseCaseResult()
    {
    }

    public sealed record Closed(CaseView Case) : CloseCaseResult;

    public sealed record NotFound(string What) : CloseCaseResult;

    public sealed record Invalid(string Field, Text Text) : CloseCaseResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }

    public sealed record Conflict(Text Text) : CloseCaseResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>The case list (open first, oldest first: the work queue), one case, and closing a case with what was done.</summary>
public sealed class CaseQueries(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<(IReadOnlyList<CaseView> Items, int Total)> ListAsync(CaseStatus? status, CaseKind? kind, string? customerNumber, int skip, int take, CancellationToken ct)
    {
        var query = Views();
        if (status is { } s)
        {
            query = query.Where(v => v.Case.Status == s);
        }

        if (kind is { } k)
        {
            query = query.Where(v => v.Case.Kind == k);
        }

        if (!string.IsNullOrWhiteSpace(customerNumber))
        {
            var number = customerNumber.Trim();
            query = query.Where(v => v.CustomerNumber == number);
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(v => v.Case.Status == CaseStatus.Open ? 0 : 1).ThenBy(v => v.Case.Number).Skip(skip).Take(take).ToListAsync(ct);
        return (items.Select(v => v.ToView()).ToList(), total);
    }

    public async Task<CaseView?> FindAsync(string number, CancellationToken ct)
    {
        var parsed = ParseNumber(number);
        if (parsed is null)
        {
            return null;
        }

        var row = await Views().FirstOrDefaultAsync(v => v.Case.Number == parsed, ct);
        return row?.ToView();
    }

    /// <summary>Closes an open case; <paramref name="expectedVersion"/> (when given) refuses a close based on an outdated view.</summary>
    public async Task<CloseCaseResult> CloseAsync(string number, string? resolution, int? expectedVersion, string closedBy, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(resolution))
        {
            return new CloseCaseResult.Invalid("resolution", "say what was done (resolution is required)");
        }

        if (resolution.Trim().Length > ServiceCase.TextMaxLength)
        {
            return new CloseCaseResult.Invalid("resolution", $"at most {ServiceCase.TextMaxLength} characters");
        }

        var parsed = ParseNumber(number);
        var entity = parsed is null ? null : await db.Cases.FirstOrDefaultAsync(c => c.Number == parsed, ct);
        if (entity is null)
        {
            return new CloseCaseResult.NotFound($"Case {number}");
        }

        if (expectedVersion is { } version && version != entity.Version)
        {
            return new CloseCaseResult.Conflict($"case {entity.DisplayNumber} was changed by someone else; reload it");
        }

        if (!entity.Close(resolution, closedBy, clock.GetUtcNow()))
        {
            return new CloseCaseResult.Conflict($"case {entity.DisplayNumber} is closed already ({entity.ClosedBy}, {entity.Resolution})");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CloseCaseResult.Conflict($"case {entity.DisplayNumber} was closed by someone else a moment ago");
        }

        return new CloseCaseResult.Closed((await FindAsync(entity.DisplayNumber, ct))!);
    }

    /// <summary>"V-000123", "V000123" or "123".</summary>
    public static long? ParseNumber(string? text)
    {
        var digits = (text ?? string.Empty).Trim().TrimStart('V', 'v').TrimStart('-');
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }

    private IQueryable<Row> Views() =>
        from c in db.Cases.AsNoTracking()
        join customer in db.Customers.AsNoTracking() on c.CustomerId equals customer.Id
        join contract in db.Contracts.AsNoTracking() on c.ContractId equals contract.Id into contracts
        from contract in contracts.DefaultIfEmpty()
        select new Row
        {
            Case = c,
            CustomerNumber = customer.CustomerNumber,
            CustomerName = customer.CompanyName ?? ((customer.FirstName ?? string.Empty) + " " + (customer.LastName ?? string.Empty)).Trim(),
            ContractNumber = contract == null ? null : contract.ContractNumber,
        };

    /// <summary>A case with the customer's number and name and the contract, as the database gives it.</summary>
    private sealed class Row
    {
        public required ServiceCase Case { get; init; }

        public required string CustomerNumber { get; init; }

        public required string CustomerName { get; init; }

        public string? ContractNumber { get; init; }

        public CaseView ToView() => new(
            Case.DisplayNumber, Case.Kind, Case.Status, CustomerNumber, CustomerName, ContractNumber,
            Case.Subject, Case.Details, Case.CreatedAt, Case.CreatedBy, Case.ClosedAt, Case.ClosedBy, Case.Resolution, Case.Version);
    }
}
