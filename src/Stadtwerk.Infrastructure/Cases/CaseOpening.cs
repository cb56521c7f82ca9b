using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Cases;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Cases;

/// <summary>A case to open for an event: its kind, the contract, the texts, and the key of the event.</summary>
public sealed record CaseToOpen(CaseKind Kind, Contract Contract, string Subject, string Details, string SourceKey);

/// <summary>
/// Opens cases inside the caller's transaction (the case comes with the event that causes it, or not at all). An event
/// whose key has a case already opens none, so a bank file or report read twice opens each case once.
/// </summary>
public static class CaseOpening
{
    public const string System = "system";

    /// <summary>Adds the cases not opened before to the context (saved with the caller's changes); returns them.</summary>
    public static async Task<IReadOnlyList<ServiceCase>> OpenAsync(StadtwerkDbContext db, IReadOnlyCollection<CaseToOpen> cases, string openedBy, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(cases);
        var keys = cases.Select(c => c.SourceKey).Distinct().ToList();
        if (keys.Count == 0)
        {
            return [];
        }

        var known = (await db.Cases.AsNoTracking().Where(c => keys.Contains(c.SourceKey)).Select(c => c.SourceKey).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = cases.Where(c => known.Add(c.SourceKey)).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        var number = await NumberCounter.Cases.ReserveAsync(db, 1, fresh.Count, ct);
        var opened = fresh.Select((c, i) => ServiceCase.Open(number + i, c.Kind, c.Contract, c.Subject, c.Details, c.SourceKey, openedBy, now)).ToList();
        db.Cases.AddRange(opened);
        return opened;
    }
}
