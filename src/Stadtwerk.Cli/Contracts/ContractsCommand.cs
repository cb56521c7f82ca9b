using System.CommandLine;
using Stadtwerk.Cli.Billing;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Billing;

namespace Stadtwerk.Cli.Contracts;

/// <summary><c>stadtwerk contracts installment|move-out CONTRACT</c>: changes a clerk makes for a customer.</summary>
internal static class ContractsCommand
{
    public static Command Create(CliConsole console)
    {
        var contracts = new Command("contracts", "Contracts: change the installment, move out with the final bill.");
        contracts.Subcommands.Add(Installment(console));
        contracts.Subcommands.Add(MoveOutCommand(console));
        return contracts;
    }

    private static Command Installment(CliConsole console)
    {
        var contract = new Argument<string>("CONTRACT") { Description = "The contract number." };
        var amount = new Option<decimal>("--amount") { Description = "The new monthly installment in whole euros.", Required = true };
        var channel = new Option<string>("--channel") { Description = "How the customer asked: phone, post, email, portal, office, clerk (default clerk).", DefaultValueFactory = _ => "clerk" };
        var command = BillsCommand.Setup(new Command("installment", "Change the installment from the next one not yet collected; a reduction below 80 % of the calculated amount waits for approval."), contract, out var database);
        command.Options.Add(amount);
        command.Options.Add(channel);
        command.SetAction(async (parsed, ct) =>
        {
            if (!Enum.TryParse<ChangeChannel>(parsed.GetValue(channel), ignoreCase: true, out var how))
            {
                return console.Fail("--channel must be phone, post, email, portal, office or clerk", CliConsole.UsageError);
            }

            return await BillsCommand.WithDatabase(parsed, database, console, async db =>
            {
                var result = await new ChangeInstallment(db, TimeProvider.System).RunAsync(parsed.GetValue(contract)!, parsed.GetValue(amount), how, Environment.UserName, null, ct);
                return result switch
                {
                    InstallmentChangeResult.Changed { Change.Status: InstallmentChangeStatus.Applied } c =>
                        await BillsCommand.Say(console, $"Installment of {c.Contract.ContractNumber} from {c.Change.EffectiveFrom.ToIso()}: {BillsCommand.Euro(c.Change.NewAmount)} (was {BillsCommand.Euro(c.Change.OldAmount)})."),
                    InstallmentChangeResult.Changed c =>
                        await BillsCommand.Say(console, $"The reduction to {BillsCommand.Euro(c.Change.NewAmount)} is below 80 % of {BillsCommand.Euro(c.Change.CalculatedAmount)} and waits for a clerk's approval."),
                    InstallmentChangeResult.Invalid invalid => console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}"))),
                    InstallmentChangeResult.NotFound notFound => console.Fail($"{notFound.What} was not found"),
                    InstallmentChangeResult.Stale => console.Fail("the contract was changed at the same moment; try again"),
                    _ => throw new InvalidOperationException("Unknown result."),
                };
            });
        });
        return command;
    }

    private static Command MoveOutCommand(CliConsole console)
    {
        var contract = new Argument<string>("CONTRACT") { Description = "The contract number." };
        var date = new Option<string>("--date") { Description = "The last day supplied (yyyy-MM-dd).", Required = true };
        var reading = new Option<decimal?>("--reading") { Description = "The final meter reading on that day; without it, the reading is estimated." };
        var newCustomer = new Option<string?>("--new-customer") { Description = "The customer who moves in the next day." };
        var newContract = new Option<string?>("--new-contract") { Description = "The new contract's number (with --new-customer)." };
        var command = BillsCommand.Setup(new Command("move-out", "End a contract (Auszug), issue the final bill (Schlussrechnung), and move in the next customer."), contract, out var database);
        command.Options.Add(date);
        command.Options.Add(reading);
        command.Options.Add(newCustomer);
        command.Options.Add(newContract);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(date), out var lastDay))
            {
                return console.Fail("--date must be a date (yyyy-MM-dd)", CliConsole.UsageError);
            }

            return await BillsCommand.WithDatabase(parsed, database, console, async db =>
            {
                var billing = new BillContract(db, TimeProvider.System, new BillingSettings());
                var result = await new MoveOut(db, billing, TimeProvider.System).RunAsync(
                    parsed.GetValue(contract)!, new MoveOutRequest(lastDay, parsed.GetValue(reading), ReadingSource.Agent, parsed.GetValue(newCustomer), parsed.GetValue(newContract), null), ct);
                return result switch
                {
                    MoveOutResult.Done { FinalBill: BillContractResult.Issued issued } done => await BillsCommand.Say(console,
                        $"Contract {done.Contract.ContractNumber} ends on {lastDay.ToIso()}; final bill {issued.Bill.Number}: balance {BillsCommand.Euro(issued.Bill.Balance)}{(done.NewContract is { } n ? $"; {n.ContractNumber} starts on {n.StartDate.ToIso()}" : string.Empty)}."),
                    MoveOutResult.Done { FinalBill: BillContractResult.Held held } => await BillsCommand.Say(console, $"Contract ends on {lastDay.ToIso()}; the final bill is held for a clerk ({held.Hold.Reason}): {held.Hold.Details}", 3),
                    MoveOutResult.Done done => await BillsCommand.Say(console, $"Contract ends on {lastDay.ToIso()}."),
                    MoveOutResult.Invalid invalid => console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}"))),
                    MoveOutResult.NotFound notFound => console.Fail($"{notFound.What} was not found"),
                    MoveOutResult.Conflict conflict => console.Fail(conflict.Message),
                    _ => throw new InvalidOperationException("Unknown result."),
                };
            });
        });
        return command;
    }
}
