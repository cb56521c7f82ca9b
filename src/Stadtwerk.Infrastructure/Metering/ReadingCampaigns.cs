using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.BillingRuns;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.BillingRuns;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Metering;

public abstract record ReadingCampaignResult
{
    private ReadingCampaignResult()
    {
    }

    public sealed record Done(ReadingCampaign Campaign, int Emails) : ReadingCampaignResult;

    public sealed record NotFound(int Number) : ReadingCampaignResult;

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : ReadingCampaignResult;
}

/// <summary>The share read of one commodity in one area (the premises' postal code).</summary>
public sealed record CampaignShare(Commodity Commodity, string Area, int Meters, int Read)
{
    public int Percent => Meters == 0 ? 100 : (int)(100L * Read / Meters);
}

/// <summary>A meter not read yet: the run will estimate it unless a reading comes in by the deadline.</summary>
public sealed record UnreadMeter(string ContractNumber, string MeterNumber, Commodity Commodity, string PostalCode, ReadingRequestChannel Channel, bool Reminded);

public sealed record CampaignProgress(ReadingCampaign Campaign, IReadOnlyList<CampaignShare> Shares, int EmailRequests, int CardRequests, int EmailsWaiting)
{
    public int Meters => Shares.Sum(s => s.Meters);

    public int Read => Shares.Sum(s => s.Read);

    public int Percent => Meters == 0 ? 100 : (int)(100L * Read / Meters);
}

/// <summary>
/// Meter-reading campaigns (Ableseaktion): start one for the contracts whose billing period ends on the reading
/// day (the same selection as the billing run), with a request per meter: an e-mail to customers who gave an
/// address (one per customer, listing their meters), else a printed reading card. Readings dated in the window
/// count, whoever brings them (portal, agent, returned card, the meter readers' handheld export); the progress
/// shows the share read per commodity and area, the reminder goes to those who have not read, and what is not
/// read by the deadline is what the run will estimate.
/// </summary>
public sealed class ReadingCampaigns(StadtwerkDbContext db, TimeProvider clock)
{
    private const int PageSize = 5_000;

    public async Task<ReadingCampaignResult> StartAsync(string? commodityText, DateOnly readingDay, DateOnly windowStart, DateOnly deadline, string createdBy, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        var commodity = BillingRunSelection.OptionalCommodity(commodityText, errors);
        if (errors.Count > 0)
        {
            return new ReadingCampaignResult.Invalid(errors);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var number = (await db.ReadingCampaigns.MaxAsync(c => (int?)c.Number, ct) ?? 0) + 1;
        var created = ReadingCampaign.Create(number, commodity, readingDay, windowStart, deadline, createdBy, UtilityCalendar.Today(now), now);
        if (!created.Succeeded)
        {
            return new ReadingCampaignResult.Invalid(created.Errors);
        }

        var campaign = created.Value!;
        db.ReadingCampaigns.Add(campaign);
        await db.SaveChangesAsync(ct);
        var selection = new BillingRunSelection(commodity, readingDay, readingDay, null);
        var requests = 0;
        var emails = 0;
        await foreach (var page in DueContracts.PagesAsync(db, selection, PageSize, ct))
        {
            var due = page.Where(c => c.PeriodIn(selection) is not null).ToList();
            var premiseIds = due.Select(c => c.PremiseId).Distinct().ToList();
            var customerIds = due.Select(c => c.CustomerId).Distinct().ToList();
            var meters = (await db.Meters.AsNoTracking()
                    .Where(m => premiseIds.Contains(m.PremiseId) && m.InstalledOn < readingDay && (m.RemovedOn == null || m.RemovedOn >= readingDay))
                    .Select(m => new { m.Id, m.PremiseId, m.MeterNumber }).ToListAsync(ct))
                .ToLookup(m => m.PremiseId);
            var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            var rows = new List<ReadingRequest>();
            var mails = new List<OutgoingEmail>();
            foreach (var byCustomer in due.GroupBy(c => c.CustomerId))
            {
                var customer = customers[byCustomer.Key];
                var channel = customer.Email is null ? ReadingRequestChannel.Card : ReadingRequestChannel.Email;
                var asked = byCustomer.SelectMany(c => meters[c.PremiseId].Select(m => (Contract: c, Meter: m))).ToList();
                rows.AddRange(asked.Select(a => ReadingRequest.Create(campaign, a.Meter.Id, a.Contract.Id, channel)));
                if (channel == ReadingRequestChannel.Email && asked.Count > 0)
                {
                    mails.Add(Request(campaign, customer.Email!.Value, customer.DisplayName, asked.Select(a => (a.Contract.ContractNumber, a.Meter.MeterNumber, a.Contract.Commodity)), reminder: false, now));
                }
            }

            await BulkInsert.InsertAsync(db, rows, ct);
            await BulkInsert.InsertAsync(db, mails, ct);
            requests += rows.Count;
            emails += mails.Count;
        }

        await db.ReadingCampaigns.Where(c => c.Id == campaign.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Requests, requests), ct);
        await transaction.CommitAsync(ct);
        campaign.Requested(requests);
        return new ReadingCampaignResult.Done(campaign, emails);
    }

    public async Task<IReadOnlyList<CampaignProgress>> ListAsync(CancellationToken ct)
    {
        var campaigns = await db.ReadingCampaigns.AsNoTracking().OrderByDescending(c => c.Number).Take(20).ToListAsync(ct);
        return await ProgressAsync(campaigns, ct);
    }

    public async Task<CampaignProgress?> ProgressAsync(int number, CancellationToken ct) =>
        await db.ReadingCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Number == number, ct) is { } campaign ? (await ProgressAsync([campaign], ct))[0] : null;

    /// <summary>The meters not read in the window: what the billing run will estimate.</summary>
    public async Task<IReadOnlyList<UnreadMeter>> UnreadAsync(int number, int take, CancellationToken ct)
    {
        var campaign = await db.ReadingCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Number == number, ct);
        if (campaign is null)
        {
            return [];
        }

        return await (from request in Unread(campaign)
                      join meter in db.Meters on request.MeterId equals meter.Id
                      join contract in db.Contracts on request.ContractId equals contract.Id
                      join premise in db.Premises on meter.PremiseId equals premise.Id
                      orderby contract.ContractNumber, meter.MeterNumber
                      select new UnreadMeter(contract.ContractNumber, meter.MeterNumber, contract.Commodity, premise.Address.PostalCode, request.Channel, request.RemindedAt != null))
            .Take(take).ToListAsync(ct);
    }

    /// <summary>Reminds, once and before the deadline, every customer with an e-mail address who has not read all their meters.</summary>
    public async Task<ReadingCampaignResult> RemindAsync(int number, CancellationToken ct)
    {
        var campaign = await db.ReadingCampaigns.SingleOrDefaultAsync(c => c.Number == number, ct);
        if (campaign is null)
        {
            return new ReadingCampaignResult.NotFound(number);
        }

        var now = clock.GetUtcNow();
        var reminded = campaign.Remind(UtilityCalendar.Today(now), now);
        if (!reminded.Succeeded)
        {
            return new ReadingCampaignResult.Invalid(reminded.Errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var unread = await (from request in Unread(campaign)
                            where request.Channel == ReadingRequestChannel.Email
                            join meter in db.Meters on request.MeterId equals meter.Id
                            join contract in db.Contracts on request.ContractId equals contract.Id
                            join customer in db.Customers on contract.CustomerId equals customer.Id
                            select new { customer.Id, customer.Email, Name = customer.Kind == Core.Customers.CustomerKind.Business ? customer.CompanyName : customer.FirstName + " " + customer.LastName, contract.ContractNumber, meter.MeterNumber, contract.Commodity })
            .ToListAsync(ct);
        var mails = unread.GroupBy(u => u.Id)
            .Select(g => Request(campaign, g.First().Email!.Value, g.First().Name ?? string.Empty, g.Select(u => (u.ContractNumber, u.MeterNumber, u.Commodity)), reminder: true, now))
            .ToList();
        await BulkInsert.InsertAsync(db, mails, ct);
        var campaignId = campaign.Id;
        var windowStart = campaign.WindowStart;
        var deadline = campaign.Deadline;
        await db.ReadingRequests
            .Where(r => r.CampaignId == campaignId && r.Channel == ReadingRequestChannel.Email
                && !db.Readings.Any(x => x.MeterId == r.MeterId && x.Date >= windowStart && x.Date <= deadline && x.Kind != ReadingKind.Estimated))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.RemindedAt, now.ToUniversalTime()), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ReadingCampaignResult.Done(campaign, mails.Count);
    }

    private IQueryable<ReadingRequest> Unread(ReadingCampaign campaign)
    {
        var (id, windowStart, deadline) = (campaign.Id, campaign.WindowStart, campaign.Deadline);
        return db.ReadingRequests.AsNoTracking().Where(r => r.CampaignId == id
            && !db.Readings.Any(x => x.MeterId == r.MeterId && x.Date >= windowStart && x.Date <= deadline && x.Kind != ReadingKind.Estimated));
    }

    /// <summary>The progress of several campaigns (the list), in their order, with three queries for all of them.</summary>
    private async Task<IReadOnlyList<CampaignProgress>> ProgressAsync(List<ReadingCampaign> campaigns, CancellationToken ct)
    {
        var ids = campaigns.Select(c => c.Id).ToList();
        var shares = (await (from request in db.ReadingRequests.AsNoTracking()
                             where ids.Contains(request.CampaignId)
                             join campaign in db.ReadingCampaigns on request.CampaignId equals campaign.Id
                             join contract in db.Contracts on request.ContractId equals contract.Id
                             join premise in db.Premises on contract.PremiseId equals premise.Id
                             select new
                             {
                                 request.CampaignId,
                                 contract.Commodity,
                                 premise.Address.PostalCode,
                                 Read = db.Readings.Any(x => x.MeterId == request.MeterId && x.Date >= campaign.WindowStart && x.Date <= campaign.Deadline && x.Kind != ReadingKind.Estimated),
                             })
                .GroupBy(x => new { x.CampaignId, x.Commodity, x.PostalCode })
                .Select(g => new { g.Key.CampaignId, g.Key.Commodity, g.Key.PostalCode, Meters = g.Count(), Read = g.Count(x => x.Read) })
                .ToListAsync(ct))
            .ToLookup(s => s.CampaignId);
        var channels = (await db.ReadingRequests.AsNoTracking().Where(r => ids.Contains(r.CampaignId))
                .GroupBy(r => new { r.CampaignId, r.Channel }).Select(g => new { g.Key.CampaignId, g.Key.Channel, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(c => (c.CampaignId, c.Channel), c => c.Count);
        var purposes = campaigns.Select(Purpose).ToList();
        var waiting = (await db.OutgoingEmails.AsNoTracking().Where(e => purposes.Contains(e.Purpose) && e.SentAt == null)
                .GroupBy(e => e.Purpose).Select(g => new { Purpose = g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(w => w.Purpose, w => w.Count, StringComparer.Ordinal);
        return [.. campaigns.Select(campaign => new CampaignProgress(
            campaign,
            [.. shares[campaign.Id].OrderBy(s => s.Commodity).ThenBy(s => s.PostalCode, StringComparer.Ordinal).Select(s => new CampaignShare(s.Commodity, s.PostalCode, s.Meters, s.Read))],
            channels.GetValueOrDefault((campaign.Id, ReadingRequestChannel.Email)),
            channels.GetValueOrDefault((campaign.Id, ReadingRequestChannel.Card)),
            waiting.GetValueOrDefault(Purpose(campaign))))];
    }

    private static string Purpose(ReadingCampaign campaign) => string.Create(CultureInfo.InvariantCulture, $"reading-campaign:{campaign.Number}");

    private static OutgoingEmail Request(ReadingCampaign campaign, string to, string name, IEnumerable<(string Contract, string Meter, Commodity Commodity)> meters, bool reminder, DateTimeOffset now)
    {
        var german = CultureInfo.GetCultureInfo("de-DE");
        var body = new StringBuilder();
        body.AppendLine(CultureInfo.InvariantCulture, $"Guten Tag {name},");
        body.AppendLine();
        body.AppendLine(reminder
            ? string.Create(german, $"wir haben noch keinen Zählerstand von Ihnen erhalten. Bitte lesen Sie Ihren Zähler bis zum {campaign.Deadline:dd.MM.yyyy} ab:")
            : string.Create(german, $"für Ihre Jahresabrechnung zum {campaign.ReadingDay:dd.MM.yyyy} bitten wir Sie, zwischen dem {campaign.WindowStart:dd.MM.yyyy} und dem {campaign.Deadline:dd.MM.yyyy} Ihren Zählerstand abzulesen:"));
        body.AppendLine();
        foreach (var (contract, meter, commodity) in meters)
        {
            body.AppendLine(CultureInfo.InvariantCulture, $"  {CommodityName(commodity)}, Vertrag {contract}, Zähler {meter}");
        }

        body.AppendLine();
        body.AppendLine("Den Stand können Sie im Kundenportal eingeben oder uns telefonisch durchgeben. Ohne Ablesung schätzen wir den Verbrauch.");
        body.AppendLine();
        body.AppendLine("Mit freundlichen Grüßen");
        body.AppendLine("Ihr Stadtwerk");
        var subject = reminder
            ? string.Create(german, $"Erinnerung: Zählerstand bis {campaign.Deadline:dd.MM.yyyy}")
            : string.Create(german, $"Bitte Zählerstand ablesen bis {campaign.Deadline:dd.MM.yyyy}");
        return OutgoingEmail.Create(to, subject, body.ToString(), Purpose(campaign), now);
    }

    private static string CommodityName(Commodity commodity) => commodity switch
    {
        Commodity.Electricity => "Strom",
        Commodity.Gas => "Gas",
        Commodity.Water => "Wasser",
        _ => "Wärme",
    };
}
