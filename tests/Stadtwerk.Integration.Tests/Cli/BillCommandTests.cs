using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests.Billing;

namespace Stadtwerk.Integration.Tests.Cli;

/// <summary><c>stadtwerk bill</c> on both databases, as a clerk at a terminal uses it.</summary>
public abstract class BillCommandTests(DatabaseProvider provider)
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StadtwerkCli.RunAsync(args, new CliConsole(() => Stream.Null, output, error));
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task A_clerk_bills_a_contract_from_the_command_line_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string contract;
        await using (var db = database.Open())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 100m), ("2021-12-31", 2600m)]);
        }

        string[] args = ["bill", contract, "--from", "2021-01-01", "--to", "2021-12-31", "--idempotency-key", "k-1", "--provider", provider.ToString(), "--connection", database.Settings.ConnectionString];
        var first = await RunAsync(args);
        var repeat = await RunAsync(args);
        var again = await RunAsync(args[..^6].Concat(args[^4..]).ToArray());

        first.Code.ShouldBe(0, first.Error);
        first.Out.ShouldStartWith("Issued bill ");
        first.Out.ShouldContain("2.500");
        repeat.Code.ShouldBe(0);
        repeat.Out.ShouldStartWith("Already issued bill ");
        again.Code.ShouldBe(1);
        again.Error.ShouldStartWith($"error: contract {contract} is billed for these days already");
    }

    [Fact]
    public async Task Billing_an_unknown_contract_names_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var result = await RunAsync("bill", "C-NOPE", "--from", "2021-01-01", "--to", "2021-12-31", "--provider", provider.ToString(), "--connection", database.Settings.ConnectionString);

        result.Code.ShouldBe(1);
        result.Error.ShouldBe("error: Contract C-NOPE was not found\n");
    }
}

public sealed class BillCommandOnSqliteTests() : BillCommandTests(DatabaseProvider.Sqlite);

public sealed class BillCommandOnPostgresTests() : BillCommandTests(DatabaseProvider.Postgres);
