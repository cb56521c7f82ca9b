using System.Diagnostics;

namespace Stadtwerk.Cli.Tests;

/// <summary>Runs the real <c>stadtwerk</c> program as a separate process, as a user in a shell would.</summary>
internal static class StadtwerkProcess
{
    public sealed record Outcome(int ExitCode, string StandardOutput, string StandardError);

    private static string Program => Path.Combine(AppContext.BaseDirectory, "stadtwerk.dll");

    public static async Task<Outcome> Run(string? standardInput, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Outcome(process.ExitCode, await output, await error);
    }
}
