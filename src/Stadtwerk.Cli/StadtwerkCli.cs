using System.CommandLine;
using Stadtwerk.Cli.Billing;
using Stadtwerk.Cli.Database;

namespace Stadtwerk.Cli;

/// <summary>The <c>stadtwerk</c> command line: one subcommand per use case.</summary>
internal static class StadtwerkCli
{
    public static async Task<int> RunAsync(string[] args, CliConsole console)
    {
        var root = new RootCommand(
            """
            Stadtwerk: customer care and billing for municipal utilities.

            Examples:
              stadtwerk calculate bill.json        calculate the bill described in bill.json
              stadtwerk calculate - < bill.json    the same, reading standard input
              stadtwerk db migrate --provider Postgres --connection "Host=...;Database=stadtwerk;..."

            The input and output formats are described in docs/calculate.md.
            """);
        root.Subcommands.Add(CalculateCommand.Create(console));
        root.Subcommands.Add(DbCommand.Create(console));
        root.Subcommands.Add(BillCommand.Create(console));
        root.Subcommands.Add(BillsCommand.Create(console));
        root.Subcommands.Add(BillingRunCommand.Create(console));
        root.Subcommands.Add(BillingRunCommand.Worker(console));
        root.Subcommands.Add(Staff.StaffCommand.Create(console));
        root.Subcommands.Add(Contracts.ContractsCommand.Create(console));
        root.Subcommands.Add(Import.ImportCommand.Create(console));
        root.Subcommands.Add(Payments.PaymentsCommand.Create(console));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var command = parsed.CommandResult.Command;
            var helpHint = command == root ? "stadtwerk --help" : $"stadtwerk {command.Name} --help";
            // An unknown word explains more than the "required command" error it causes.
            var error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            return console.Fail($"{error.Message.TrimEnd('.')} (see '{helpHint}')", CliConsole.UsageError);
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error });
    }
}
