using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using PdfSharp.Pdf.IO;
using Shouldly;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Messaging;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The letters of a billing run go out: by e-mail with the PDF attached, received by a real SMTP server, once;
/// by post in a print batch merged in postal order with a manifest; a letter sent again is the same document.
/// </summary>
public abstract class BillDispatchTests(DatabaseProvider provider)
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Letters_go_by_email_with_the_PDF_once_and_by_post_in_a_print_batch()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        string[] byEmail;
        string[] byPost;
        await using (var setup = new StadtwerkApp(database, loadDemo: true))
        {
            _ = setup.Server;
            await using var db = setup.OpenDb();
            var running = from c in db.Contracts
                          join k in db.Customers on c.CustomerId equals k.Id
                          where c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1) && c.Commodity == Commodity.Water
                          orderby c.ContractNumber
                          select new { c.ContractNumber, k.Email, k.PreferredChannel };
            byEmail = [.. (await running.Where(r => r.Email != null && r.PreferredChannel == ContactChannel.Email).Take(3).ToListAsync(Ct)).Select(r => r.ContractNumber)];
            byPost = [.. (await running.Where(r => r.Email == null).Take(3).ToListAsync(Ct)).Select(r => r.ContractNumber)];
        }

        await using var store = new TestSmtpServer(Ct);
        await using var app = new StadtwerkApp(database, billingWorker: true, smtpPort: store.Port);
        var client = await app.SignedInClientAsync();
        (await BillAsync(client, [.. byEmail, .. byPost])).ShouldBe(6);

        using (var scope = app.Services.CreateScope())
        {
            var dispatch = scope.ServiceProvider.GetRequiredService<BillDispatch>();
            (await dispatch.DispatchQueuedAsync(Ct)).ShouldBe(6);
            (await dispatch.DispatchQueuedAsync(Ct)).ShouldBe(0, "each letter is made once");
        }

        await SendAllAsync(app);

        store.Messages.Count.ShouldBe(3);
        var anonymous = app.CreateClient();
        foreach (var message in store.Messages)
        {
            // The signed link in the text gives the same PDF without signing in; a changed one gives nothing.
            var link = LinkIn(message.TextBody!);
            var download = await anonymous.GetAsync(link.PathAndQuery, Ct);
            download.StatusCode.ShouldBe(HttpStatusCode.OK);
            download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            download.Headers.CacheControl!.NoStore.ShouldBeTrue();
            (await anonymous.GetAsync(link.PathAndQuery.Replace("sig=", "sig=x", StringComparison.Ordinal), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await anonymous.GetAsync(link.AbsolutePath + "?bis=20991231&" + link.Query.Split('&')[1], Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the last day is signed");

            message.Subject.ShouldStartWith("Ihre Rechnung 2026-");
            var attachment = message.Attachments.OfType<MimePart>().Single();
            attachment.ContentType.MimeType.ShouldBe("application/pdf");
            attachment.FileName.ShouldStartWith("Rechnung-");
            using var pdf = new MemoryStream();
            await attachment.Content!.DecodeToAsync(pdf, Ct);
            pdf.Position = 0;
            PdfReader.Open(pdf, PdfDocumentOpenMode.Import).PageCount.ShouldBe(2);
            (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(pdf.ToArray());
        }

        await SendAllAsync(app);

        store.Messages.Count.ShouldBe(3, "no e-mail goes twice");

        // The post: one batch, postal order, a manifest line per letter.
        var batch = await client.PostAsync("/api/print-batches", null, Ct);
        batch.StatusCode.ShouldBe(HttpStatusCode.Created, await batch.Content.ReadAsStringAsync(Ct));
        var created = await batch.Content.ReadFromJsonAsync<JsonElement>(Ct);
        created.GetProperty("letters").GetInt32().ShouldBe(3);
        created.GetProperty("pages").GetInt32().ShouldBe(6);
        var merged = await client.GetByteArrayAsync("/api/print-batches/1/pdf", Ct);
        PdfReader.Open(new MemoryStream(merged), PdfDocumentOpenMode.Import).PageCount.ShouldBe(6);
        var manifest = (await client.GetStringAsync("/api/print-batches/1/manifest", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        manifest.Length.ShouldBe(4);
        manifest[1..].Select(line => line.Split(';')[6]).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        manifest[1..].Select(line => line.Split(';')[1]).ShouldBe(["1", "3", "5"]);
        (await client.PostAsync("/api/print-batches", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "nothing printed twice");

        // Sent again: the same stored document, one more e-mail.
        await using var check = app.OpenDb();
        var emailed = await (from d in check.StoredDocuments
                             where d.Channel == DispatchChannel.Email
                             join b in check.IssuedBills on d.BillId equals b.Id
                             select new { b.Number, d.Sha256 }).FirstAsync(Ct);
        (await client.PostAsync($"/api/bills/{emailed.Number}/resend", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await SendAllAsync(app);

        store.Messages.Count.ShouldBe(4);
        (await check.StoredDocuments.CountAsync(Ct)).ShouldBe(6, "stored once");

        // Where each letter is, for the clerk or agent asking "did it go out?".
        var mailed = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{emailed.Number}/dispatch", Ct);
        mailed.GetProperty("state").GetString().ShouldBe("email");
        mailed.GetProperty("sha256").GetString().ShouldBe(emailed.Sha256);
        mailed.GetProperty("emails").GetArrayLength().ShouldBe(2, "the first e-mail and the one sent again");
        mailed.GetProperty("emails").EnumerateArray().ShouldAllBe(e => e.GetProperty("sentAt").ValueKind == JsonValueKind.String);
        var printedNumber = await (from d in check.StoredDocuments
                                   where d.Channel == DispatchChannel.Print
                                   join b in check.IssuedBills on d.BillId equals b.Id
                                   select b.Number).FirstAsync(Ct);
        var printed = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{printedNumber}/dispatch", Ct);
        (printed.GetProperty("state").GetString(), printed.GetProperty("printBatch").GetInt32()).ShouldBe(("printed", 1));
        (await client.GetAsync("/api/bills/2026-9999999/dispatch", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // A clerk's cancellation is a document the customer gets too: its letter is queued with it.
        var cancelled = await client.PostAsync($"/api/bills/{emailed.Number}/cancellation", null, Ct);
        cancelled.StatusCode.ShouldBe(HttpStatusCode.Created, await cancelled.Content.ReadAsStringAsync(Ct));
        var cancellation = (await cancelled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("cancellation").GetProperty("number").GetString();
        (await client.GetFromJsonAsync<JsonElement>($"/api/bills/{cancellation}/dispatch", Ct)).GetProperty("state").GetString().ShouldBe("queued");

        // Its e-mail says what it is: the bill is undone, not a new claim or credit.
        (await DispatchOnceAsync(app)).ShouldBe(1);

        await SendAllAsync(app);

        var storno = store.Messages.Last();
        storno.Subject.ShouldStartWith($"Ihre Stornorechnung {cancellation} ");
        storno.TextBody!.ShouldContain($"heben wir die Rechnung {emailed.Number} für den Zeitraum");
        storno.Attachments.OfType<MimePart>().Single().FileName.ShouldBe($"Stornorechnung-{cancellation}.pdf");
        (await check.Settings.CountAsync(x => x.Key == DocumentLinks.SecretSetting, Ct)).ShouldBe(1, "no secret configured: one was made and kept");
    }

    [Fact]
    public async Task A_letter_that_cannot_be_made_waits_for_a_person_and_the_others_go_out()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        string[] contracts;
        await using (var db = app.OpenDb())
        {
            contracts = [.. await db.Contracts.Where(c => c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1) && c.Commodity == Commodity.Water)
                .OrderBy(c => c.ContractNumber).Select(c => c.ContractNumber).Take(3).ToListAsync(Ct)];
        }

        (await BillAsync(client, contracts)).ShouldBe(3);
        string broken;
        await using (var db = app.OpenDb())
        {
            broken = await db.IssuedBills.OrderBy(b => b.Number).Select(b => b.Number).FirstAsync(Ct);
            await db.IssuedBills.Where(b => b.Number == broken).ExecuteUpdateAsync(u => u.SetProperty(b => b.InputJson, "{}"), Ct);
        }

        var rounds = 0;
        using (var scope = app.Services.CreateScope())
        {
            var dispatch = scope.ServiceProvider.GetRequiredService<BillDispatch>();
            while (await dispatch.DispatchQueuedAsync(Ct) > 0)
            {
                rounds++.ShouldBeLessThan(10, "a broken letter does not keep the dispatcher busy");
            }
        }

        await using var check = app.OpenDb();
        (await check.StoredDocuments.CountAsync(Ct)).ShouldBe(2, "the other letters went out");
        var state = await client.GetFromJsonAsync<JsonElement>($"/api/bills/{broken}/dispatch", Ct);
        state.GetProperty("state").GetString().ShouldBe("failed");
        state.GetProperty("attempts").GetInt32().ShouldBe(QueuedBillDocument.MaxAttempts);
        state.GetProperty("lastError").GetString()!.ShouldContain("does not read");
    }

    [Fact]
    public async Task With_link_only_the_mail_has_no_attachment_and_an_expired_link_says_what_to_do()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var store = new TestSmtpServer(Ct);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true, smtpPort: store.Port, settings: new Dictionary<string, string>
        {
            ["Documents:EmailAttachment"] = "false",
            ["Documents:PublicBaseUrl"] = "https://kunden.stadtwerke-musterstadt.example/",
            ["Documents:LinkSecret"] = "test-secret",
        });
        var client = await app.SignedInClientAsync();
        string contract;
        await using (var db = app.OpenDb())
        {
            contract = await (from c in db.Contracts
                              join k in db.Customers on c.CustomerId equals k.Id
                              where c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1) && k.Email != null && k.PreferredChannel == ContactChannel.Email
                              orderby c.ContractNumber
                              select c.ContractNumber).FirstAsync(Ct);
        }

        (await BillAsync(client, contract)).ShouldBe(1);
        (await DispatchOnceAsync(app)).ShouldBe(1);

        await SendAllAsync(app);

        var message = store.Messages.ShouldHaveSingleItem();
        message.Attachments.ShouldBeEmpty();
        message.TextBody!.ShouldContain("hier abrufen (PDF):");
        var link = LinkIn(message.TextBody!);
        link.GetLeftPart(UriPartial.Authority).ShouldBe("https://kunden.stadtwerke-musterstadt.example");
        (await app.CreateClient().GetAsync(link.PathAndQuery, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A link whose last day is past: signed correctly, but gone, with what to do instead.
        Guid documentId;
        await using (var db = app.OpenDb())
        {
            documentId = await db.StoredDocuments.Select(d => d.Id).SingleAsync(Ct);
        }

        var (old, _) = new DocumentLinks(new DocumentSettings { LinkSecret = "test-secret", LinkDays = 1 }).For(documentId, new DateOnly(2020, 1, 1));
        var expired = await app.CreateClient().GetAsync(old.PathAndQuery, Ct);
        expired.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await expired.Content.ReadAsStringAsync(Ct)).ShouldContain("abgelaufen");
    }

    [Fact]
    public async Task A_business_customer_gets_the_letter_as_ZUGFeRD_with_the_e_invoice_inside()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var store = new TestSmtpServer(Ct);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true, smtpPort: store.Port);
        var client = await app.SignedInClientAsync();
        string contract;
        await using (var db = app.OpenDb())
        {
            contract = await (from c in db.Contracts
                              join k in db.Customers on c.CustomerId equals k.Id
                              where k.Kind == CustomerKind.Business && k.Email != null && k.PreferredChannel == ContactChannel.Email
                                  && c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1)
                              orderby c.ContractNumber
                              select c.ContractNumber).FirstAsync(Ct);
        }

        (await BillAsync(client, contract)).ShouldBe(1);
        (await DispatchOnceAsync(app)).ShouldBe(1);

        await SendAllAsync(app);

        var attachment = store.Messages.ShouldHaveSingleItem().Attachments.OfType<MimePart>().Single();
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.pdf");
        try
        {
            await using (var stream = File.Create(file))
            {
                await attachment.Content!.DecodeToAsync(stream, Ct);
            }

            (await EInvoiceTests.Tool("pdfdetach", "-list", file)).ShouldContain("factur-x.xml", customMessage: "the e-mailed letter carries the e-invoice");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Bills the contracts in a billing run (the letters are queued with the bills); returns how many were billed.</summary>
    protected static async Task<int> BillAsync(HttpClient client, params string[] contracts)
    {
        var started = await client.PostAsJsonAsync("/api/billing-runs", new { periodEndFrom = "2021-01-01", periodEndTo = "2021-12-31", contractNumbers = contracts }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        return (await BillingRunTests.WaitAsync(client, 1)).GetProperty("billed").GetInt32();
    }

    /// <summary>One dispatch round, as the application's dispatcher runs it.</summary>
    private static async Task<int> DispatchOnceAsync(StadtwerkApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BillDispatch>().DispatchQueuedAsync(Ct);
    }

    /// <summary>Sends the outbox to the test SMTP server until nothing is left (the sender's own loop polls hourly in tests).</summary>
    private static async Task SendAllAsync(StadtwerkApp app)
    {
        var sender = app.Services.GetRequiredService<EmailSender>();
        while (await sender.SendBatchAsync(Ct) > 0)
        {
        }
    }

    private static Uri LinkIn(string text) =>
        new(text.Split('\n').Select(line => line.Trim()).Single(line => line.Contains(DocumentLinks.Path, StringComparison.Ordinal)));
}

public sealed class BillDispatchOnSqliteTests() : BillDispatchTests(DatabaseProvider.Sqlite);

public sealed class BillDispatchOnPostgresTests() : BillDispatchTests(DatabaseProvider.Postgres)
{
    /// <summary>Several processes render letters at once (the web node and the workers): each takes its own batch.</summary>
    [Fact]
    public async Task Dispatchers_running_at_once_take_separate_letters_and_store_each_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var app = new StadtwerkApp(database, loadDemo: true, billingWorker: true);
        var client = await app.SignedInClientAsync();
        string[] contracts;
        await using (var db = app.OpenDb())
        {
            contracts = [.. await db.Contracts.Where(c => c.EndDate == null && c.StartDate < new DateOnly(2021, 1, 1) && c.Commodity == Commodity.Water)
                .OrderBy(c => c.ContractNumber).Select(c => c.ContractNumber).Take(240).ToListAsync(Ct)];
        }

        var billed = await BillAsync(client, contracts);
        billed.ShouldBeGreaterThan(200);

        async Task<int> DispatchAllAsync()
        {
            var total = 0;
            using var scope = app.Services.CreateScope();
            var dispatch = scope.ServiceProvider.GetRequiredService<BillDispatch>();
            int done;
            while ((done = await dispatch.DispatchQueuedAsync(Ct)) > 0)
            {
                total += done;
            }

            return total;
        }

        var counts = await Task.WhenAll(DispatchAllAsync(), DispatchAllAsync(), DispatchAllAsync());
        counts.Sum().ShouldBe(billed, "every letter by exactly one dispatcher");
        counts.Count(c => c > 0).ShouldBeGreaterThan(1, $"the dispatchers work side by side, none waits for or collides with another ({string.Join(", ", counts)})");
        await using var check = app.OpenDb();
        (await check.StoredDocuments.CountAsync(Ct)).ShouldBe(billed);
        (await check.StoredDocuments.Select(d => d.BillId).Distinct().CountAsync(Ct)).ShouldBe(billed);
        (await check.QueuedBillDocuments.CountAsync(q => q.DoneAt == null, Ct)).ShouldBe(0);

        // Two clerks make the print batch at the same moment: every letter is in exactly one batch.
        async Task<PrintBatch?> PrintAsync()
        {
            using var scope = app.Services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<PrintBatches>().CreateAsync("test", Ct);
        }

        var forPrint = await check.StoredDocuments.CountAsync(d => d.Channel == DispatchChannel.Print, Ct);
        var batches = await Task.WhenAll(PrintAsync(), PrintAsync());
        batches.Where(b => b is not null).Sum(b => b!.Letters).ShouldBe(forPrint);
        (await check.StoredDocuments.CountAsync(d => d.Channel == DispatchChannel.Print && d.PrintBatchId == null, Ct)).ShouldBe(0);
    }
}
