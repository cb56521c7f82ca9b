using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Spectre.Console;
using Stadtwerk.Cli.Database;
using Stadtwerk.Infrastructure.Import;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Import;

/// <summary>
/// <c>stadtwerk import customers|tariffs|premises|contracts|meters|readings FILE</c> and <c>stadtwerk import all FOLDER</c>:
/// master data from the old system as CSV (docs/import.md), each file all or nothing.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(CliConsole console)
    {
        var import = new Command(
            "import",
            """
            Import master data from CSV files (docs/import.md): semicolon- (or comma-) separated UTF-8 with a header row.
            Each file is checked completely first and then stored in one transaction: all of its rows or none.
            Problems are printed as 'error: FILE line N, field F: ...' on standard error (at most 100), exit code 1.
            """);
        foreach (var kind in ImportKinds.InDependencyOrder)
        {
            import.Subcommands.Add(FileCommand(kind, console));
        }

        import.Subcommands.Add(AllCommand(console));
        return import;
    }

    private static Command FileCommand(ImportKind kind, CliConsole console)
    {
        var database = new DatabaseOptions();
        var file = new Argument<string>("FILE") { Description = $"The CSV file of {kind.Name()} (docs/import.md, like {kind.FileName()})." };
        var command = new Command(kind.Name(), $"Import {kind.Name()} from a CSV file, all rows or none.");
        command.Arguments.Add(file);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return console.Fail(Directory.Exists(path) ? $"{path} is a folder; use 'stadtwerk import all {path}'" : $"cannot read {path}: no such file");
            }

            return database.Resolve(parsed, console) is { } settings
                ? await RunAsync(console, settings, async importer => [await importer.ImportFileAsync(kind, path, ct)])
                : CliConsole.UsageError;
        });
        return command;
    }

    private static Command AllCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var folder = new Argument<string>("FOLDER") { Description = "The folder with the CSV files." };
        var command = new Command(
            "all",
            $"Import the files {string.Join(", ", ImportKinds.InDependencyOrder.Select(k => k.FileName()))} found in FOLDER, in this order; each file all or nothing; stops at the first file with errors.");
        command.Arguments.Add(folder);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(folder)!;
            if (!Directory.Exists(path))
            {
                return console.Fail($"cannot read the folder {path}: no such folder");
            }

            if (!ImportKinds.InDependencyOrder.Any(k => File.Exists(Path.Combine(path, k.FileName()))))
            {
                return console.Fail($"{path} holds none of the import files {string.Join(", ", ImportKinds.InDependencyOrder.Select(k => k.FileName()))}");
            }

            return database.Resolve(parsed, console) is { } settings
                ? await RunAsync(console, settings, importer => importer.ImportFolderAsync(path, ct))
                : CliConsole.UsageError;
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, DatabaseSettings settings, Func<CsvImporter, Task<IReadOnlyList<FileImportResult>>> run)
    {
        IReadOnlyList<FileImportResult> results;
        try
        {
            results = console.IsInteractive
                ? await WithProgressAsync(settings, run)
                : await run(new CsvImporter(settings, TimeProvider.System));
        }
        catch (IOException e)
        {
            return console.Fail($"cannot read the file: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return console.Fail($"cannot read the file: {e.Message}");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return console.Fail($"cannot import into the {settings.Provider} database: {e.Message}");
        }

        return Report(console, results);
    }

    private static int Report(CliConsole console, IReadOnlyList<FileImportResult> results)
    {
        var exitCode = CliConsole.Success;
        foreach (var result in results)
        {
            switch (result)
            {
                case FileImportResult.Imported imported:
                    console.Out.WriteLine(Summary(imported.File, imported.Rows, imported.Elapsed)
                        + string.Create(CultureInfo.InvariantCulture, $", checked in {imported.Validation.TotalSeconds:0.0} s, written in {imported.Writing.TotalSeconds:0.0} s"));
                    break;
                case FileImportResult.Missing missing:
                    console.Out.WriteLine($"{missing.File}: not in the folder, skipped");
                    break;
                case FileImportResult.Rejected rejected:
                    foreach (var error in rejected.Errors)
                    {
                        console.Fail(error.ToString());
                    }

                    var shown = rejected.ErrorCount > rejected.Errors.Count ? $", the first {rejected.Errors.Count} shown" : string.Empty;
                    console.Fail($"{rejected.File}: {Count(rejected.ErrorCount, "error")}{shown}; nothing was imported from it");
                    exitCode = CliConsole.InvalidInput;
                    break;
                case FileImportResult.NotAttempted:
                    break;
                default:
                    throw new InvalidOperationException($"Unknown import result {result.GetType().Name}.");
            }
        }

        var notAttempted = results.OfType<FileImportResult.NotAttempted>().Select(r => r.File).ToList();
        if (notAttempted.Count > 0)
        {
            console.Fail($"the import stopped there; not imported: {string.Join(", ", notAttempted)}");
        }

        var importedFiles = results.OfType<FileImportResult.Imported>().ToList();
        if (importedFiles.Count > 1)
        {
            var elapsed = importedFiles.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Elapsed);
            console.Out.WriteLine(Summary(Count(importedFiles.Count, "file"), importedFiles.Sum(r => r.Rows), elapsed));
        }

        console.Out.Flush();
        return exitCode;
    }

    private static string Summary(string what, long rows, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 0.001);
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {Count(rows, "row")} imported in {elapsed.TotalSeconds:0.0} s ({rows / seconds:0} rows/s)");
    }

    private static string Count(long count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? string.Empty : "s")}");

    /// <summary>A progress display only for a person at a terminal; redirected output and tests stay plain.</summary>
    private static async Task<IReadOnlyList<FileImportResult>> WithProgressAsync(DatabaseSettings settings, Func<CsvImporter, Task<IReadOnlyList<FileImportResult>>> run)
    {
        IReadOnlyList<FileImportResult> results = [];
        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context => results = await run(new CsvImporter(settings, TimeProvider.System, new ProgressDisplay(context))));
        return results;
    }

    /// <summary>One bar per file and phase (checking, writing), updated as the importer reports.</summary>
    private sealed class ProgressDisplay(ProgressContext context) : IProgress<ImportProgress>
    {
        private readonly Dictionary<(string, ImportPhase), ProgressTask> tasks = [];

        public void Report(ImportProgress value)
        {
            var key = (value.File, value.Phase);
            if (!tasks.TryGetValue(key, out var task))
            {
                var phase = value.Phase == ImportPhase.Validating ? "checking" : "writing";
                tasks[key] = task = context.AddTask($"{Markup.Escape(value.File)} {phase}", maxValue: Math.Max(value.Total, 1));
            }

            task.Value = Math.Min(value.Done, task.MaxValue);
        }
    }
}
