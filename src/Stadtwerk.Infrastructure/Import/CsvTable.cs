using System.Diagnostics.CodeAnalysis;
using System.Text.Unicode;
using CsvHelper;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>A column of an import file: its name in the header row and whether the header must have it.</summary>
internal sealed record CsvColumn(string Name, bool Required = false);

/// <summary>One data record: its line in the file and its values by column (null when empty or the column is absent).</summary>
internal sealed class CsvRecord(long line, string?[] values)
{
    public long Line => line;

    public string? this[int column] => values[column];
}

/// <summary>
/// Reads an import file with CsvHelper: UTF-8 with or without byte order mark, a header row, fields separated by
/// semicolons or commas (detected from the first lines), RFC 4180 quoting, spaces around values ignored.
/// Problems of the file itself (header, quoting, field counts, encoding) go to <see cref="ImportErrors"/> and the
/// record is skipped; the values of a record are the importer's business.
/// </summary>
internal sealed class CsvTable : IDisposable
{
    /// <summary>No row of an import file comes near this; a longer one is a quote that was never closed.</summary>
    private const int MaxRecordBytes = 1 << 20;

    private readonly CsvReader reader;
    private readonly ImportErrors errors;
    private readonly int columnCount;
    private readonly int headerFieldCount;

    /// <summary>For each field of the file, the index of its column.</summary>
    private readonly int[] fieldToColumn;

    /// <summary>Records CsvHelper skipped for bad quoting since the last read, filled by its callback.</summary>
    private readonly List<(long Line, Core.Text Message)> malformed;

    private CsvTable(CsvReader reader, ImportErrors errors, int columnCount, int[] fieldToColumn, List<(long Line, Core.Text Message)> malformed)
    {
        this.reader = reader;
        this.errors = errors;
        this.columnCount = columnCount;
        this.fieldToColumn = fieldToColumn;
        this.malformed = malformed;
        headerFieldCount = fieldToColumn.Length;
    }

    public char Separator => reader.Separator;

    /// <summary>Where the reader is in the file, in bytes (for progress).</summary>
    public long ByteOffset => reader.ByteOffset;

    /// <summary>
    /// Opens <paramref name="path"/> and checks its header against <paramref name="columns"/>: every required column
    /// present, no unknown or repeated column. Returns null (with the problems in <paramref name="errors"/>) when the
    /// header is not usable. Throws <see cref="IOException"/> when the file cannot be read.
    /// </summary>
    public static CsvTable? Open(string path, IReadOnlyList<CsvColumn> columns, ImportErrors errors)
    {
        var malformed = new List<(long Line, Core.Text Message)>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            DetectSeparatorHint = true,
            MaxRecordSize = MaxRecordBytes,
            MalformedData = CsvMalformedDataHandling.Skip,
            FieldCountMismatch = CsvFieldCountHandling.Allow,
            OnMalformedRecord = record => malformed.Add((record.LineNumber, Describe(record.Reason))),
        };

        var reader = CsvReader.FromFile(path, options);
        try
        {
            var table = OpenHeader(reader, columns, errors, malformed);
            if (table is null)
            {
                reader.Dispose();
            }

            return table;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next record whose shape is right; records with a wrong shape are reported and skipped.</summary>
    public bool TryRead([NotNullWhen(true)] out CsvRecord? record)
    {
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (CsvFormatException e)
            {
                // The rest of the file cannot be told apart into records: report where it went wrong and stop.
                ReportMalformed();
                errors.Add(Math.Max(e.LineNumber, 1), null, $"cannot be read further: a record longer than {MaxRecordBytes / 1024} KiB; is a quote not closed?");
                record = null;
                return false;
            }

            ReportMalformed();
            if (!more)
            {
                record = null;
                return false;
            }

            var line = reader.LineNumber;
            if (!Utf8.IsValid(reader.RawRecord))
            {
                errors.Add(line, null, "is not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
                continue;
            }

            if (reader.FieldCount != headerFieldCount)
            {
                errors.Add(line, null, $"has {reader.FieldCount} fields, but the header has {headerFieldCount}");
                continue;
            }

            var values = new string?[columnCount];
            for (var field = 0; field < headerFieldCount; field++)
            {
                var column = fieldToColumn[field];
                if (!reader.IsEmpty(field))
                {
                    values[column] = reader.GetString(field);
                }
            }

            record = new CsvRecord(line, values);
            return true;
        }
    }

    public void Dispose() => reader.Dispose();

    private static CsvTable? OpenHeader(CsvReader reader, IReadOnlyList<CsvColumn> columns, ImportErrors errors, List<(long Line, Core.Text Message)> malformed)
    {
        IReadOnlyList<string> headers;
        char separator;
        try
        {
            headers = [.. reader.Headers];
            separator = reader.Separator;
        }
        catch (CsvFormatException e)
        {
            errors.Add(1, null, $"the header row cannot be read: {e.Message}");
            return null;
        }

        if (headers.Count == 0)
        {
            errors.Add(0, null, $"the file is empty; it needs a header row with the columns {string.Join(", ", columns.Select(c => c.Name))}");
            return null;
        }

        if (separator is not (';' or ','))
        {
            errors.Add(1, null, $"separate the columns with semicolons (or commas), not {Shown(separator)}");
            return null;
        }

        if (headers.Any(h => h.Contains('\uFFFD', StringComparison.Ordinal)))
        {
            errors.Add(1, null, "is not valid UTF-8; save the file as UTF-8 (in Excel: \"CSV UTF-8\")");
            return null;
        }

        var byName = columns.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.OrdinalIgnoreCase);
        var fieldToColumn = new int[headers.Count];
        var seen = new Dictionary<int, int>();
        var valid = true;
        for (var field = 0; field < headers.Count; field++)
        {
            var name = headers[field].Trim();
            if (!byName.TryGetValue(name, out var column))
            {
                errors.Add(1, null, name.Length == 0
                    ? (Core.Text)$"column {field + 1} has no name"
                    : $"unknown column {name}; the columns are {string.Join(", ", columns.Select(c => c.Name))}");
                valid = false;
                continue;
            }

            if (seen.TryGetValue(column, out var first))
            {
                errors.Add(1, null, $"column {columns[column].Name} appears twice (columns {first + 1} and {field + 1})");
                valid = false;
                continue;
            }

            seen[column] = field;
            fieldToColumn[field] = column;
        }

        foreach (var missing in columns.Where((c, i) => c.Required && !seen.ContainsKey(i)))
        {
            errors.Add(1, null, $"the required column {missing.Name} is missing");
            valid = false;
        }

        return valid ? new CsvTable(reader, errors, columns.Count, fieldToColumn, malformed) : null;
    }

    private void ReportMalformed()
    {
        foreach (var (line, message) in malformed)
        {
            errors.Add(line, null, message);
        }

        malformed.Clear();
    }

    private static Core.Text Describe(CsvMalformedReason reason) => reason switch
    {
        CsvMalformedReason.StrayQuote or CsvMalformedReason.TextAfterClosingQuote =>
            "has a quote inside a field; put the whole field in quotes and double the quotes inside it (\"Name \"\"Zur Post\"\"\")",
        CsvMalformedReason.UnterminatedQuote => "has a quote that is never closed; the rest of the file was read as one field",
        CsvMalformedReason.LineBreakInQuotes => "has a line break inside quotes",
        _ => (Core.Text)$"cannot be read ({reason})",
    };

    private static string Shown(char separator) => separator switch
    {
        '\t' => "tabs",
        _ => $"'{separator}'",
    };
}
