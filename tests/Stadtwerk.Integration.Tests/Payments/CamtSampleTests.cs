using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>The public bank samples in ../shared/bank (SOURCES.md): every camt.053 and camt.054 reads, and imports on both databases.</summary>
public abstract class CamtSampleTests(DatabaseProvider provider)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string[] SampleFolders = ["camt053", "camt054"];

    /// <summary>File, message type, entries, transactions (batches counted by their TxDtls).</summary>
    public static TheoryData<string, string, int, int> Samples => new()
    {
        { "camt053/ch-postfinance-camt053.001.08.xml", "camt.053.001.08", 5, 5 },
        { "camt053/de-gls-fragment-camt053.001.02.xml", "camt.053.001.02", 4, 4 },
        { "camt053/de-vrbank-camt053.001.02.xml", "camt.053.001.02", 4, 5 },
        { "camt053/de-vrbank-debits-return-camt053.001.02.xml", "camt.053.001.02", 4, 5 },
        { "camt054/ch-dd-collection-camt054.001.08.xml", "camt.054.001.08", 1, 2 },
        { "camt054/ch-dd-returns-camt054.001.04.xml", "camt.054.001.04", 4, 5 },
    };

    private static string SamplePath(string file) => Path.Combine(CamtXml.SampleFolder(string.Empty), file);

    [Fact]
    public void Every_camt_sample_is_listed_here()
    {
        var files = SampleFolders
            .SelectMany(folder => Directory.GetFiles(CamtXml.SampleFolder(folder), "*.xml").Select(f => $"{folder}/{Path.GetFileName(f)}"))
            .Order(StringComparer.Ordinal);

        files.ShouldBe(Samples.Select(row => row.Data.Item1).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_sample_reads_with_its_entries(string file, string messageType, int entries, int transactions)
    {
        var read = CamtReader.ReadFile(SamplePath(file));

        read.Error.ShouldBeNull();
        read.Value!.MessageType.ShouldBe(messageType);
        read.Value.Entries.Count.ShouldBe(entries);
        read.Value.TransactionCount.ShouldBe(transactions);
        read.Value.Entries.ShouldAllBe(e => e.Amount > 0 && e.Currency.Length == 3 && e.BookingDate != null);
    }

    [Fact]
    public void The_samples_details_are_read_from_both_versions()
    {
        var returns = CamtReader.ReadFile(SamplePath("camt054/ch-dd-returns-camt054.001.04.xml")).Value!;
        var collection = CamtReader.ReadFile(SamplePath("camt054/ch-dd-collection-camt054.001.08.xml")).Value!;
        var vrbank = CamtReader.ReadFile(SamplePath("camt053/de-vrbank-camt053.001.02.xml")).Value!;
        var gls = CamtReader.ReadFile(SamplePath("camt053/de-gls-fragment-camt053.001.02.xml")).Value!;

        returns.Message.ShouldBe(CamtMessage.Notification);
        var refund = returns.Entries[2];
        (refund.Direction, refund.Reversal, refund.Status, refund.Amount).ShouldBe((CreditDebit.Debit, true, "BOOK", 6.00m));
        refund.Transactions[0].ReturnReason.ShouldBe("MD06");
        refund.Transactions[0].References.EndToEndId.ShouldBe("EndToEnd-2B6C-CHDDBB5");
        refund.Transactions[0].Debtor.ShouldBe(new CamtParty("Bernasconi Maria", "CH3709000000250094580"));
        returns.Entries[0].Transactions.Select(t => t.Amount).ShouldBe([15.00m, 9.00m]);

        collection.Entries[0].Transactions[1].Debtor.Name.ShouldBe("Maria Bernasconi"); // Dbtr/Pty/Nm in 001.08
        collection.Entries[0].Transactions[1].Unstructured.ShouldBe(["Rechnung 1002"]);

        vrbank.Entries[0].Transactions[0].References.MandateId.ShouldBe("MandateReference");
        vrbank.Entries[3].BatchSize.ShouldBe(2);
        vrbank.Entries[3].Transactions[0].Unstructured.ShouldBe(["Sammelueberwseisung 2. Zahlung TAN:283044"]);
        vrbank.Entries[0].BookingDate.ShouldBe(new DateOnly(2013, 12, 27));

        gls.Entries[0].StatementId.ShouldBeNull(); // a fragment: no GrpHdr, no statement id, no account
        gls.Entries[0].Transactions[0].References.EndToEndId.ShouldBeNull(); // NOTPROVIDED
        gls.Entries[3].Transactions[0].ReturnReason.ShouldBe("AC01");
    }

    [Theory]
    [InlineData("pain002/ch-postfinance-rjct-pain002.001.03.ch.02.xml")]
    [InlineData("pain002/ch-postfinance-rjct-pain002.001.10.xml")]
    public void A_payment_status_report_is_refused_by_name(string file)
    {
        var read = CamtReader.ReadFile(SamplePath(file));

        read.Value.ShouldBeNull();
        read.Error.ShouldStartWith("not a bank statement (camt.053) or debit/credit notification (camt.054): the file holds a payment status report (pain.002");
    }

    [Fact]
    public async Task Every_sample_imports_and_a_second_import_books_nothing_again()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        foreach (var file in Samples.Select(row => row.Data.Item1))
        {
            var first = await ImportAsync(database, file);
            var again = await ImportAsync(database, file);

            first.Booked.ShouldBeEmpty(); // no contracts in the database
            (first.Unmatched.Count + first.Skipped.Count + first.AlreadyImported).ShouldBeGreaterThan(0, file);
            again.Unmatched.ShouldBeEmpty(file);
            again.AlreadyImported.ShouldBe(first.Unmatched.Count + first.AlreadyImported, file);
            again.Skipped.Count.ShouldBe(first.Skipped.Count, file);
        }

        await using var db = database.Open();
        (await db.LedgerEntries.CountAsync(None)).ShouldBe(0);
        (await db.BankTransactions.CountAsync(None)).ShouldBe(
            4 /* PostFinance 053: four CHF credits (two of them with the same AcctSvcrRef) */
            + 2 /* GLS: a credit, a returned transfer of the utility's own (AC01) */
            + 1 /* VR-Bank: one credit ("R CKBUCHUNG"); the second VR-Bank file is the same statement */
            - 1 + 2 /* CH-DD collection: the details of the PostFinance statement's 4.50 CH-DD entry (the same bank reference) replace it */
            + 5 /* CH-DD returns: 2 + 1 collections, 2 refunds (MD06) */);
        (await db.BankTransactions.CountAsync(t => t.Kind == BankTransactionKind.ReturnedDebit, None)).ShouldBe(2);
        (await db.BankTransactions.Select(t => t.ReturnReason).Where(r => r != null).OrderBy(r => r).ToListAsync(None)).ShouldBe(["AC01", "MD06", "MD06"]);
    }

    [Fact]
    public async Task Samples_read_what_the_clerk_needs()
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var postfinance = await ImportAsync(database, "camt053/ch-postfinance-camt053.001.08.xml");
        var gls = await ImportAsync(database, "camt053/de-gls-fragment-camt053.001.02.xml");
        var vrbank = await ImportAsync(database, "camt053/de-vrbank-camt053.001.02.xml");
        var vrbankTwin = await ImportAsync(database, "camt053/de-vrbank-debits-return-camt053.001.02.xml");
        var collection = await ImportAsync(database, "camt054/ch-dd-collection-camt054.001.08.xml");

        postfinance.Unmatched.Select(u => u.Amount).ShouldBe([4.50m, 1500.00m, 1537.00m, 1692.22m]);
        postfinance.Unmatched.ShouldAllBe(u => u.Reason == "in CHF: contract accounts are kept in EUR");
        postfinance.Skipped.Single().ShouldBe(new SkippedEntry(2, CreditDebit.Debit, 77.70m, "CHF", "a debit that is not a returned direct debit (fee, outgoing transfer)"));
        gls.Skipped.Count.ShouldBe(2);
        gls.Unmatched.Select(u => (u.Amount, u.Name)).ShouldBe([(3.00m, "John Smith"), (1.10m, "John Smith")]);
        gls.Unmatched[1].Reason.ShouldBe("a returned transfer of the utility's own (AC01), not a customer's payment");
        vrbank.Unmatched.Single().RemittanceInformation.ShouldBe("R CKBUCHUNG");
        vrbank.Skipped.Count.ShouldBe(3);
        vrbankTwin.AlreadyImported.ShouldBe(1);
        vrbankTwin.Unmatched.ShouldBeEmpty();

        // The camt.054 gives the details of the PostFinance statement's CH-DD batch (the same bank reference): they replace
        // the total, which waited for a clerk, instead of being stored beside it.
        collection.AlreadyImported.ShouldBe(0);
        collection.BatchTotalsDetailed.ShouldBe(1);
        collection.Unmatched.Select(u => (u.Amount, u.RemittanceInformation)).ShouldBe([(1.50m, "Rechnung 1001"), (3.00m, "Rechnung 1002")]);
        await using var db = database.Open();
        (await db.BankTransactions.CountAsync(t => t.Amount == 4.50m, None)).ShouldBe(0);
        var again = await ImportAsync(database, "camt053/ch-postfinance-camt053.001.08.xml");
        again.AlreadyImported.ShouldBe(4);
        again.Unmatched.ShouldBeEmpty();
    }

    private static async Task<PaymentImportSummary> ImportAsync(TestDatabase database, string file)
    {
        await using var db = database.Open();
        await using var stream = File.OpenRead(SamplePath(file));
        var result = await new PaymentImporter(db, TimeProvider.System).ImportAsync(stream, Path.GetFileName(file), None);
        return result.ShouldBeOfType<PaymentImportResult.Imported>($"{file}: {result}").Summary;
    }
}

public sealed class CamtSampleOnSqliteTests() : CamtSampleTests(DatabaseProvider.Sqlite);

public sealed class CamtSampleOnPostgresTests() : CamtSampleTests(DatabaseProvider.Postgres);
