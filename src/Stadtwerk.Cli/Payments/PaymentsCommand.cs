using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stadtwerk.Cli.Database;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Payments;

/// <summary>
/// <c>stadtwerk payments import FILE</c>: the bank file of the day (camt.053 statement, camt.054 notification;
/// docs/payments.md): payments and returned direct debits booked on the contracts they name, the rest on the clerk's list.
/// </summary>
internal static class PaymentsCommand
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static Command Create(CliConsole console)
    {
        var payments = new Command("payments", "Bank files: payments received and returned direct debits (docs/payments.md).");
        payments.Subcommands.Add(ImportCommand(console));
        payments.Subcommands.Add(DirectDebitFileCommand(console));
        payments.Subcommands.Add(CollectCommand(console));
        payments.Subcommands.Add(CreditTransferFileCommand(console));
        payments.Subcommands.Add(DunningCommand(console));
        return payments;
    }

    private static Command CollectCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var date = new Option<string>("--date") { Description = "The due date (yyyy-MM-dd) whose installments, agreed parts and balances are collected.", Required = true };
        var command = new Command(
            "collect",
            "The collection run (Einzugslauf) of a due date: the installment request of every contract whose schedule asks for money then, and the SEPA collection entry of those with a valid mandate. Repeated, it writes nothing twice. 'direct-debit-file' runs it first.");
        command.Options.Add(date);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(date), out var dueOn))
            {
                return console.Fail("--date must be a date (yyyy-MM-dd)", CliConsole.UsageError);
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            await using var db = DatabaseOptions.Open(settings);
            var run = await new StartCollectionRun(db, TimeProvider.System, () => DatabaseOptions.Open(settings)).RunAsync(dueOn, $"cli:{Environment.UserName}", ct);
            await console.Out.WriteLineAsync(string.Create(German, $"Collection for {run.DueOn:dd.MM.yyyy}: {run.Contracts:N0} contracts due, {run.Requests:N0} installment requests, {run.Debits:N0} direct debits ({run.DebitAmount:N2} €), {run.ExpiredMandates:N0} lapsed mandates, {run.AlreadyDone:N0} done before"));
            return CliConsole.Success;
        });
        return command;
    }

    private static Command CreditTransferFileCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var date = new Option<string>("--date") { Description = "The execution date (yyyy-MM-dd): every approved payout due by then goes into the file.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the pain.001 XML to this file (default: standard output)." };
        var command = new Command(
            "credit-transfer-file",
            "Make the SEPA credit-transfer file (pain.001.001.09) of the refunds due by a date; the payouts in it are marked as submitted and booked when the bank statement shows them. The utility's account comes from the environment: Sepa__CreditorName, Sepa__CreditorId, Sepa__Iban, Sepa__Bic.");
        command.Options.Add(date);
        command.Options.Add(output);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(date), out var executionDate))
            {
                return console.Fail("--date must be a date (yyyy-MM-dd)", CliConsole.UsageError);
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var sepa = SepaSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            await using var db = DatabaseOptions.Open(settings);
            switch (await new Payouts(db, TimeProvider.System, sepa, new Stadtwerk.Infrastructure.Billing.BillingSettings()).CreateFileAsync(executionDate, $"cli:{Environment.UserName}", ct))
            {
                case CreditTransferFileResult.Created created:
                    var file = created.File;
                    if (parsed.GetValue(output) is { } path)
                    {
                        await File.WriteAllTextAsync(path, file.Xml, ct);
                    }
                    else
                    {
                        await console.Out.WriteAsync(file.Xml);
                    }

                    await console.Error.WriteLineAsync(string.Create(German, $"{file.MessageId}: {file.Transactions:N0} credit transfers, {file.ControlSum:N2} €, execution on {file.ExecutionDate:dd.MM.yyyy}"));
                    return CliConsole.Success;
                case CreditTransferFileResult.NothingDue nothing:
                    return console.Fail(nothing.Message);
                case CreditTransferFileResult.Invalid invalid:
                    return console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")));
                case CreditTransferFileResult.Conflict conflict:
                    return console.Fail(conflict.Message);
                default:
                    throw new InvalidOperationException("Unknown result.");
            }
        });
        return command;
    }

    private static Command DunningCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var send = new Option<bool>("--send") { Description = "Send the proposals that are not blocked (without it, only list them)." };
        var command = new Command(
            "dunning",
            "The dunning run (Mahnlauf): lists today's proposals (reminder, notice with fee, disconnection threat, announcement) with blocks; with --send, sends the letters and books the fees. A second run the same day sends nothing twice.");
        command.Options.Add(send);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            await using var db = DatabaseOptions.Open(settings);
            var dunning = new Dunning(
                db, TimeProvider.System, new ContractAccounts(db, TimeProvider.System), Stadtwerk.Infrastructure.Documents.UtilityProfile.From(configuration),
                configuration.GetSection("Dunning").Get<DunningSettings>() ?? new DunningSettings(), Stadtwerk.Infrastructure.Documents.DocumentSettings.From(configuration));
            foreach (var p in await dunning.ProposeAsync(ct))
            {
                await console.Out.WriteLineAsync(string.Create(German, $"{p.ContractNumber}\t{p.CustomerName}\t{p.Proposal.Level}\t{p.Proposal.Arrears:N2} €\t{p.Proposal.Reason.ToString()}{(p.BlockedBy is { } b ? $"\tgesperrt: {b.ToString()}" : string.Empty)}"));
            }

            if (parsed.GetValue(send))
            {
                var result = await dunning.RunAsync($"cli:{Environment.UserName}", null, ct);
                await console.Out.WriteLineAsync(string.Create(German, $"sent {result.Sent:N0} letters, {result.Blocked:N0} blocked, fees {result.Fees:N2} €"));
            }

            return CliConsole.Success;
        });
        return command;
    }

    private static Command DirectDebitFileCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var date = new Option<string>("--date") { Description = "The collection date (yyyy-MM-dd): the open direct debits due on it go into the file.", Required = true };
        var output = new Option<string?>("--out") { Description = "Write the pain.008 XML to this file (default: standard output)." };
        var command = new Command(
            "direct-debit-file",
            "Make the SEPA direct-debit file (pain.008.001.08) of a collection date for the bank; the debits in it are marked as submitted. The creditor comes from the environment: Sepa__CreditorName, Sepa__CreditorId, Sepa__Iban, Sepa__Bic.");
        command.Options.Add(date);
        command.Options.Add(output);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            if (!IsoDate.TryParse(parsed.GetValue(date), out var collectionDate))
            {
                return console.Fail("--date must be a date (yyyy-MM-dd)", CliConsole.UsageError);
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var sepa = SepaSettings.From(new ConfigurationBuilder().AddEnvironmentVariables().Build());
            await using var db = DatabaseOptions.Open(settings);
            var result = await new CreateDirectDebitFile(db, TimeProvider.System, sepa, new StartCollectionRun(db, TimeProvider.System, () => DatabaseOptions.Open(settings))).RunAsync(collectionDate, $"cli:{Environment.UserName}", ct);
            switch (result)
            {
                case DirectDebitFileResult.Created created:
                    var file = created.File;
                    if (parsed.GetValue(output) is { } path)
                    {
                        await File.WriteAllTextAsync(path, file.Xml, ct);
                    }
                    else
                    {
                        await console.Out.WriteAsync(file.Xml);
                    }

                    await console.Error.WriteLineAsync(string.Create(German, $"{file.MessageId}: {file.Transactions:N0} direct debits ({file.First:N0} FRST, {file.Recurring:N0} RCUR), {file.ControlSum:N2} €, collection on {file.CollectionDate:dd.MM.yyyy}"));
                    return CliConsole.Success;
                case DirectDebitFileResult.NothingDue nothing:
                    return console.Fail(nothing.Message);
                case DirectDebitFileResult.Invalid invalid:
                    return console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")));
                case DirectDebitFileResult.Conflict conflict:
                    return console.Fail(conflict.Message);
                default:
                    throw new InvalidOperationException("Unknown result.");
            }
        });
        return command;
    }

    private static Command ImportCommand(CliConsole console)
    {
        var database = new DatabaseOptions();
        var file = new Argument<string>("FILE") { Description = "A camt.053 statement (Kontoauszug) or camt.054 notification, as XML." };
        var command = new Command(
            "import",
            """
            Import a bank file: each payment is booked on the contract its remittance information (Verwendungszweck), mandate
            or IBAN names, each returned direct debit (Rücklastschrift) on the contract of its mandate; the rest is listed for a
            clerk. Entries imported before are not booked again. The whole file in one transaction; a file that cannot be read
            stores nothing ('error: FILE: ...', exit code 1).
            """);
        command.Arguments.Add(file);
        database.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            var path = parsed.GetValue(file)!;
            if (!File.Exists(path))
            {
                return console.Fail(Directory.Exists(path) ? $"{path} is a folder, not a bank file" : $"cannot read {path}: no such file");
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            PaymentImportResult result;
            try
            {
                await using var db = DatabaseOptions.Open(settings);
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    return console.Fail($"the database schema is not up to date ({pending.Count} pending migration(s)); run 'stadtwerk db migrate' first");
                }

                await using var stream = File.OpenRead(path);
                result = await new PaymentImporter(db, TimeProvider.System).ImportAsync(stream, path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return console.Fail($"cannot read {path}: {e.Message}");
            }
            catch (Exception e) when (e is DbException or DbUpdateException or InvalidOperationException)
            {
                return console.Fail($"cannot import into the {settings.Provider} database: {e.GetBaseException().Message}");
            }

            return result switch
            {
                PaymentImportResult.Imported imported => Report(console, path, imported.Summary),
                PaymentImportResult.Rejected rejected => console.Fail($"{path}: {rejected.Problem}"),
                _ => throw new InvalidOperationException("Unknown import result."),
            };
        });
        return command;
    }

    private static int Report(CliConsole console, string path, PaymentImportSummary s)
    {
        var output = console.Out;
        output.WriteLine(Invariant($"{path}: {s.MessageType}, {Count(s.Entries, "entry", "entries")} read ({Count(s.Transactions, "transaction", "transactions")})"));
        output.WriteLine($"  payments booked: {s.PaymentsBooked}, total {Money(s.PaymentsTotal, PaymentImporter.AccountCurrency)}");
        output.WriteLine($"  returns booked: {s.ReturnsBooked}, total {Money(s.ReturnsTotal, PaymentImporter.AccountCurrency)}");
        output.WriteLine(Invariant($"  unmatched: {s.Unmatched.Count}"));
        foreach (var u in s.Unmatched)
        {
            var kind = u.Kind == BankTransactionKind.Payment ? "payment" : "returned debit";
            var who = u.Name ?? "(no name)";
            var iban = u.Iban is null ? string.Empty : $", {u.Iban}";
            var text = u.RemittanceInformation is null ? string.Empty : $", \"{u.RemittanceInformation}\"";
            output.WriteLine($"    {u.BookingDate.ToIso()} {kind} {Money(u.Amount, u.Currency)} from {who}{iban}{text}: {u.Reason}");
        }

        output.WriteLine(Invariant($"  skipped: {s.Skipped.Count}"));
        foreach (var skipped in s.Skipped)
        {
            var direction = skipped.Direction == CreditDebit.Credit ? "credit" : "debit";
            output.WriteLine(Invariant($"    entry {skipped.Entry}: {direction} {Money(skipped.Amount, skipped.Currency)}: {skipped.Reason}"));
        }

        output.WriteLine(Invariant($"  already imported: {s.AlreadyImported}"));
        if (s.BatchTotalsDetailed > 0)
        {
            output.WriteLine(Invariant($"  batch totals of an earlier file replaced by their transactions: {s.BatchTotalsDetailed}"));
        }

        output.Flush();
        return CliConsole.Success;
    }

    private static string Money(decimal amount, string currency) =>
        string.Create(German, $"{amount:N2} {(currency == "EUR" ? "€" : currency)}");

    private static string Count(int count, string one, string many) => Invariant($"{count} {(count == 1 ? one : many)}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
