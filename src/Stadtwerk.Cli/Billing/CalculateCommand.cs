using System.CommandLine;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Cli.Billing;

/// <summary><c>stadtwerk calculate INPUT.json|-</c>: replays a bill from plain data and prints it as JSON.</summary>
internal static class CalculateCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("INPUT")
        {
            Description = "The bill input as JSON (see docs/calculate.md); '-' reads it from standard input.",
        };
        var command = new Command(
            "calculate",
            """
            Calculate a bill exactly to the cent and print it as JSON on standard output.
            Invalid input prints one line 'error: ...' on standard error and exits with code 1.
            """);
        command.Arguments.Add(input);
        command.SetAction(result => Run(result.GetValue(input)!, console));
        return command;
    }

    public static int Run(string inputPath, CliConsole console)
    {
        if (ReadInput(inputPath, console) is not { } json)
        {
            return CliConsole.InvalidInput;
        }

        var parsed = BillInputJson.Parse(json);
        if (parsed.Value is not { } billInput)
        {
            return console.Fail(parsed.Error!);
        }

        switch (BillCalculator.Calculate(billInput))
        {
            case CalculationResult.Calculated calculated:
                console.Out.Write(BillJson.Write(calculated.Bill));
                console.Out.Flush();
                return CliConsole.Success;
            case CalculationResult.Rejected rejected:
                return console.Fail(rejected.Reason);
            default:
                throw new InvalidOperationException("Unknown calculation result.");
        }
    }

    private static byte[]? ReadInput(string inputPath, CliConsole console)
    {
        try
        {
            if (inputPath == "-")
            {
                using var stdin = console.OpenInput();
                using var buffer = new MemoryStream();
                stdin.CopyTo(buffer);
                return StripByteOrderMark(buffer.ToArray());
            }

            return StripByteOrderMark(File.ReadAllBytes(inputPath));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            console.Fail($"cannot read {inputPath}: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            console.Fail($"cannot read {inputPath}: permission denied");
        }
        catch (IOException e)
        {
            console.Fail($"cannot read {inputPath}: {e.Message}");
        }

        return null;
    }

    private static byte[] StripByteOrderMark(byte[] bytes) =>
        bytes is [0xEF, 0xBB, 0xBF, ..] ? bytes[3..] : bytes;
}
