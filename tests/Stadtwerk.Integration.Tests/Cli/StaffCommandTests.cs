using System.Net;
using System.Net.Http.Json;
using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Cli;

/// <summary>The operator of a new installation creates the first administrator, who can then sign in.</summary>
public abstract class StaffCommandTests(DatabaseProvider provider)
{
    [Fact]
    public async Task An_operator_creates_an_administrator_who_can_sign_in()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Environment.SetEnvironmentVariable(Stadtwerk.Cli.Staff.StaffCommand.PasswordVariable, "Sehr-geheim-2026");
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = await StadtwerkCli.RunAsync(
            ["staff", "add", "betrieb", "--role", "Administrator", "--email", "betrieb@stadtwerk.example", "--provider", provider.ToString(), "--connection", database.Settings.ConnectionString],
            new CliConsole(() => Stream.Null, output, error));

        code.ShouldBe(0, error.ToString());
        await using var app = new StadtwerkApp(database);
        using var client = app.CreateClient();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { userName = "betrieb", password = "Sehr-geheim-2026" }, TestContext.Current.CancellationToken);
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await login.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("Administrator");
    }
}

public sealed class StaffCommandOnSqliteTests() : StaffCommandTests(DatabaseProvider.Sqlite);

public sealed class StaffCommandOnPostgresTests() : StaffCommandTests(DatabaseProvider.Postgres);
