using Microsoft.EntityFrameworkCore;

namespace Stadtwerk.Infrastructure.Persistence;

/// <summary>
/// A gap-free number sequence (bills per year, cases): a counter row raised inside the caller's open transaction, so a
/// rollback gives the numbers back and two transactions never take the same one (the row stays locked until commit).
/// Only the sequences below exist; their table and key column are constants of the model.
/// </summary>
internal sealed class NumberCounter
{
    /// <summary>Bill numbers, one counter per year (<c>bill_number_counters</c>).</summary>
    public static readonly NumberCounter Bills = new("bill_number_counters", "year");

    /// <summary>Case numbers, one counter (<c>case_number_counters</c>, id 1).</summary>
    public static readonly NumberCounter Cases = new("case_number_counters", "id");

    private readonly string insert;
    private readonly string raise;

    private NumberCounter(string table, string keyColumn)
    {
        insert = $"INSERT INTO {table} ({keyColumn}, last_number) VALUES ({{0}}, 0) ON CONFLICT ({keyColumn}) DO NOTHING";
        raise = $"UPDATE {table} SET last_number = last_number + {{0}} WHERE {keyColumn} = {{1}} RETURNING last_number AS \"Value\"";
    }

    /// <summary>Raises the counter of <paramref name="key"/> by <paramref name="count"/> inside the open transaction; returns the first number taken.</summary>
    public async Task<long> ReserveAsync(StadtwerkDbContext db, int key, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
#pragma warning disable EF1002, EF1003 // the SQL text is built from the constants above only; the values are parameters
        await db.Database.ExecuteSqlRawAsync(insert, [key], ct);
        var numbers = await db.Database.SqlQueryRaw<long>(raise, count, key).ToListAsync(ct);
#pragma warning restore EF1002, EF1003
        return numbers.Single() - count + 1;
    }
}
