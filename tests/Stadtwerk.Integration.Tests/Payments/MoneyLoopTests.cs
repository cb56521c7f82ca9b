using System.Globalization;
using System.Xml.Linq;
using System.Xml.Schema;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Integration.Tests.Billing;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>
/// The money loop on a real database: what issuing writes (the run and a clerk alike), the collection run and the
/// direct-debit file of a date, cancelled bills never collected, open items, payouts with pain.001 and their booking,
/// dunning up to the disconnection threat, blocks, and idempotency of every run.
/// </summary>
public abstract class MoneyLoopTests(DatabaseProvider provider)
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private static readonly BillingSettings Settings = new();
    private static readonly SepaSettings Sepa = new("Stadtwerke Musterstadt GmbH", "DE98ZZZ09999999999", "DE89370400440532013000", "COBADEFFXXX");
    private static readonly BillingPeriod Year2021 = BillingPeriod.Create(new DateOnly(2021, 1, 1), new DateOnly(2021, 12, 31));

    [Fact]
    public async Task The_run_and_a_clerk_write_the_same_rows_for_the_same_bill()
    {
        await using var clerkDatabase = await TestDatabase.CreateAsync(provider);
        await using var runDatabase = await TestDatabase.CreateAsync(provider);
        string[] numbers = ["C-CMP-1", "C-CMP-2", "C-CMP-3"];
        foreach (var database in new[] { clerkDatabase, runDatabase })
        {
            await using var db = database.Open();
            await SameContractAsync(db, numbers[0], consumption: 4000m, installment: 20m, mandate: true);   // a claim, collected
            await SameContractAsync(db, numbers[1], consumption: 600m, installment: 90m, mandate: true);    // a credit, paid out
            await SameContractAsync(db, numbers[2], consumption: 4000m, installment: 20m, mandate: false);  // a claim, transferred
        }

        await using (var db = clerkDatabase.Open())
        {
            foreach (var number in numbers)
            {
                (await new BillContract(db, TimeProvider.System, Settings).RunAsync(number, Year2021, null, Ct)).ShouldBeOfType<BillContractResult.Issued>();
            }
        }

        await using (var db = runDatabase.Open())
        {
            var dispatcher = new RecordingDispatcher();
            var started = await new StartBillingRun(db, TimeProvider.System, dispatcher)
                .RunAsync(new BillingRunRequest(null, new DateOnly(2021, 12, 31), new DateOnly(2021, 12, 31), numbers), "test", Ct);
            var run = started.ShouldBeOfType<StartBillingRunResult.Started>().Run;
            foreach (var chunk in dispatcher.Chunks)
            {
                await using var worker = runDatabase.Open();
                (await new BillingRunChunkProcessor(worker, TimeProvider.System, Settings).RunAsync(run.Id, chunk, "test", Ct)).ShouldBe(ChunkOutcome.Done);
            }
        }

        var clerk = await WrittenAsync(clerkDatabase);
        var byRun = await WrittenAsync(runDatabase);
        clerk.Bills.Count.ShouldBe(3);
        foreach (var kind in clerk.Keys)
        {
            byRun[kind].ShouldBe(clerk[kind], $"the {kind} rows differ");
        }

        clerk.Debits.Count.ShouldBe(1, "the collected claim");
        clerk.Payouts.Count.ShouldBe(1, "the credit paid out");
    }

    [Fact]
    public async Task A_clerks_bill_is_collected_and_the_collection_run_collects_every_installment_of_the_plan_including_a_changed_one()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m, withMandate: true);
        var bill = await BillAsync(db, contract);

        // The clerk's bill: its balance is collected on the due date.
        var balance = await db.DirectDebits.AsNoTracking().SingleAsync(d => d.BillId == bill.Id, Ct);
        (balance.Kind, balance.DueOn, balance.Amount, balance.Status).ShouldBe((DirectDebitKind.BillBalance, bill.DueOn, bill.Balance, DirectDebitStatus.Open));

        // Every installment of the new plan, on its date; the second after an installment change, with the new amount.
        var plan = (await db.Contracts.AsNoTracking().SingleAsync(c => c.ContractNumber == contract, Ct)).InstallmentPlan!;
        var dues = plan.DueDates();
        var first = await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[0], "test", Ct);
        (first.Requests, first.Debits, first.DebitAmount).ShouldBe((1, 1, plan.Amount));
        var again = await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[0], "test", Ct);
        (again.Requests, again.Debits, again.AlreadyDone).ShouldBe((0, 0, 1), "a second run of the date writes nothing");

        var changed = await new ChangeInstallment(db, TimeProvider.System).RunAsync(contract, plan.Amount + 25m, ChangeChannel.Phone, "test", null, Ct);
        changed.ShouldBeOfType<InstallmentChangeResult.Changed>();
        db.ChangeTracker.Clear();
        foreach (var due in dues.Skip(1))
        {
            await new StartCollectionRun(db, TimeProvider.System).RunAsync(due, "test", Ct);
        }

        var debits = await db.DirectDebits.AsNoTracking().Where(d => d.Kind == DirectDebitKind.Installment).OrderBy(d => d.DueOn).ToListAsync(Ct);
        debits.Select(d => d.DueOn).ShouldBe(dues, "all eleven installments");
        debits.Skip(1).ShouldAllBe(d => d.Amount == plan.Amount + 25m);
        (await db.InstallmentRequests.CountAsync(Ct)).ShouldBe(dues.Count);

        // The file of a due date holds what is due then; FRST for the earliest collection of the mandate, RCUR after it.
        var files = new CreateDirectDebitFile(db, TimeProvider.System, Sepa);
        var second = (await files.RunAsync(dues[1], "test", Ct)).ShouldBeOfType<DirectDebitFileResult.Created>().File;
        (second.Transactions, second.ControlSum, second.First).ShouldBe((1, plan.Amount + 25m, 1), "no earlier collection yet");
        var balanceFile = (await files.RunAsync(bill.DueOn, "test", Ct)).ShouldBeOfType<DirectDebitFileResult.Created>().File;
        (balanceFile.First, balanceFile.ControlSum).ShouldBe((1, bill.Balance), "the earliest date is FRST, whatever was made before");
        var firstInstallment = (await files.RunAsync(dues[0], "test", Ct)).ShouldBeOfType<DirectDebitFileResult.Created>().File;
        (firstInstallment.Recurring, firstInstallment.First).ShouldBe((1, 0), "the balance was collected on an earlier date");
        (await files.RunAsync(dues[0], "test", Ct)).ShouldBeOfType<DirectDebitFileResult.NothingDue>();
    }

    [Fact]
    public async Task A_cancelled_bill_is_never_collected_and_a_move_out_stops_the_installments()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m, withMandate: true);
        var bill = await BillAsync(db, contract);
        var dues = (await db.Contracts.AsNoTracking().SingleAsync(c => c.ContractNumber == contract, Ct)).InstallmentPlan!.DueDates();
        await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[1], "test", Ct);

        (await new CancelBill(db, TimeProvider.System).RunAsync(bill.Number, null, Ct)).ShouldBeOfType<CancelBillResult.Cancelled>();

        var withdrawn = await db.DirectDebits.AsNoTracking().SingleAsync(d => d.BillId == bill.Id, Ct);
        withdrawn.Status.ShouldBe(DirectDebitStatus.Withdrawn);
        withdrawn.RejectionReason.ShouldNotBeNull().ShouldContain("storniert");
        (await new CreateDirectDebitFile(db, TimeProvider.System, Sepa).RunAsync(bill.DueOn, "test", Ct)).ShouldBeOfType<DirectDebitFileResult.NothingDue>("the cancelled balance is not collected");

        // Moving out before the second due date: its collection and request made earlier are taken back, no later one is made.
        var moveOut = await new MoveOut(db, new BillContract(db, TimeProvider.System, Settings), TimeProvider.System)
            .RunAsync(contract, new MoveOutRequest(dues[0].AddDays(3), 4100m, Core.Metering.ReadingSource.Agent, null, null, null), Ct);
        moveOut.ShouldNotBeOfType<MoveOutResult.Invalid>();
        db.ChangeTracker.Clear();
        (await db.DirectDebits.AsNoTracking().SingleAsync(d => d.DueOn == dues[1], Ct)).Status.ShouldBe(DirectDebitStatus.Withdrawn);
        (await db.InstallmentRequests.CountAsync(r => r.DueOn > dues[0], Ct)).ShouldBe(0);
        var later = await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[2], "test", Ct);
        (later.Requests, later.Debits).ShouldBe((0, 0));
    }

    [Fact]
    public async Task A_mandate_unused_for_36_months_collects_nothing_but_the_installment_is_still_asked()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m, withMandate: true);
        var stored = await db.Contracts.SingleAsync(c => c.ContractNumber == contract, Ct);
        var lapsed = BillingScenario.MandateSignedOn.AddMonths(37);
        var plan = InstallmentPlan.Create(30m, lapsed, 3).Value!;
        stored.ChangeInstallmentPlan(plan);
        await db.SaveChangesAsync(Ct);

        var run = await new StartCollectionRun(db, TimeProvider.System).RunAsync(lapsed, "test", Ct);

        (run.Requests, run.Debits, run.ExpiredMandates).ShouldBe((1, 0, 1), "signed 37 months before and never used: lapsed");
    }

    [Fact]
    public async Task Open_items_show_what_is_open_overdue_and_settled_and_a_payment_naming_a_bill_pays_that_bill()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m);
        var bill = await BillAsync(db, contract);
        var entity = await db.Contracts.AsNoTracking().SingleAsync(c => c.ContractNumber == contract, Ct);
        var dues = entity.InstallmentPlan!.DueDates();
        await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[0], "test", Ct);
        await new StartCollectionRun(db, TimeProvider.System).RunAsync(dues[1], "test", Ct);

        // 70 € for the bill (naming it) and one installment transferred.
        db.LedgerEntries.Add(LedgerEntry.Payment(entity, bill.IssuedOn, 70m, "bank-1", DateTimeOffset.UtcNow, bill.Number));
        db.LedgerEntries.Add(LedgerEntry.Installment(entity, bill.IssuedOn, entity.InstallmentPlan.Amount, "bank-2", DateTimeOffset.UtcNow));
        await db.SaveChangesAsync(Ct);

        var later = new FixedClock(new DateTimeOffset(dues[0].AddDays(5).ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));
        var account = (await new ContractAccounts(db, later).OfAsync(contract, Ct))!;
        var items = account.OpenItems.Items;
        var billItem = items.Single(i => i.Kind == OpenItemKind.Bill);
        var installment = entity.InstallmentPlan.Amount;
        (billItem.Settled, billItem.Status).ShouldBe((70m + installment, OpenItemStatus.Overdue), "the named 70 €, and the payment without a reference to the oldest item due");
        var firstInstallment = items.Single(i => i.DueOn == dues[0]);
        (firstInstallment.Settled, firstInstallment.Status).ShouldBe((0m, OpenItemStatus.Overdue));
        items.Single(i => i.DueOn == dues[1]).Status.ShouldBe(OpenItemStatus.NotDue);
        account.OpenItems.Overdue.ShouldBe(bill.Balance - 70m);
        account.Balance.ShouldBe(bill.Balance - 70m - entity.InstallmentPlan.Amount);
    }

    [Fact]
    public async Task A_credit_is_paid_out_by_credit_transfer_after_a_second_persons_approval_and_booked_from_the_statement()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 300m)], installment: 100m, withMandate: true);
        var bill = await BillContractAsync(db, contract, "abrechnung");
        bill.Balance.ShouldBeLessThan(-500m, "above the approval limit");
        var payout = await db.CreditTransfers.AsNoTracking().SingleAsync(t => t.BillId == bill.Id, Ct);
        (payout.Status, payout.Amount, payout.ExecuteOn).ShouldBe((CreditTransferStatus.AwaitingApproval, -bill.Balance, bill.DueOn));

        var payouts = new Payouts(db, TimeProvider.System, Sepa, Settings);
        (await payouts.CreateFileAsync(bill.DueOn, "test", Ct)).ShouldBeOfType<CreditTransferFileResult.NothingDue>("not approved yet");
        (await payouts.ApproveAsync(payout.Id, "abrechnung", Ct)).Errors.ShouldHaveSingleItem().Field.ShouldBe("approver");
        (await payouts.ApproveAsync(payout.Id, "teamleitung", Ct)).Succeeded.ShouldBeTrue();

        var file = (await payouts.CreateFileAsync(bill.DueOn, "test", Ct)).ShouldBeOfType<CreditTransferFileResult.Created>().File;
        (file.Transactions, file.ControlSum).ShouldBe((1, -bill.Balance));
        var document = CheckAgainstSharedPain001(file.Xml);
        XNamespace ns = Pain001.Namespace;
        document.Descendants(ns + "ReqdExctnDt").Single().Value.ShouldBe(bill.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var entity = await db.Contracts.AsNoTracking().SingleAsync(c => c.ContractNumber == contract, Ct);
        document.Descendants(ns + "CdtrAcct").Single().Value.ShouldContain(entity.BankAccount!.Iban.Value);
        (await payouts.CreateFileAsync(bill.DueOn, "test", Ct)).ShouldBeOfType<CreditTransferFileResult.NothingDue>("paid once");

        // The statement shows the transfer: booked as a refund, the account is even.
        var statement = CamtXml.Statement("STMT-REFUND-" + Guid.NewGuid().ToString("N")[..6], TestEntry.Debit("REF" + Guid.NewGuid().ToString("N")[..10], bill.DueOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            new TestTransaction(-bill.Balance, "Anna Müller", entity.BankAccount.Iban.Value, payout.Reference, EndToEndId: payout.Id.ToString("N"))));
        var imported = (await new PaymentImporter(db, TimeProvider.System).ImportAsync(CamtXml.AsStream(statement), "refund.xml", Ct)).ShouldBeOfType<PaymentImportResult.Imported>().Summary;
        imported.Booked.ShouldHaveSingleItem().Kind.ShouldBe(Core.Accounts.BankTransactionKind.Refund);
        db.ChangeTracker.Clear();
        (await db.CreditTransfers.AsNoTracking().SingleAsync(t => t.Id == payout.Id, Ct)).Status.ShouldBe(CreditTransferStatus.Booked);
        (await AccountBalances.OfAsync(db, entity.Id, Ct)).ShouldBe(0m);
        (await new PaymentImporter(db, TimeProvider.System).ImportAsync(CamtXml.AsStream(statement), "refund.xml", Ct)).ShouldBeOfType<PaymentImportResult.Imported>()
            .Summary.AlreadyImported.ShouldBe(1, "booked once");
    }

    [Fact]
    public async Task A_customer_who_chose_email_gets_reminder_and_notice_by_email_and_the_threat_by_post_with_an_email_copy()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m, email: "anna.mueller@example.org");
        var bill = await BillAsync(db, contract);
        var day = bill.DueOn.AddDays(8);
        async Task<DunningNotice> DunAsync()
        {
            var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            db.ChangeTracker.Clear();
            var sent = await new Dunning(db, clock, new ContractAccounts(db, clock), new UtilityProfile(), new DunningSettings(), new DocumentSettings()).RunAsync("test", [contract], Ct);
            day = day.AddDays(14);
            return sent.Notices.ShouldHaveSingleItem();
        }

        var reminder = await DunAsync();
        var notice = await DunAsync();
        var threat = await DunAsync();
        (reminder.Channel, notice.Channel, threat.Channel).ShouldBe((DispatchChannel.Email, DispatchChannel.Email, DispatchChannel.Print), "a threat must reach the customer for certain: by post");
        var mails = await db.OutgoingEmails.AsNoTracking().Where(e => e.Purpose.StartsWith("dunning:")).OrderBy(e => e.Id).ToListAsync(Ct);
        mails.Select(m => m.DunningNoticeId).ShouldBe([reminder.Id, notice.Id, threat.Id]);
        mails.ShouldAllBe(m => m.To == "anna.mueller@example.org");
        mails[0].Subject.ShouldStartWith("Zahlungserinnerung zu Ihrem Vertragskonto");
        mails[2].Body.ShouldContain("zusätzlich mit der Post");
        mails[2].Body.ShouldContain(threat.DisconnectionFrom!.Value.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));

        // Only the threat waits for print; the e-mailed letters are not printed as well.
        var batch = (await new PrintBatches(db, TimeProvider.System).CreateAsync("test", Ct)).ShouldNotBeNull();
        batch.Manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains("Mahnung", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task A_credit_without_an_account_waits_and_a_cancelled_bill_is_not_paid_out()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var transferPayer = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 1000m)], installment: 50m);
        var waiting = await BillAsync(db, transferPayer);
        (await db.CreditTransfers.AsNoTracking().SingleAsync(t => t.BillId == waiting.Id, Ct)).Status.ShouldBe(CreditTransferStatus.WaitingForIban);

        var debitor = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 1000m)], installment: 50m, withMandate: true);
        var cancelled = await BillAsync(db, debitor);
        (await new CancelBill(db, TimeProvider.System).RunAsync(cancelled.Number, null, Ct)).ShouldBeOfType<CancelBillResult.Cancelled>();
        (await db.CreditTransfers.AsNoTracking().SingleAsync(t => t.BillId == cancelled.Id, Ct)).Status.ShouldBe(CreditTransferStatus.Withdrawn);
        (await new Payouts(db, TimeProvider.System, Sepa, Settings).CreateFileAsync(cancelled.DueOn, "test", Ct)).ShouldBeOfType<CreditTransferFileResult.NothingDue>();
    }

    [Fact]
    public async Task An_unpaid_bill_of_a_transfer_payer_gets_a_reminder_a_notice_and_the_threat_and_a_block_stops_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.Open();
        var contract = await BillingScenario.ElectricityContractAsync(db, [("2020-12-31", 0m), ("2021-12-31", 4000m)], installment: 20m);
        var bill = await BillAsync(db, contract);
        bill.Balance.ShouldBeGreaterThan(100m);
        var entity = await db.Contracts.AsNoTracking().SingleAsync(c => c.ContractNumber == contract, Ct);

        var day = bill.DueOn.AddDays(8);
        async Task<DunningRunResult> DunAsync()
        {
            var clock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
            db.ChangeTracker.Clear();
            return await new Dunning(db, clock, new ContractAccounts(db, clock), new UtilityProfile(), new DunningSettings(), new DocumentSettings()).RunAsync("test", [contract], Ct);
        }

        (await DunAsync()).Notices.ShouldHaveSingleItem().Level.ShouldBe(DunningLevel.Reminder);
        (await DunAsync()).Sent.ShouldBe(0, "a dunning run repeated the same day sends nothing twice");
        day = day.AddDays(14);
        var notice = (await DunAsync()).Notices.ShouldHaveSingleItem();
        (notice.Level, notice.Fee).ShouldBe((DunningLevel.Notice, 2.50m));
        (await db.LedgerEntries.AsNoTracking().CountAsync(e => e.ContractId == entity.Id && e.Kind == LedgerEntryKind.DunningFee, Ct)).ShouldBe(1);
        day = day.AddDays(14);
        var threat = (await DunAsync()).Notices.ShouldHaveSingleItem();
        threat.Level.ShouldBe(DunningLevel.DisconnectionThreat);
        threat.DisconnectionFrom.ShouldNotBeNull();
        var text = PdfText(threat.Pdf);
        text.ShouldContain("§ 19 StromGVV");
        text.ShouldContain(contract);

        // A clerk blocks the contract (the customer disputes the bill): the announcement is not sent.
        var blockClock = new FixedClock(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        (await new Dunning(db, blockClock, new ContractAccounts(db, blockClock), new UtilityProfile(), new DunningSettings(), new DocumentSettings())
            .BlockAsync(contract, "Kunde bestreitet die Rechnung", day.AddDays(60), "test", Ct)).Succeeded.ShouldBeTrue();
        day = day.AddDays(29);
        var blocked = await DunAsync();
        (blocked.Sent, blocked.Blocked).ShouldBe((0, 1));

        // The letters go to the print shop with the next print batch (bill letters and dunning letters alike), once.
        await using var app = new StadtwerkApp(database);
        var client = await app.SignedInClientAsync();
        var batch = await client.PostAsync("/api/print-batches", null, Ct);
        batch.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await batch.Content.ReadAsStringAsync(Ct));
        var manifest = await client.GetStringAsync("/api/print-batches/1/manifest", Ct);
        manifest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(line => line.Contains("Mahnung", StringComparison.Ordinal)).ShouldBe(3);
        (await client.PostAsync("/api/print-batches", null, Ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict, "nothing printed twice");
        var blocks = await client.GetStringAsync("/api/dunning/blocks", Ct);
        blocks.ShouldContain("Kunde bestreitet die Rechnung");
    }

    private static string PdfText(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"dunning-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static Task<IssuedBill> BillAsync(StadtwerkDbContext db, string contract) => BillContractAsync(db, contract, null);

    private static async Task<IssuedBill> BillContractAsync(StadtwerkDbContext db, string contract, string? clerk)
    {
        var result = await new BillContract(db, TimeProvider.System, Settings).RunAsync(contract, Year2021, null, Ct, issuedBy: clerk);
        db.ChangeTracker.Clear();
        return result.ShouldBeOfType<BillContractResult.Issued>().Bill;
    }

    private static XDocument CheckAgainstSharedPain001(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(Pain001.Namespace, Path.Combine(SharedFiles.Root, "schemas", "pain", "pain.001.001.09.xsd"));
        var document = XDocument.Parse(xml);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
        return document;
    }

    /// <summary>The same customer, premise, meter, readings and paid installments, with the same numbers, in any database.</summary>
    private static async Task SameContractAsync(StadtwerkDbContext db, string number, decimal consumption, decimal installment, bool mandate)
    {
        var address = Core.Customers.PostalAddress.Create("Lindenweg", "7", "12345", "Musterstadt");
        var tariff = Core.Tariffs.Tariff.Create("T" + number, "Strom Vergleich", Commodity.Electricity, [Core.Tariffs.TariffPrice.Create(new DateOnly(2019, 1, 1), 0.30m, 100m)]).Value!;
        var malo = Core.Premises.MarketLocationId.WithCheckDigit("5" + number[^1] + "12345678");
        var premise = Core.Premises.Premise.Create("V" + number, new Core.Premises.PremiseDetails(address, Commodity.Electricity, malo, null, null)).Value!;
        var customer = Core.Customers.Customer.Create("K" + number, new Core.Customers.CustomerDetails(Core.Customers.CustomerKind.Person, "Jana", "Vergleich", null, address, null, null, null, Core.Customers.ContactChannel.Post)).Value!;
        var bank = mandate ? BankAccount.Create(Iban.Create("DE89370400440532013000"), null, "Jana Vergleich", "M" + number, BillingScenario.MandateSignedOn).Value! : null;
        var plan = InstallmentPlan.Create(installment, new DateOnly(2021, 1, 31), 12).Value!;
        var contract = Contract.Create(number, customer, premise, new ContractTerms(tariff, new DateOnly(2019, 1, 1), null, "VK" + number, bank, plan)).Value!;
        var meter = Core.Metering.Meter.Create("Z" + number, premise, null, new DateOnly(2019, 1, 1), null).Value!;
        db.AddRange(tariff, premise, customer, contract, meter);
        db.Readings.Add(meter.Read(new DateOnly(2020, 12, 31), 1000m, Core.Metering.ReadingKind.Actual, Core.Metering.ReadingSource.MeterReader, DateTimeOffset.UtcNow).Value!);
        db.Readings.Add(meter.Read(new DateOnly(2021, 12, 31), 1000m + consumption, Core.Metering.ReadingKind.Actual, Core.Metering.ReadingSource.MeterReader, DateTimeOffset.UtcNow).Value!);
        foreach (var due in plan.DueDates())
        {
            db.LedgerEntries.Add(LedgerEntry.Installment(contract, due, installment, InstallmentRequest.ReferenceFor(due), DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync(Ct);
    }

    /// <summary>What issuing wrote, by row kind, without ids and times: comparable between two databases.</summary>
    private static async Task<Written> WrittenAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var numbers = await db.Contracts.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.ContractNumber, Ct);
        var bills = await db.IssuedBills.AsNoTracking().OrderBy(b => b.Number).ToListAsync(Ct);
        var billNumbers = bills.ToDictionary(b => b.Id, b => b.Number);
        var written = new Written
        {
            ["bills"] = [.. bills.Select(b => string.Join('|', b.Number, b.Kind, numbers[b.ContractId], b.IssuedOn, b.PeriodStart, b.PeriodEnd, b.Quantity, b.Net, b.Gross, b.Paid, b.Balance, b.DueOn, b.HasEstimates, b.InputJson, b.OutputJson, b.ReferencesBillId is null))],
            ["ledger"] = [.. (await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.Bill).ToListAsync(Ct)).Select(e => string.Join('|', numbers[e.ContractId], e.BookedOn, e.Kind, e.Amount, e.Reference, e.Note)).Order(StringComparer.Ordinal)],
            ["debits"] = [.. (await db.DirectDebits.AsNoTracking().ToListAsync(Ct)).Select(d => string.Join('|', numbers[d.ContractId], d.Kind, d.DueOn, d.Amount, d.Iban, d.MandateReference, d.MandateSignedOn, d.BillId is { } id ? billNumbers[id] : "-", d.Reference, d.Status, d.Key == DirectDebit.BillKey(d.BillId ?? Guid.Empty))).Order(StringComparer.Ordinal)],
            ["payouts"] = [.. (await db.CreditTransfers.AsNoTracking().ToListAsync(Ct)).Select(t => string.Join('|', numbers[t.ContractId], t.BillId is { } id ? billNumbers[id] : "-", t.Amount, t.ExecuteOn, t.Iban, t.Holder, t.Reference, t.Status)).Order(StringComparer.Ordinal)],
            ["letters"] = [.. (await db.QueuedBillDocuments.AsNoTracking().ToListAsync(Ct)).Select(q => string.Join('|', billNumbers[q.BillId], q.DoneAt is null, q.Attempts)).Order(StringComparer.Ordinal)],
            ["estimates"] = [.. (await db.Readings.AsNoTracking().Where(r => r.Kind == Core.Metering.ReadingKind.Estimated).ToListAsync(Ct)).Select(r => string.Join('|', r.Date, r.Value, r.Source)).Order(StringComparer.Ordinal)],
            ["plans"] = [.. (await db.Contracts.AsNoTracking().ToListAsync(Ct)).Select(c => string.Join('|', c.ContractNumber, c.InstallmentPlan?.Amount, c.InstallmentPlan?.FirstDue, c.InstallmentPlan?.Count)).Order(StringComparer.Ordinal)],
        };
        return written;
    }

    private sealed class Written : Dictionary<string, List<string>>
    {
        public Written()
            : base(StringComparer.Ordinal)
        {
        }

        public List<string> Bills => this["bills"];

        public List<string> Debits => this["debits"];

        public List<string> Payouts => this["payouts"];
    }

    private sealed class RecordingDispatcher : IBillingRunDispatcher
    {
        public List<int> Chunks { get; } = [];

        public Task EnqueueAsync(Guid runId, IReadOnlyList<int> chunks, CancellationToken ct)
        {
            Chunks.AddRange(chunks);
            return Task.CompletedTask;
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

public sealed class MoneyLoopOnSqliteTests() : MoneyLoopTests(DatabaseProvider.Sqlite);

public sealed class MoneyLoopOnPostgresTests() : MoneyLoopTests(DatabaseProvider.Postgres);
