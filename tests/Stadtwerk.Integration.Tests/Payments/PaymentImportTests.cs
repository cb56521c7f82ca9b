using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Cli;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Cases;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>The morning's bank file: payments and returns matched to contracts and booked, on both databases, from the importer and the command line.</summary>
public abstract class PaymentImportTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;

    private TestDatabase database = null!;
    private string folder = null!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(provider);
        folder = Directory.CreateTempSubdirectory("stadtwerk-camt-").FullName;
    }

    public async ValueTask DisposeAsync()
    {
        await database.DisposeAsync();
        Directory.Delete(folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The contracts a constructed statement refers to: one billed, three with mandates (one for the IBAN rule).</summary>
    private sealed record Contracts(string Billed, string BillNumber, Contract ByAccount, Contract ByMandate, Contract ByIban, Contract Other);

    private async Task<Contracts> StoreContractsAsync()
    {
        await using var db = database.Open();
        var (billed, bill) = await PaymentScenario.BilledContractAsync(db);
        return new Contracts(
            billed,
            bill,
            await PaymentScenario.ContractWithMandateAsync(db),
            await PaymentScenario.ContractWithMandateAsync(db),
            await PaymentScenario.ContractWithMandateAsync(db),
            await PaymentScenario.ContractWithMandateAsync(db));
    }

    /// <summary>
    /// A day's statement: a transfer quoting a bill number, one quoting a contract account (lower case, as typed), a
    /// batch of two collected direct debits (mandate references), a transfer with nothing but a known IBAN, an unknown
    /// transfer without bank reference, a bank fee, and a returned direct debit (MS03) of the second collection.
    /// </summary>
    private static string Statement(Contracts c) => CamtXml.Statement(
        "STMT-2026-03-02",
        TestEntry.Credit("2026030210583450000", "2026-03-02",
            new TestTransaction(412.17m, "Anna Müller", PaymentScenario.NewIban(), $"Rechnung {c.BillNumber} Kd-Nr. unbekannt")),
        TestEntry.Credit("2026030210583460000", "2026-03-02",
            new TestTransaction(60.00m, "Erika Zahler", PaymentScenario.NewIban(), $"Abschlag Maerz {c.ByAccount.ContractAccountNumber.ToLowerInvariant()}")),
        TestEntry.Credit("2026030210583470000", "2026-03-02",
            new TestTransaction(45.00m, "Erika Zahler", c.ByMandate.BankAccount!.Iban.Value, "Abschlag 03/2026", EndToEndId: "E2E-0001", MandateId: c.ByMandate.BankAccount.MandateReference),
            new TestTransaction(38.00m, "Erika Zahler", c.Other.BankAccount!.Iban.Value, "Abschlag 03/2026", EndToEndId: "E2E-0002", MandateId: c.Other.BankAccount.MandateReference))
            with { Family = "IDDT/ESDD", Code = "NMSC+171" },
        TestEntry.Credit("2026030210583480000", "2026-03-02",
            new TestTransaction(45.50m, "Erika Zahler", c.ByIban.BankAccount!.Iban.Value, "Strom")),
        TestEntry.Credit(null, "2026-03-02",
            new TestTransaction(12.34m, "Sommerfest Verein e.V.", PaymentScenario.NewIban(), "Spende Sommerfest 2026")),
        TestEntry.Debit("2026030210583500000", "2026-03-02",
            new TestTransaction(7.90m, "Sparkasse Musterstadt", null, "Kontofuehrung 02/2026")),
        TestEntry.Debit("2026030210583510000", "2026-03-02",
            new TestTransaction(38.00m, "Erika Zahler", c.Other.BankAccount.Iban.Value, "Abschlag 02/2026", EndToEndId: "E2E-0000", MandateId: c.Other.BankAccount.MandateReference, ReturnReason: "MS03"))
            with { Family = "IDDT/UPDD", Code = "NRTI+109" });

    private async Task<PaymentImportResult> ImportAsync(string xml, string name = "kontoauszug.xml")
    {
        await using var db = database.Open();
        await using var stream = CamtXml.AsStream(xml);
        return await new PaymentImporter(db, TimeProvider.System).ImportAsync(stream, name, None);
    }

    private async Task<List<(string Contract, LedgerEntryKind Kind, decimal Amount, string Reference)>> LedgerAsync(params string[] contracts)
    {
        await using var db = database.Open();
        var entries = await (from e in db.LedgerEntries
                             join c in db.Contracts on e.ContractId equals c.Id
                             where contracts.Contains(c.ContractNumber) && e.Kind != LedgerEntryKind.Bill
                             select new { c.ContractNumber, e.Kind, e.Amount, e.Reference, e.BookedOn })
            .ToListAsync(None);
        return [.. entries
            .Where(e => e.BookedOn >= new DateOnly(2026, 1, 1))
            .Select(e => (e.ContractNumber, e.Kind, e.Amount, e.Reference))
            .OrderBy(e => e.ContractNumber, StringComparer.Ordinal).ThenBy(e => e.Kind).ThenBy(e => e.Amount)];
    }

    [Fact]
    public async Task A_statement_books_each_payment_on_the_contract_it_names_and_leaves_the_unknown_for_a_clerk()
    {
        var c = await StoreContractsAsync();

        var result = await ImportAsync(Statement(c));

        var summary = result.ShouldBeOfType<PaymentImportResult.Imported>(result.ToString()).Summary;
        (summary.MessageType, summary.Entries, summary.Transactions).ShouldBe(("camt.053.001.02", 7, 8));
        (summary.PaymentsBooked, summary.PaymentsTotal).ShouldBe((5, 412.17m + 60.00m + 45.00m + 38.00m + 45.50m));
        (summary.ReturnsBooked, summary.ReturnsTotal).ShouldBe((1, 38.00m));
        summary.Booked.Select(b => (b.ContractNumber, b.MatchedBy)).ShouldBe(
        [
            (c.Billed, $"bill number {c.BillNumber}"),
            (c.ByAccount.ContractNumber, $"contract account {c.ByAccount.ContractAccountNumber.ToLowerInvariant()}"),
            (c.ByMandate.ContractNumber, $"mandate reference {c.ByMandate.BankAccount!.MandateReference}"),
            (c.Other.ContractNumber, $"mandate reference {c.Other.BankAccount!.MandateReference}"),
            (c.ByIban.ContractNumber, $"IBAN {c.ByIban.BankAccount!.Iban.Value}"),
            (c.Other.ContractNumber, $"mandate reference {c.Other.BankAccount.MandateReference}"),
        ]);
        var unknown = summary.Unmatched.ShouldHaveSingleItem();
        (unknown.Name, unknown.Amount, unknown.RemittanceInformation).ShouldBe(("Sommerfest Verein e.V.", 12.34m, "Spende Sommerfest 2026"));
        summary.Skipped.ShouldHaveSingleItem().Amount.ShouldBe(7.90m);
        summary.AlreadyImported.ShouldBe(0);

        (await LedgerAsync(c.Billed, c.ByAccount.ContractNumber, c.ByMandate.ContractNumber, c.ByIban.ContractNumber, c.Other.ContractNumber)).ShouldBe(
            new List<(string, LedgerEntryKind, decimal, string)>
            {
                (c.Billed, LedgerEntryKind.Payment, -412.17m, "2026030210583450000"),
                (c.ByAccount.ContractNumber, LedgerEntryKind.Installment, -60.00m, "2026030210583460000"),
                (c.ByMandate.ContractNumber, LedgerEntryKind.Installment, -45.00m, "2026030210583470000"),
                (c.ByIban.ContractNumber, LedgerEntryKind.Installment, -45.50m, "2026030210583480000"),
                (c.Other.ContractNumber, LedgerEntryKind.Installment, -38.00m, "2026030210583470000"),
                (c.Other.ContractNumber, LedgerEntryKind.ReturnedDebit, 38.00m, "2026030210583510000"),
            }.OrderBy(e => e.Item1, StringComparer.Ordinal).ThenBy(e => e.Item2).ThenBy(e => e.Item3).ToList());

        await using var db = database.Open();
        var stored = await db.BankTransactions.AsNoTracking().ToListAsync(None);
        stored.Count.ShouldBe(7);
        stored.Single(t => t.Status == BankTransactionStatus.Unmatched).Fingerprint.ShouldStartWith("sha256:");
        stored.Where(t => t.Fingerprint.StartsWith("2026030210583470000#", StringComparison.Ordinal)).Select(t => t.Amount).Order().ShouldBe([38.00m, 45.00m]);
        var returned = stored.Single(t => t.Kind == BankTransactionKind.ReturnedDebit);
        (returned.ReturnReason, returned.MandateReference, returned.EndToEndId, returned.BookingDate).ShouldBe(("MS03", c.Other.BankAccount.MandateReference, "E2E-0000", new DateOnly(2026, 3, 2)));
        stored.ShouldAllBe(t => t.SourceFile == "kontoauszug.xml" && t.Currency == "EUR");
    }

    [Fact]
    public async Task Importing_the_same_statement_twice_books_nothing_twice()
    {
        var c = await StoreContractsAsync();
        var xml = Statement(c);

        await ImportAsync(xml);
        var ledgerAfterFirst = await LedgerAsync(c.Billed, c.ByAccount.ContractNumber, c.ByMandate.ContractNumber, c.ByIban.ContractNumber, c.Other.ContractNumber);
        var second = (await ImportAsync(xml, "kontoauszug-nochmal.xml")).ShouldBeOfType<PaymentImportResult.Imported>().Summary;

        (second.PaymentsBooked, second.ReturnsBooked, second.Unmatched.Count, second.Skipped.Count, second.AlreadyImported).ShouldBe((0, 0, 0, 1, 7));
        (await LedgerAsync(c.Billed, c.ByAccount.ContractNumber, c.ByMandate.ContractNumber, c.ByIban.ContractNumber, c.Other.ContractNumber)).ShouldBe(ledgerAfterFirst);
        await using var db = database.Open();
        (await db.BankTransactions.CountAsync(None)).ShouldBe(7);
    }

    [Fact]
    public async Task A_camt054_return_books_a_returned_debit_on_the_contract_of_its_mandate()
    {
        var contract = await StoreContractsAsync();
        var mandate = contract.ByMandate.BankAccount!.MandateReference;
        var notification = CamtXml.Notification(
            "NTFCTN-2026-03-05",
            TestEntry.Debit("2026030599000000001", "2026-03-05",
                new TestTransaction(45.00m, "Erika Zahler", contract.ByMandate.BankAccount.Iban.Value, "Abschlag 03/2026", EndToEndId: mandate, ReturnReason: "AC04"))
                with { Family = "IDDT/UPDD", Code = "NRTI+109" },
            TestEntry.Debit("2026030599000000002", "2026-03-05",
                new TestTransaction(19.00m, "Max Unbekannt", PaymentScenario.NewIban(), "Abschlag 03/2026", EndToEndId: "E2E-UNKNOWN", MandateId: "M-UNKNOWN", ReturnReason: "MD06"))
                with { Family = "IDDT/UPDD", Reversal = true });

        var summary = (await ImportAsync(notification, "ruecklastschriften.xml")).ShouldBeOfType<PaymentImportResult.Imported>().Summary;

        summary.MessageType.ShouldBe("camt.054.001.08");
        (summary.ReturnsBooked, summary.ReturnsTotal, summary.PaymentsBooked).ShouldBe((1, 45.00m, 0));
        summary.Booked.Single().MatchedBy.ShouldBe($"end-to-end id {mandate} (a mandate reference)");
        var unknown = summary.Unmatched.ShouldHaveSingleItem();
        (unknown.Kind, unknown.Amount, unknown.Reason).ShouldBe((BankTransactionKind.ReturnedDebit, 19.00m, "no contract with this mandate reference or end-to-end id"));
        (await LedgerAsync(contract.ByMandate.ContractNumber)).ShouldBe([(contract.ByMandate.ContractNumber, LedgerEntryKind.ReturnedDebit, 45.00m, "2026030599000000001")]);
        await using var db = database.Open();
        (await db.BankTransactions.SingleAsync(t => t.Fingerprint == "2026030599000000001", None)).ReturnReason.ShouldBe("AC04");
        (await db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.ReturnedDebit, None)).Note.ShouldBe("Rückgabegrund AC04: Konto erloschen", "the account statement says why");

        // The booked return opened a case on its contract; reading the file again opens none.
        var opened = await db.Cases.AsNoTracking().ToListAsync(None);
        var returnCase = opened.ShouldHaveSingleItem();
        (returnCase.Kind, returnCase.Status, returnCase.ContractId, returnCase.CustomerId).ShouldBe((CaseKind.ReturnedDebit, CaseStatus.Open, contract.ByMandate.Id, contract.ByMandate.CustomerId));
        returnCase.Subject.ShouldBe("Rücklastschrift: 45,00 € am 05.03.2026");
        returnCase.Details.ShouldContain("AC04: Konto erloschen");
        await ImportAsync(notification, "ruecklastschriften-nochmal.xml");
        (await db.Cases.CountAsync(None)).ShouldBe(1);

        // The clerk assigns the unknown return to a contract: that opens its case too.
        var assigned = await new PaymentImporter(db, TimeProvider.System).AssignAsync(unknown.Id, contract.ByIban.ContractNumber, None);
        assigned.ShouldBeOfType<AssignResult.Assigned>();
        var assignedCase = await db.Cases.AsNoTracking().SingleAsync(x => x.ContractId == contract.ByIban.Id, None);
        assignedCase.Details.ShouldContain("MD06: Widerspruch des Zahlers");
        assignedCase.Number.ShouldBe(returnCase.Number + 1);
    }

    [Fact]
    public async Task Ambiguous_references_go_to_the_clerk_unless_a_later_rule_decides()
    {
        string sharedIban = PaymentScenario.NewIban();
        Contract first, second;
        await using (var db = database.Open())
        {
            first = await PaymentScenario.ContractWithMandateAsync(db, sharedIban);
            second = await PaymentScenario.ContractWithMandateAsync(db, sharedIban);
        }

        var statement = CamtXml.Statement(
            "STMT-AMBIGUOUS",
            TestEntry.Credit("AMB-1", "2026-03-02", new TestTransaction(10.00m, "Erika Zahler", sharedIban, "Abschlag")),
            TestEntry.Credit("AMB-2", "2026-03-02", new TestTransaction(20.00m, "Erika Zahler", sharedIban, $"{first.ContractNumber} und {second.ContractNumber}", MandateId: second.BankAccount!.MandateReference)),
            TestEntry.Credit("AMB-3", "2026-03-02", new TestTransaction(30.00m, "Erika Zahler", sharedIban, $"{first.ContractNumber} und {second.ContractNumber}")),
            TestEntry.Credit("AMB-4", "2026-03-02", new TestTransaction(40.00m, "Erika Zahler", null, "Rechnung", CreditorReference: first.ContractAccountNumber)));

        var summary = (await ImportAsync(statement)).ShouldBeOfType<PaymentImportResult.Imported>().Summary;

        var both = string.Join(", ", new[] { first.ContractNumber, second.ContractNumber }.Order(StringComparer.Ordinal));
        summary.Unmatched.Select(u => (u.Amount, u.Reason)).ShouldBe(
        [
            (10.00m, $"several contracts fit (IBAN {sharedIban}): {both}"),
            (30.00m, $"several contracts fit (contract numbers {first.ContractNumber}, {second.ContractNumber}): {both}"),
        ]);
        summary.Booked.Select(b => (b.Amount, b.ContractNumber, b.MatchedBy)).ShouldBe(
        [
            (20.00m, second.ContractNumber, $"mandate reference {second.BankAccount.MandateReference}"),
            (40.00m, first.ContractNumber, $"contract account {first.ContractAccountNumber}"),
        ]);
    }

    [Fact]
    public async Task A_large_file_is_matched_with_a_few_queries_not_one_per_entry()
    {
        var c = await StoreContractsAsync();
        var entries = Enumerable.Range(1, 500)
            .Select(i => TestEntry.Credit($"BULK-{i:D5}", "2026-03-02",
                new TestTransaction(10m + i, $"Kunde {i}", PaymentScenario.NewIban(), $"Abschlag VK-{i} Rechnung 1999-{i:D7} Kd {i}")))
            .Append(TestEntry.Credit("BULK-IBAN", "2026-03-02", new TestTransaction(1.23m, "Erika Zahler", c.ByIban.BankAccount!.Iban.Value, "Strom")))
            .ToArray();
        var counter = new SelectCounter();
        var options = new DbContextOptionsBuilder<StadtwerkDbContext>();
        database.Settings.Apply(options);
        options.AddInterceptors(counter);

        PaymentImportResult result;
        await using (var db = new StadtwerkDbContext(options.Options))
        {
            await using var stream = CamtXml.AsStream(CamtXml.Statement("BULK", entries));
            result = await new PaymentImporter(db, TimeProvider.System).ImportAsync(stream, "bulk.xml", None);
        }

        var summary = result.ShouldBeOfType<PaymentImportResult.Imported>().Summary;
        (summary.Unmatched.Count, summary.PaymentsBooked).ShouldBe((500, 1));
        counter.Selects.ShouldBeLessThanOrEqualTo(12, "one query per kind of key (fingerprints, bills, contract numbers, accounts, mandates, IBANs), in chunks");
    }

    private sealed class SelectCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int selects;

        public int Selects => selects;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref selects);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Theory]
    [InlineData("truncated", "not well-formed XML: Unexpected end of file")]
    [InlineData("no amount", "entry 2 (line ")]
    [InlineData("bad date", "entry 1 (line ")]
    [InlineData("empty", "the file is empty or holds no XML element")]
    [InlineData("account report", "not a bank statement (camt.053) or debit/credit notification (camt.054): the file holds an account report (camt.052")]
    public async Task A_malformed_file_stores_nothing_and_names_the_problem(string what, string problem)
    {
        var c = await StoreContractsAsync();
        var good = Statement(c);
        var xml = what switch
        {
            "truncated" => good[..(good.Length / 2)],
            "no amount" => ReplaceFirst(good, "<Amt Ccy=\"EUR\">60.00</Amt>", string.Empty),
            "bad date" => good.Replace("<Dt>2026-03-02</Dt>", "<Dt>02.03.2026</Dt>", StringComparison.Ordinal),
            "empty" => string.Empty,
            _ => good.Replace("BkToCstmrStmt", "BkToCstmrAcctRpt", StringComparison.Ordinal).Replace("camt.053.001.02", "camt.052.001.02", StringComparison.Ordinal),
        };
        var path = Path.Combine(folder, "kaputt.xml");
        await File.WriteAllTextAsync(path, xml, None);

        var (code, output, error) = await RunAsync("payments", "import", path, "--provider", provider.ToString(), "--connection", database.Settings.ConnectionString);

        code.ShouldBe(1, output);
        error.ShouldStartWith($"error: {path}: {problem}");
        error.TrimEnd('\n').ShouldNotContain('\n');
        output.ShouldBeEmpty();
        if (what == "no amount")
        {
            error.ShouldEndWith("the amount (Amt) is missing\n");
        }

        await using var db = database.Open();
        (await db.BankTransactions.CountAsync(None)).ShouldBe(0);
        (await db.LedgerEntries.CountAsync(e => e.Kind != LedgerEntryKind.Bill && e.BookedOn >= new DateOnly(2026, 1, 1), None)).ShouldBe(0);
    }

    [Fact]
    public async Task The_command_prints_the_summary_for_the_clerk()
    {
        var c = await StoreContractsAsync();
        var path = Path.Combine(folder, "kontoauszug-2026-03-02.xml");
        await File.WriteAllTextAsync(path, Statement(c), None);
        string[] args = ["payments", "import", path, "--provider", provider.ToString(), "--connection", database.Settings.ConnectionString];

        var first = await RunAsync(args);
        var second = await RunAsync(args);

        first.Code.ShouldBe(0, first.Error);
        first.Error.ShouldBeEmpty();
        var lines = first.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe($"{path}: camt.053.001.02, 7 entries read (8 transactions)");
        lines[1].ShouldBe("  payments booked: 5, total 600,67 €");
        lines[2].ShouldBe("  returns booked: 1, total 38,00 €");
        lines[3].ShouldBe("  unmatched: 1");
        lines[4].ShouldStartWith("    2026-03-02 payment 12,34 € from Sommerfest Verein e.V., DE");
        lines[4].ShouldEndWith(", \"Spende Sommerfest 2026\": no bill, contract, contract account, mandate or IBAN of a single contract found");
        lines[5].ShouldBe("  skipped: 1");
        lines[6].ShouldBe("    entry 6: debit 7,90 €: a debit that is not a returned direct debit (fee, outgoing transfer)");
        lines[7].ShouldBe("  already imported: 0");
        second.Code.ShouldBe(0);
        second.Out.ShouldContain("  payments booked: 0, total 0,00 €\n");
        second.Out.ShouldContain("  unmatched: 0\n");
        second.Out.ShouldContain("  already imported: 7\n");
    }

    [Fact]
    public async Task The_command_refuses_a_payment_status_report_and_a_missing_file()
    {
        var pain = Path.Combine(CamtXml.SampleFolder("pain002"), "ch-postfinance-rjct-pain002.001.10.xml");
        string[] options = ["--provider", provider.ToString(), "--connection", database.Settings.ConnectionString];

        var report = await RunAsync(["payments", "import", pain, .. options]);
        var missing = await RunAsync(["payments", "import", Path.Combine(folder, "fehlt.xml"), .. options]);

        report.Code.ShouldBe(1);
        report.Error.ShouldBe($"error: {pain}: not a bank statement (camt.053) or debit/credit notification (camt.054): the file holds a payment status report (pain.002.001.10, CstmrPmtStsRpt), which answers a payment order and books nothing\n");
        missing.Code.ShouldBe(1);
        missing.Error.ShouldBe($"error: cannot read {Path.Combine(folder, "fehlt.xml")}: no such file\n");
    }

    private static string ReplaceFirst(string text, string find, string replacement)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return string.Concat(text.AsSpan(0, at), replacement, text.AsSpan(at + find.Length));
    }

    private static async Task<(int Code, string Out, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await StadtwerkCli.RunAsync(args, new CliConsole(() => Stream.Null, output, error));
        return (code, output.ToString(), error.ToString());
    }
}

public sealed class PaymentImportOnSqliteTests() : PaymentImportTests(DatabaseProvider.Sqlite);

public sealed class PaymentImportOnPostgresTests() : PaymentImportTests(DatabaseProvider.Postgres);
