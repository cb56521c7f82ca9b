using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Import;

/// <summary>
/// <c>stadtwerk import</c> as a user runs it (in process, with captured output), on SQLite and on PostgreSQL:
/// a summary on standard output, one line per problem on standard error, exit code 1 when a file is rejected.
/// </summary>
public abstract partial class ImportCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly ImportFolder folder = new();
    private TestDatabase? database;

    private TestDatabase Database => database ?? throw new InvalidOperationException("The database is not created.");

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        folder.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Import_all_prints_a_line_per_file_and_a_total()
    {
        folder.WithValidSet();

        var (exitCode, output, error) = await RunAsync("import", "all", folder.Path);

        (exitCode, error).ShouldBe((0, string.Empty));
        Timings().Replace(output, "T").ShouldBe(
            """
            customers.csv: 2 rows imported in T
            tariffs.csv: 3 rows imported in T
            premises.csv: 2 rows imported in T
            contracts.csv: 2 rows imported in T
            meters.csv: 2 rows imported in T
            readings.csv: 3 rows imported in T
            6 files: 14 rows imported in T

            """.ReplaceLineEndings());
        await using var db = Database.Open();
        (await db.Readings.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(3);
    }

    [Fact]
    public async Task A_rejected_file_prints_each_problem_on_standard_error_and_exits_with_1()
    {
        folder.WithValidSet();
        folder.Write(
            "contracts.csv",
            ValidSet.ContractsHeader,
            "C-3001;K-1001;V-2001;STROM-BASIS;2020-01-01;;VK-3001;DE89 3704 0044 0532 0130 01;;Anna Müller;M-3001;2019-12-01;;;",
            "C-3002;K-1009;V-2002;GAS-BASIS;2020-01-01;;VK-3002;;;;;;;;");

        var (exitCode, output, error) = await RunAsync("import", "all", folder.Path);

        exitCode.ShouldBe(1);
        Timings().Replace(output, "T").ShouldBe(
            """
            customers.csv: 2 rows imported in T
            tariffs.csv: 3 rows imported in T
            premises.csv: 2 rows imported in T
            3 files: 7 rows imported in T

            """.ReplaceLineEndings());
        error.ShouldBe(
            """
            error: contracts.csv line 2, field iban: IBAN DE89370400440532013001 fails the check digits (mod 97)
            error: contracts.csv line 3, field customer_number: customer K-1009 does not exist
            error: contracts.csv: 2 errors; nothing was imported from it
            error: the import stopped there; not imported: meters.csv, readings.csv

            """.ReplaceLineEndings());
        await using var db = Database.Open();
        (await db.Premises.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(2);
        (await db.Contracts.CountAsync(TestContext.Current.CancellationToken)).ShouldBe(0);
    }

    [Fact]
    public async Task At_most_100_problems_are_printed_then_their_count()
    {
        var rows = Enumerable.Range(1, 120).Select(i => $"K-{i};person;Anna;;;Weg;1;01067;Musterstadt;;;;;").Prepend(ValidSet.CustomersHeader).ToArray();
        var file = folder.Write("customers.csv", rows);

        var (exitCode, output, error) = await RunAsync("import", "customers", file);

        (exitCode, output).ShouldBe((1, string.Empty));
        var lines = error.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(101);
        lines[0].ShouldBe("error: customers.csv line 2, field last_name: a person needs a last name");
        lines[99].ShouldBe("error: customers.csv line 101, field last_name: a person needs a last name");
        lines[100].ShouldBe("error: customers.csv: 120 errors, the first 100 shown; nothing was imported from it");
    }

    [Fact]
    public async Task A_single_file_is_imported_by_its_kind()
    {
        var file = folder.Write("alt-kunden.csv", ValidSet.Customers);

        var (exitCode, output, error) = await RunAsync("import", "customers", file);

        (exitCode, error).ShouldBe((0, string.Empty));
        Timings().Replace(output, "T").ShouldBe($"alt-kunden.csv: 2 rows imported in T{Environment.NewLine}");
    }

    [Fact]
    public async Task A_missing_file_or_folder_is_one_error_line()
    {
        (await RunAsync("import", "meters", folder.File("meters.csv"))).ShouldBe((1, string.Empty, $"error: cannot read {folder.File("meters.csv")}: no such file{Environment.NewLine}"));
        (await RunAsync("import", "all", folder.Path)).ShouldBe((1, string.Empty, $"error: {folder.Path} holds none of the import files customers.csv, tariffs.csv, premises.csv, contracts.csv, meters.csv, readings.csv{Environment.NewLine}"));
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(() => Stream.Null, output, error);
        var exitCode = await StadtwerkCli.RunAsync([.. args, "--provider", provider.ToString(), "--connection", Database.Settings.ConnectionString], console);
        return (exitCode, output.ToString(), error.ToString());
    }

    /// <summary>"0.1 s (123 rows/s), checked in 0.0 s, written in 0.1 s": the part of a summary that varies.</summary>
    [GeneratedRegex(@"\d+\.\d s \(\d+ rows/s\)(, checked in \d+\.\d s, written in \d+\.\d s)?")]
    private static partial Regex Timings();
}

public sealed class ImportCommandOnSqliteTests() : ImportCommandTests(DatabaseProvider.Sqlite);

public sealed class ImportCommandOnPostgresTests() : ImportCommandTests(DatabaseProvider.Postgres);
