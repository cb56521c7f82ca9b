using Microsoft.EntityFrameworkCore;

namespace Stadtwerk.Infrastructure.Persistence;

/// <summary>Inserts many new rows in the open transaction: binary COPY on PostgreSQL, EF Core's batched statements on SQLite.</summary>
internal static class BulkInsert
{
    public static async Task InsertAsync<T>(StadtwerkDbContext db, IReadOnlyCollection<T> rows, CancellationToken ct)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (db.Database.IsNpgsql())
        {
            await EntityCopy.CopyAsync(db, rows, ct);
            return;
        }

        db.Set<T>().AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }
}
