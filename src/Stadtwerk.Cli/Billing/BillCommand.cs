using System.CommandLine;
using System.Globalization;
using Stadtwerk.Cli.Database;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;

namespace Stadtwerk.Cli.Billing;

/// <summary><c>stadtwerk bill CONTRACT --from D --to D</c>: issues the annual bill of one contract from stored data.</summary>
internal static class BillCommand
{
    public static Command Create(CliConsole console)
    {
        var contract = new Argument<string>("CONTRACT") { Description = "The contract number, e.g. C1000001." };
        var from = new Option<string>("--from") { Description = "First day of the billing period (yyyy-MM-dd).", Required = true };
        var to = new Option<string>("--to") { Description = "Last day of the billing period (yyyy-MM-dd).", Required = true };
        var key = new Option<string?>("--idempotency-key") { Description = "Repeating the command with the same key returns the first bill instead of billing twice." };
        var database = new DatabaseOptions();
        var command = new Command("bill", "Issue the annual bill (Jahresabrechnung) of a contract for a period and print its summary; a bill that needs a clerk is held (exit code 3).");
        command.Arguments.Add(contract);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(key);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(from), out var start) || !IsoDate.TryParse(parsed.GetValue(to), out var end))
            {
                return console.Fail("--from and --to must be dates (yyyy-MM-dd)", CliConsole.UsageError);
            }

            if (end < start)
            {
                return console.Fail($"--to {end.ToIso()} is before --from {start.ToIso()}", CliConsole.UsageError);
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            await using var db = DatabaseOptions.Open(settings);
            var billing = new BillContract(db, TimeProvider.System, new BillingSettings());
            var result = await billing.RunAsync(parsed.GetValue(contract)!, BillingPeriod.Create(start, end), parsed.GetValue(key), ct);
            var german = CultureInfo.GetCultureInfo("de-DE");
            switch (result)
            {
                case BillContractResult.Issued issued:
                    var b = issued.Bill;
                    await console.Out.WriteLineAsync(string.Create(german,
                        $"{(issued.Repeated ? "Already issued" : "Issued")} bill {b.Number} for {b.PeriodStart.ToIso()}..{b.PeriodEnd.ToIso()}: {b.Quantity:N0}, gross {b.Gross:N2} €, paid {b.Paid:N2} €, balance {b.Balance:N2} € (due {b.DueOn:dd.MM.yyyy}){(b.HasEstimates ? ", with estimated readings" : string.Empty)}"));
                    return CliConsole.Success;
                case BillContractResult.Held held:
                    await console.Out.WriteLineAsync($"Held for a clerk ({held.Hold.Reason}): {held.Hold.Details}");
                    return 3;
                case BillContractResult.NotFound notFound:
                    return console.Fail($"{notFound.What} was not found");
                case BillContractResult.Invalid invalid:
                    return console.Fail($"{invalid.Field}: {invalid.Message}");
                case BillContractResult.Conflict conflict:
                    return console.Fail(conflict.Message);
                default:
                    throw new InvalidOperationException("Unknown billing result.");
            }
        });
        return command;
    }
}
