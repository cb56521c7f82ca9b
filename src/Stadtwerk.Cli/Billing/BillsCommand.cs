using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stadtwerk.Cli.Database;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Billing;

/// <summary><c>stadtwerk bills show|cancel|correct|settle NUMBER</c>: a clerk's work on issued bills.</summary>
internal static class BillsCommand
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static Command Create(CliConsole console)
    {
        var bills = new Command("bills", "Issued bills: show one (with its replayable input), cancel, correct, agree instalments or a refund.");
        bills.Subcommands.Add(Show(console));
        bills.Subcommands.Add(Cancel(console));
        bills.Subcommands.Add(Correct(console));
        bills.Subcommands.Add(Settle(console));
        bills.Subcommands.Add(Pdf(console));
        bills.Subcommands.Add(EInvoiceCommand(console));
        bills.Subcommands.Add(Dispatch(console));
        return bills;
    }

    /// <summary>The bill letters, with the utility's and creditor's data from the environment (Utility__Name, Sepa__CreditorId, ...).</summary>
    private static Stadtwerk.Infrastructure.Documents.BillLetters Letters(StadtwerkDbContext db)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        return new Stadtwerk.Infrastructure.Documents.BillLetters(
            db, Stadtwerk.Infrastructure.Documents.UtilityProfile.From(configuration), Stadtwerk.Infrastructure.Payments.SepaSettings.From(configuration), new BillingSettings());
    }

    private static Command Dispatch(CliConsole console)
    {
        var database = new DatabaseOptions();
        var command = new Command("dispatch", "Render and store every queued bill letter in this process, e-mails into the outbox, letters for print into the print queue; then stop.");
        database.AddTo(command);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var settings = Stadtwerk.Infrastructure.Documents.DocumentSettings.From(configuration);
            var letters = Letters(db);
            var mail = new Stadtwerk.Infrastructure.Documents.LetterMail(db, letters, settings, Stadtwerk.Infrastructure.Documents.DocumentLinks.For(settings, db), TimeProvider.System);
            var dispatch = new Stadtwerk.Infrastructure.Documents.BillDispatch(db, letters, settings, mail, TimeProvider.System);
            var waiting = await db.QueuedBillDocuments.CountAsync(q => q.DoneAt == null, ct);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (done, last) = (0, 0);
            while ((last = await dispatch.DispatchQueuedAsync(ct)) > 0)
            {
                done += last;
                if (done % 1000 < Stadtwerk.Infrastructure.Documents.BillDispatch.BatchSize)
                {
                    await console.Out.WriteLineAsync(string.Create(German, $"{done:N0} of {waiting:N0} letters"));
                }
            }

            var seconds = watch.Elapsed.TotalSeconds;
            var byChannel = await db.StoredDocuments.GroupBy(d => d.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            return await Say(console, string.Create(
                German,
                $"{done:N0} letters rendered and stored in {seconds:N1} s ({(seconds > 0 ? done / seconds : 0):N0} letters/s); stored in all: {string.Join(", ", byChannel.Select(c => string.Create(German, $"{c.Count:N0} {c.Key.ToString().ToLowerInvariant()}")))}."));
        }));
        return command;
    }

    private static Command EInvoiceCommand(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill number of a business customer's bill." };
        var output = new Option<string>("--out") { Description = "The XML file to write.", Required = true };
        var profile = new Option<string>("--profile") { Description = "xrechnung (default) or factur-x (ZUGFeRD 2.4, EN 16931)." };
        var command = Setup(new Command("e-invoice", "Write the bill's e-invoice: CII XML following EN 16931, as XRechnung 3.0 or Factur-X."), number, out var database);
        command.Options.Add(output);
        command.Options.Add(profile);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var letters = Letters(db);
            if (await letters.LoadAsync(parsed.GetValue(number)!, ct) is not { } letter)
            {
                return console.Fail($"bill {parsed.GetValue(number)} was not found");
            }

            if (Stadtwerk.Infrastructure.Documents.EInvoice.Unavailable(letter) is { } reason)
            {
                return console.Fail(reason);
            }

            if (!Stadtwerk.Infrastructure.Documents.EInvoice.TryParseProfile(parsed.GetValue(profile), out var chosen, out var hybrid) || hybrid)
            {
                return console.Fail($"--profile {parsed.GetValue(profile)} is unknown; use xrechnung or factur-x", CliConsole.UsageError);
            }

            await File.WriteAllTextAsync(parsed.GetValue(output)!, Stadtwerk.Infrastructure.Documents.EInvoice.Write(letter, chosen), ct);
            return await Say(console, $"Wrote the e-invoice of bill {letter.Document.Number} to {parsed.GetValue(output)}.");
        }));
        return command;
    }

    private static Command Pdf(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill number, e.g. 2026-0000001." };
        var output = new Option<string>("--out") { Description = "The PDF file to write.", Required = true };
        var command = Setup(new Command("pdf", "Write the bill letter as PDF (the utility's data from the environment: Utility__Name, ...; Sepa__CreditorId)."), number, out var database);
        command.Options.Add(output);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var letters = Letters(db);
            if (await letters.LoadAsync(parsed.GetValue(number)!, ct) is not { } letter)
            {
                return console.Fail($"bill {parsed.GetValue(number)} was not found");
            }

            var path = parsed.GetValue(output)!;
            await File.WriteAllBytesAsync(path, Stadtwerk.Infrastructure.Documents.BillLetterPdf.Render(letter), ct);
            return await Say(console, $"Wrote the letter of bill {letter.Document.Number} to {path}.");
        }));
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill number, e.g. 2026-0000001." };
        var input = new Option<bool>("--input") { Description = "Print the calculate input the bill was made from (replay it with 'stadtwerk calculate -')." };
        var command = Setup(new Command("show", "Print a bill as the calculate output JSON."), number, out var database);
        command.Options.Add(input);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var bill = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == parsed.GetValue(number), ct);
            if (bill is null)
            {
                return console.Fail($"bill {parsed.GetValue(number)} was not found");
            }

            await console.Out.WriteAsync(parsed.GetValue(input) ? bill.InputJson : bill.OutputJson);
            return CliConsole.Success;
        }));
        return command;
    }

    private static Command Cancel(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill to cancel." };
        var command = Setup(new Command("cancel", "Cancel a bill (Storno) with a cancellation document; the bill itself stays as issued."), number, out var database);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var result = await new CancelBill(db, TimeProvider.System).RunAsync(parsed.GetValue(number)!, null, ct);
            return result switch
            {
                CancelBillResult.Cancelled done => await Say(console, $"Cancelled bill {done.Original.Number} with cancellation {done.Cancellation.Number} ({Euro(done.Cancellation.Gross)})."),
                CancelBillResult.Conflict conflict => console.Fail(conflict.Message),
                CancelBillResult.NotFound notFound => console.Fail($"{notFound.What} was not found"),
                _ => throw new InvalidOperationException("Unknown result."),
            };
        }));
        return command;
    }

    private static Command Correct(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill to correct after readings or prices were corrected." };
        var command = Setup(new Command("correct", "Cancel a bill and bill its period again (Storno und Neuberechnung)."), number, out var database);
        command.SetAction(async (parsed, ct) => await WithDatabase(parsed, database, console, async db =>
        {
            var billing = new BillContract(db, TimeProvider.System, new BillingSettings());
            var result = await new CorrectBill(db, new CancelBill(db, TimeProvider.System), billing, TimeProvider.System).RunAsync(parsed.GetValue(number)!, ct);
            return result switch
            {
                CorrectBillResult.Corrected done => await Say(console, $"Cancelled {done.Original.Number} ({done.Cancellation.Number}) and issued the corrected bill {done.NewBill.Number}: gross {Euro(done.NewBill.Gross)}, balance {Euro(done.NewBill.Balance)}."),
                CorrectBillResult.Held held => await Say(console, $"Not corrected: the new bill would be held for a clerk ({held.Hold.Reason}): {held.Hold.Details}", 3),
                CorrectBillResult.Refused refused => console.Fail(refused.Message),
                CorrectBillResult.NotFound notFound => console.Fail($"{notFound.What} was not found"),
                _ => throw new InvalidOperationException("Unknown result."),
            };
        }));
        return command;
    }

    private static Command Settle(CliConsole console)
    {
        var number = new Argument<string>("NUMBER") { Description = "The bill whose balance is settled." };
        var kind = new Option<string>("--kind") { Description = "instalments, deferral (a claim) or refund, setoff (a credit).", Required = true };
        var parts = new Option<int>("--parts") { Description = "Number of monthly parts for instalments (2-24)." };
        var firstDue = new Option<string?>("--first-due") { Description = "First part (instalments) or new due date (deferral), yyyy-MM-dd." };
        var command = Setup(new Command("settle", "Agree a payment arrangement for a bill's balance (Ratenzahlung, Stundung, Erstattung, Verrechnung)."), number, out var database);
        command.Options.Add(kind);
        command.Options.Add(parts);
        command.Options.Add(firstDue);
        command.SetAction(async (parsed, ct) =>
        {
            if (!Enum.TryParse<SettlementKind>(parsed.GetValue(kind), ignoreCase: true, out var settlementKind))
            {
                return console.Fail("--kind must be instalments, deferral, refund or setoff", CliConsole.UsageError);
            }

            DateOnly? due = null;
            if (parsed.GetValue(firstDue) is { } text)
            {
                if (!IsoDate.TryParse(text, out var date))
                {
                    return console.Fail("--first-due must be a date (yyyy-MM-dd)", CliConsole.UsageError);
                }

                due = date;
            }

            return await WithDatabase(parsed, database, console, async db =>
            {
                var result = await new AgreeSettlement(db, TimeProvider.System, new BillingSettings()).RunAsync(parsed.GetValue(number)!, settlementKind, parsed.GetValue(parts), due, Environment.UserName, ct);
                switch (result)
                {
                    case SettlementResult.Agreed agreed:
                        await console.Out.WriteLineAsync($"Agreed {agreed.Settlement.Kind} for bill {agreed.BillNumber} ({Euro(agreed.Settlement.Amount)}):");
                        foreach (var part in agreed.Settlement.Schedule())
                        {
                            await console.Out.WriteLineAsync($"  {part.Due.ToIso()}  {Euro(part.Amount)}");
                        }

                        return CliConsole.Success;
                    case SettlementResult.Invalid invalid:
                        return console.Fail(string.Join("; ", invalid.Errors.Select(e => $"{e.Field}: {e.Message}")));
                    case SettlementResult.Conflict conflict:
                        return console.Fail(conflict.Message);
                    case SettlementResult.NotFound notFound:
                        return console.Fail($"{notFound.What} was not found");
                    default:
                        throw new InvalidOperationException("Unknown result.");
                }
            });
        });
        return command;
    }

    internal static Command Setup(Command command, Argument<string> argument, out DatabaseOptions database)
    {
        database = new DatabaseOptions();
        command.Arguments.Add(argument);
        database.AddTo(command);
        return command;
    }

    internal static async Task<int> WithDatabase(ParseResult parsed, DatabaseOptions database, CliConsole console, Func<StadtwerkDbContext, Task<int>> work)
    {
        if (database.Resolve(parsed, console) is not { } settings)
        {
            return CliConsole.UsageError;
        }

        await using var db = DatabaseOptions.Open(settings);
        return await work(db);
    }

    internal static async Task<int> Say(CliConsole console, string text, int code = CliConsole.Success)
    {
        await console.Out.WriteLineAsync(text);
        return code;
    }

    internal static string Euro(decimal amount) => amount.ToString("N2", German) + " €";
}
