namespace Stadtwerk.Cli;

/// <summary>The streams a command talks to; the real console in production, buffers in tests.</summary>
internal sealed record CliConsole(Func<Stream> OpenInput, TextWriter Out, TextWriter Error)
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int UsageError = 2;

    public static CliConsole System => new(Console.OpenStandardInput, Console.Out, Console.Error);

    /// <summary>Whether a person watches a terminal (then progress bars are drawn), not a pipe or a test.</summary>
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected;

    /// <summary>Reports a problem as exactly one line on standard error and returns <paramref name="exitCode"/>.</summary>
    public int Fail(string message, int exitCode = InvalidInput)
    {
        Error.WriteLine("error: " + message.ReplaceLineEndings(" "));
        return exitCode;
    }
}
