using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api;

/// <summary>Saves and maps what the database refuses: a stale version or a duplicate key becomes 409, never 500.</summary>
internal static class Save
{
    public static async Task<ProblemHttpResult?> TryAsync(StadtwerkDbContext db, CancellationToken cancellationToken, string? what = null)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiAnswers.StaleVersion(what ?? "The record");
        }
        catch (DbUpdateException e) when (IsUniqueViolation(e))
        {
            return TypedResults.Problem(title: "A record with the same number or key already exists.", detail: e.InnerException?.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }

    private static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        Npgsql.PostgresException pg => pg.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
