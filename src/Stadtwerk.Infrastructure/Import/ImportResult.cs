namespace Stadtwerk.Infrastructure.Import;

/// <summary>
/// One problem of an import file: the file, the line (the header is line 1; 0 for the file as a whole), the column
/// and what is wrong, as one line such as <c>customers.csv line 17, field iban: IBAN ... fails the check digits (mod 97)</c>.
/// <see cref="Text"/> is what is wrong for a page to put in its reader's language; <see cref="Message"/> is its English.
/// </summary>
public sealed record ImportError(string File, long Line, string? Field, Core.Text Text)
{
    public string Message => Text.ToString();

    public override string ToString() => (Line, Field) switch
    {
        (0, _) => $"{File}: {Message}",
        (_, null) => $"{File} line {Line}: {Message}",
        _ => $"{File} line {Line}, field {Field}: {Message}",
    };
}

/// <summary>How the import of one file ended: all of its rows stored, or none.</summary>
public abstract record FileImportResult(string File, ImportKind Kind)
{
    /// <summary>Every row was stored in one transaction.</summary>
    public sealed record Imported(string File, ImportKind Kind, long Rows, TimeSpan Validation, TimeSpan Writing)
        : FileImportResult(File, Kind)
    {
        public TimeSpan Elapsed => Validation + Writing;
    }

    /// <summary>
    /// Nothing was stored: the first <see cref="CsvImporter.MaxReportedErrors"/> problems in line order,
    /// and how many there are in all.
    /// </summary>
    public sealed record Rejected(string File, ImportKind Kind, IReadOnlyList<ImportError> Errors, long ErrorCount)
        : FileImportResult(File, Kind);

    /// <summary><c>import all</c> found no such file in the folder.</summary>
    public sealed record Missing(string File, ImportKind Kind) : FileImportResult(File, Kind);

    /// <summary><c>import all</c> did not try the file because a file before it was rejected.</summary>
    public sealed record NotAttempted(string File, ImportKind Kind) : FileImportResult(File, Kind);
}

/// <summary>Where an import stands, for a progress display: the bytes of the file checked, then the rows written.</summary>
public sealed record ImportProgress(string File, ImportPhase Phase, long Done, long Total);

public enum ImportPhase
{
    Validating,
    Writing,
}

/// <summary>Collects the problems of one file: counts all of them, keeps the first few for the report.</summary>
internal sealed class ImportErrors(string file, int maxKept)
{
    private readonly List<ImportError> kept = [];

    public string File => file;

    public long Count { get; private set; }

    public bool Any => Count > 0;

    public void Add(long line, string? field, Core.Text message)
    {
        Count++;
        if (kept.Count < maxKept)
        {
            kept.Add(new ImportError(file, line, field, message));
        }
    }

    /// <summary>The kept problems in line order (problems found at the end of the file, such as overlaps, join their lines).</summary>
    public IReadOnlyList<ImportError> InLineOrder() => [.. kept.OrderBy(e => e.Line)];
}
