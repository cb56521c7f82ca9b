using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Metering;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

public abstract record ReadingCardsResult
{
    private ReadingCardsResult()
    {
    }

    public sealed record Printed(PrintBatch Batch) : ReadingCardsResult;

    public sealed record NotFound(string What) : ReadingCardsResult;

    public sealed record Refused(string Field, string Message) : ReadingCardsResult;
}

/// <summary>
/// The reading cards (Ablesekarten) of a campaign for the customers it asks by post: one prefilled card per contract
/// (its meters, the reading day and the deadline, the form code for the returned card), merged in postal order into a
/// print batch with a manifest, like the bill letters; a campaign's cards are printed once.
/// </summary>
public sealed class ReadingCards(StadtwerkDbContext db, CustomerForms forms, TimeProvider clock)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public async Task<ReadingCardsResult> PrintAsync(int campaignNumber, string createdBy, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var campaign = await db.ReadingCampaigns.SingleOrDefaultAsync(c => c.Number == campaignNumber, ct);
        if (campaign is null)
        {
            return new ReadingCardsResult.NotFound($"Reading campaign {campaignNumber}");
        }

        if (campaign.CardsPrintBatch is { } printed)
        {
            return new ReadingCardsResult.Refused("cards", $"the reading cards of campaign {campaignNumber} are in print batch {printed} already");
        }

        var cards = await (from request in db.ReadingRequests
                           where request.CampaignId == campaign.Id && request.Channel == ReadingRequestChannel.Card
                           join contract in db.Contracts on request.ContractId equals contract.Id
                           join customer in db.Customers on contract.CustomerId equals customer.Id
                           select new { contract.ContractNumber, customer.CustomerNumber, customer.LastName, customer.FirstName, customer.CompanyName, customer.Address.PostalCode, customer.Address.City })
            .Distinct().ToListAsync(ct);
        if (cards.Count == 0)
        {
            return new ReadingCardsResult.Refused("cards", $"campaign {campaignNumber} asks every customer by e-mail: there are no cards to print");
        }

        var ordered = cards.OrderBy(c => c.PostalCode, StringComparer.Ordinal).ThenBy(c => c.CompanyName ?? c.LastName, StringComparer.Ordinal).ThenBy(c => c.ContractNumber, StringComparer.Ordinal).ToList();
        var instruction = $"Bitte lesen Sie Ihren Zähler möglichst am {campaign.ReadingDay.ToString("dd.MM.yyyy", German)} ab (ab dem {campaign.WindowStart.ToString("dd.MM.yyyy", German)} möglich) und senden Sie uns die Karte bis zum {campaign.Deadline.ToString("dd.MM.yyyy", German)} zurück. Ohne Ihren Zählerstand müssen wir ihn für die Jahresabrechnung schätzen.";
        var pdfs = new List<byte[]>(ordered.Count);
        foreach (var card in ordered)
        {
            var rendered = await forms.RenderAsync(card.ContractNumber, FormKind.ReadingCard, instruction, ct)
                ?? throw new InvalidOperationException($"contract {card.ContractNumber} vanished while its card was printed");
            pdfs.Add(rendered.Pdf);
        }

        var (pdf, pages, manifest) = PrintManifest.Compose(
            [.. ordered.Select((c, i) => new PrintItem(pdfs[i], c.ContractNumber, c.CustomerNumber, c.CompanyName ?? $"{c.FirstName} {c.LastName}".Trim(), c.PostalCode, c.City))],
            "contract_number");
        var number = (await db.PrintBatches.MaxAsync(b => (int?)b.Number, ct) ?? 0) + 1;
        var batch = PrintBatch.Create(Guid.CreateVersion7(), number, ordered.Count, pages, pdf, manifest, createdBy, clock.GetUtcNow());
        db.PrintBatches.Add(batch);
        campaign.CardsPrinted(number);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new ReadingCardsResult.Printed(batch);
    }
}
