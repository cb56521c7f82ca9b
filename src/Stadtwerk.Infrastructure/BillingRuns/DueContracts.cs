using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.BillingRuns;

/// <summary>A contract that may be due in a selection, with what decides its billing period.</summary>
public sealed record DueCandidate(Guid Id, string ContractNumber, Commodity Commodity, Guid CustomerId, Guid PremiseId, DateOnly StartDate, DateOnly? EndDate, DateOnly? LastBilled)
{
    public BillingPeriod? PeriodIn(BillingRunSelection selection) => selection.PeriodFor(StartDate, EndDate, LastBilled);
}

/// <summary>The contracts of a selection, page by page in the order of their numbers (keyset), with the end of their last active bill.</summary>
public static class DueContracts
{
    /// <summary>All pages of the selection, one after the other, so callers hold one page at a time.</summary>
    public static async IAsyncEnumerable<List<DueCandidate>> PagesAsync(
        StadtwerkDbContext db, BillingRunSelection selection, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        string? after = null;
        while (await PageAsync(db, selection, after, pageSize, ct) is { Count: > 0 } page)
        {
            yield return page;
            after = page[^1].ContractNumber;
        }
    }

    public static Task<List<DueCandidate>> PageAsync(StadtwerkDbContext db, BillingRunSelection selection, string? after, int pageSize, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(selection);
        var contracts = db.Contracts.AsNoTracking().Where(c => c.StartDate <= selection.PeriodEndTo);
        if (selection.Commodity is { } commodity)
        {
            contracts = contracts.Where(c => c.Commodity == commodity);
        }

        if (selection.ContractNumbers is { } listed)
        {
            contracts = contracts.Where(c => listed.Contains(c.ContractNumber));
        }

        if (after is not null)
        {
            // Keyset paging in the database's own order of contract numbers (EF translates this overload only).
#pragma warning disable CA1309
            contracts = contracts.Where(c => string.Compare(c.ContractNumber, after) > 0);
#pragma warning restore CA1309
        }

        return contracts
            .OrderBy(c => c.ContractNumber)
            .Take(pageSize)
            .Select(c => new DueCandidate(
                c.Id, c.ContractNumber, c.Commodity, c.CustomerId, c.PremiseId, c.StartDate, c.EndDate,
                db.IssuedBills.Where(b => b.ContractId == c.Id && b.Kind != BillKind.Cancellation
                        && !db.IssuedBills.Any(x => x.Kind == BillKind.Cancellation && x.ReferencesBillId == b.Id))
                    .Max(b => (DateOnly?)b.PeriodEnd)))
            .ToListAsync(ct);
    }
}
