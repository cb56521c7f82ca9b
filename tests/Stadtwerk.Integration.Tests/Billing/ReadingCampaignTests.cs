using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Messaging;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>
/// The meter-reading campaign before the run, on the demo utility: requests by e-mail or card for every meter due,
/// the share read per commodity and area rising as readings come in, one reminder for those who have not read,
/// and the e-mails delivered to a real SMTP server.
/// </summary>
public abstract class ReadingCampaignTests(DatabaseProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_campaign_asks_every_due_meter_counts_what_comes_in_and_reminds_the_rest_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new StadtwerkApp(database, loadDemo: true);
        var client = await app.SignedInClientAsync();
        var today = UtilityCalendar.Today(DateTimeOffset.UtcNow);
        var readingDay = new DateOnly(today.Year, 12, 31);
        var body = new { commodity = "heat", readingDay = Iso(readingDay), windowStart = Iso(today.AddDays(-3)), deadline = Iso(readingDay.AddDays(15)) };

        var created = await client.PostAsJsonAsync("/api/reading-campaigns", body, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var campaign = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);

        await using var db = app.OpenDb();
        // Every running heat contract is due at the year end; each of its meters installed on the reading day is asked for.
        var dueMeters = await (from c in db.Contracts
                               where c.Commodity == Core.Billing.Commodity.Heat && c.EndDate == null
                               join m in db.Meters on c.PremiseId equals m.PremiseId
                               where m.InstalledOn < readingDay && m.RemovedOn == null
                               select m.Id).CountAsync(Ct);
        campaign.GetProperty("requests").GetInt32().ShouldBe(dueMeters);
        campaign.GetProperty("meters").GetInt32().ShouldBe(dueMeters);
        campaign.GetProperty("read").GetInt32().ShouldBe(0);
        campaign.GetProperty("shares").EnumerateArray().ShouldAllBe(s => s.GetProperty("commodity").GetString() == "heat");
        var emailRequests = campaign.GetProperty("emailRequests").GetInt32();
        emailRequests.ShouldBeGreaterThan(0);
        campaign.GetProperty("cardRequests").GetInt32().ShouldBe(dueMeters - emailRequests);
        var mails = await db.OutgoingEmails.AsNoTracking().ToListAsync(Ct);
        mails.Count.ShouldBeGreaterThan(0);
        mails.ShouldAllBe(m => m.Body.Contains("Zähler") && m.SentAt == null, "waiting in the outbox: the demo has no SMTP server");

        // A customer reads one meter in the window (portal): the share rises, the meter leaves the estimate list.
        var unread = await client.GetFromJsonAsync<JsonElement>("/api/reading-campaigns/1/unread", Ct);
        unread.GetArrayLength().ShouldBe(dueMeters);
        var meter = unread[0].GetProperty("meterNumber").GetString()!;
        var meterId = await db.Meters.Where(m => m.MeterNumber == meter).Select(m => m.Id).SingleAsync(Ct);
        var last = (await db.Readings.AsNoTracking().Where(r => r.MeterId == meterId).Select(r => r.Value).ToListAsync(Ct)).Max();
        var reading = await client.PostAsJsonAsync($"/api/meters/{meter}/readings", new { date = Iso(today.AddDays(-1)), value = last + 100, kind = "customerReported", source = "portal" }, Ct);
        reading.IsSuccessStatusCode.ShouldBeTrue(await reading.Content.ReadAsStringAsync(Ct));
        var progress = await client.GetFromJsonAsync<JsonElement>("/api/reading-campaigns/1", Ct);
        progress.GetProperty("read").GetInt32().ShouldBe(1);
        (await client.GetFromJsonAsync<JsonElement>("/api/reading-campaigns/1/unread", Ct)).GetArrayLength().ShouldBe(dueMeters - 1);

        // The reminder goes once, to e-mail customers who have not read everything.
        var before = await db.OutgoingEmails.CountAsync(Ct);
        var reminder = await client.PostAsync("/api/reading-campaigns/1/reminder", null, Ct);
        reminder.StatusCode.ShouldBe(HttpStatusCode.OK, await reminder.Content.ReadAsStringAsync(Ct));
        var reminded = (await reminder.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("emails").GetInt32();
        reminded.ShouldBeGreaterThan(0);
        (await db.OutgoingEmails.CountAsync(Ct)).ShouldBe(before + reminded);
        (await db.OutgoingEmails.CountAsync(e => e.Subject.StartsWith("Erinnerung"), Ct)).ShouldBe(reminded);
        (await client.PostAsync("/api/reading-campaigns/1/reminder", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // The customers without e-mail get a prefilled reading card: one per contract, in a print batch, once.
        var cardContracts = await db.ReadingRequests.Where(r => r.Channel == ReadingRequestChannel.Card).Select(r => r.ContractId).Distinct().CountAsync(Ct);
        var cards = await client.PostAsync("/api/reading-campaigns/1/cards", null, Ct);
        cards.StatusCode.ShouldBe(HttpStatusCode.Created, await cards.Content.ReadAsStringAsync(Ct));
        var batch = await cards.Content.ReadFromJsonAsync<JsonElement>(Ct);
        (batch.GetProperty("cards").GetInt32(), batch.GetProperty("pages").GetInt32()).ShouldBe((cardContracts, cardContracts));
        var number = batch.GetProperty("printBatch").GetInt32();
        var manifest = (await client.GetStringAsync($"/api/print-batches/{number}/manifest", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        manifest[0].ShouldStartWith("position;first_page;pages;contract_number;");
        manifest.Length.ShouldBe(cardContracts + 1);
        manifest[1..].Select(line => line.Split(';')[6]).ShouldBeInOrder(SortDirection.Ascending, StringComparer.Ordinal);
        var pdf = await client.GetByteArrayAsync($"/api/print-batches/{number}/pdf", Ct);
        PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import).PageCount.ShouldBe(cardContracts);
        (await client.PostAsync("/api/reading-campaigns/1/cards", null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict, "printed once");

        var refused = await client.PostAsJsonAsync("/api/reading-campaigns", new { readingDay = Iso(readingDay), windowStart = Iso(readingDay.AddDays(1)), deadline = Iso(readingDay.AddDays(-1)) }, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.TryGetProperty("windowStart", out _).ShouldBeTrue();
        errors.TryGetProperty("deadline", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task The_outbox_delivers_the_requests_to_a_real_SMTP_server_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var setup = new StadtwerkApp(database, loadDemo: true))
        {
            var client = await setup.SignedInClientAsync();
            var today = UtilityCalendar.Today(DateTimeOffset.UtcNow);
            var created = await client.PostAsJsonAsync("/api/reading-campaigns", new { commodity = "heat", readingDay = Iso(new DateOnly(today.Year, 12, 31)), windowStart = Iso(today), deadline = Iso(new DateOnly(today.Year + 1, 1, 15)) }, Ct);
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await using var store = new TestSmtpServer(Ct);
        await using var sending = new StadtwerkApp(database, smtpPort: store.Port);
        var sender = sending.Services.GetRequiredService<EmailSender>();
        await using var db = sending.OpenDb();
        var waiting = await db.OutgoingEmails.CountAsync(Ct);
        while (await sender.SendBatchAsync(Ct) > 0)
        {
        }

        (await db.OutgoingEmails.CountAsync(e => e.SentAt != null, Ct)).ShouldBe(waiting);
        store.Messages.Count.ShouldBe(waiting, "each e-mail once");
        var first = store.Messages.First();
        first.Subject.ShouldStartWith("Bitte Zählerstand ablesen bis");
        (first.TextBody ?? string.Empty).ShouldContain("Wärme, Vertrag C");
        first.From.Mailboxes.Single().Address.ShouldBe("kundenservice@stadtwerk.example");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class ReadingCampaignOnSqliteTests() : ReadingCampaignTests(DatabaseProvider.Sqlite);

public sealed class ReadingCampaignOnPostgresTests() : ReadingCampaignTests(DatabaseProvider.Postgres);
