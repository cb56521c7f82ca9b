using System.Diagnostics;
using Shouldly;

namespace Stadtwerk.Infrastructure.Tests.Documents;

/// <summary>Runs poppler-utils (pdftotext, pdftoppm, pdfinfo) or qpdf on a PDF and returns what it printed; a failure fails the test.</summary>
internal static class PdfTools
{
    public static async Task<string> RunAsync(string program, params string[] args)
    {
        var ct = TestContext.Current.CancellationToken;
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is missing: scripts/test.sh installs poppler-utils and qpdf from Debian ({e.Message})", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            process.ExitCode.ShouldBe(0, $"{program}: {await error}");
            return await output;
        }
    }
}
