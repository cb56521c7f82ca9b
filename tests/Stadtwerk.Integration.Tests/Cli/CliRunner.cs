using Stadtwerk.Cli;

namespace Stadtwerk.Integration.Tests.Cli;

/// <summary>Runs a <c>stadtwerk</c> command in the test process against a test database, capturing what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Code, string Out, string Error)> RunAsync(TestDatabase database, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] all = [.. args, "--provider", database.Provider.ToString(), "--connection", database.Settings.ConnectionString];
        var code = await StadtwerkCli.RunAsync(all, new CliConsole(() => Stream.Null, output, error));
        return (code, output.ToString(), error.ToString());
    }
}
