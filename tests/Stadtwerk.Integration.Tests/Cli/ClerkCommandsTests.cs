using System.Text.Json;
using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests.Billing;

namespace Stadtwerk.Integration.Tests.Cli;

/// <summary>A clerk's day at the terminal: bill, show, correct, settle, change the installment, move out — on both databases.</summary>
public abstract class ClerkCommandsTests(DatabaseProvider provider)
{
    private static Task<(int Code, string Out, string Error)> RunAsync(TestDatabase database, params string[] args) => CliRunner.RunAsync(database, args);

    [Fact]
    public async Task A_clerk_bills_shows_corrects_settles_changes_the_installment_and_moves_out_from_the_command_line()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string contract;
        await using (var db = database.Open())
        {
            contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 9000m)], installment: 20m);
        }

        var billed = await RunAsync(database, "bill", contract, "--from", "2021-01-01", "--to", "2021-12-31");
        billed.Code.ShouldBe(0, billed.Error);
        var number = billed.Out.Split(' ')[2];

        var shown = await RunAsync(database, "bills", "show", number);
        JsonDocument.Parse(shown.Out).RootElement.GetProperty("quantity").GetInt64().ShouldBe(9000);
        var input = await RunAsync(database, "bills", "show", number, "--input");
        JsonDocument.Parse(input.Out).RootElement.GetProperty("commodity").GetString().ShouldBe("electricity");

        var corrected = await RunAsync(database, "bills", "correct", number);
        corrected.Code.ShouldBe(0, corrected.Error);
        corrected.Out.ShouldContain("issued the corrected bill");
        var newNumber = corrected.Out.Split("corrected bill ")[1].Split(':')[0];

        var settled = await RunAsync(database, "bills", "settle", newNumber, "--kind", "instalments", "--parts", "4", "--first-due", "2099-03-31");
        settled.Code.ShouldBe(0, settled.Error);
        settled.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(5);

        var changed = await RunAsync(database, "contracts", "installment", contract, "--amount", "250", "--channel", "phone");
        changed.Code.ShouldBe(0, changed.Error);

        var moved = await RunAsync(database, "contracts", "move-out", contract, "--date", "2022-03-31", "--reading", "11000");
        moved.Code.ShouldBe(0, moved.Error);
        moved.Out.ShouldContain("final bill");
    }
}

public sealed class ClerkCommandsOnSqliteTests() : ClerkCommandsTests(DatabaseProvider.Sqlite);

public sealed class ClerkCommandsOnPostgresTests() : ClerkCommandsTests(DatabaseProvider.Postgres);
