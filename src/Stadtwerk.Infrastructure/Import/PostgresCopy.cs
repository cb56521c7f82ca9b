using Npgsql;
using NpgsqlTypes;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// Writes rows with PostgreSQL's binary COPY (NpgsqlBinaryImporter), in the transaction open on the connection.
/// Table and column names are those of the migrations (snake case); enums are stored by name, as EF Core stores them.
/// </summary>
internal static class PostgresCopy
{
    private const int ProgressEvery = 20_000;

    public static async Task<ulong> CopyAsync<T>(
        NpgsqlConnection connection,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<T> rows,
        Action<NpgsqlBinaryImporter, T> write,
        Action<long>? progress,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        // The server checks indexes and foreign keys when the COPY completes: that may take longer than a command.
        importer.Timeout = Timeout.InfiniteTimeSpan;
        long written = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // The synchronous writes only fill Npgsql's buffer; a flush blocks for a moment, which a bulk import may.
            importer.StartRow();
            write(importer, row);
            if (++written % ProgressEvery == 0)
            {
                progress?.Invoke(written);
            }
        }

        var count = await importer.CompleteAsync(cancellationToken);
        progress?.Invoke(written);
        return count;
    }

    public static void Uuid(this NpgsqlBinaryImporter importer, Guid value) => importer.Write(value, NpgsqlDbType.Uuid);

    public static void Text(this NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    public static void Name<TEnum>(this NpgsqlBinaryImporter importer, TEnum value)
        where TEnum : struct, Enum => importer.Write(value.ToString(), NpgsqlDbType.Varchar);

    public static void Date(this NpgsqlBinaryImporter importer, DateOnly? value)
    {
        if (value is { } date)
        {
            importer.Write(date, NpgsqlDbType.Date);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void Numeric(this NpgsqlBinaryImporter importer, decimal? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Numeric);
        }
        else
        {
            importer.WriteNull();
        }
    }

    public static void Integer(this NpgsqlBinaryImporter importer, int? value)
    {
        if (value is { } number)
        {
            importer.Write(number, NpgsqlDbType.Integer);
        }
        else
        {
            importer.WriteNull();
        }
    }

    /// <summary>A timestamp with time zone, in UTC as PostgreSQL stores it (Npgsql refuses other offsets).</summary>
    public static void Timestamp(this NpgsqlBinaryImporter importer, DateTimeOffset value) =>
        importer.Write(value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
}
