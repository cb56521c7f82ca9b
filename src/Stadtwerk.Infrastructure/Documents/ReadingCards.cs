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

    public sealed record Refused(string Field, Core.Text Text) : ReadingCardsResult
    {
        /// <summary>The reason in English, as the API gives it.</summary>
        public string Message => Text.ToString();
    }
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
        var campaign = await db.ReadingCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Number == campaignNumber, ct);
        if (campaign is null)
        {
            return new ReadingCardsResult.NotFound($"Reading campaign {campaignNumber}");
        }

        if (campaign.CardsPrintBatch is { } printed)
        {
            return AlreadyPrinted(campaignNumber, printed);
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

        // The cards are made before any write, so a long print run holds no lock; the batch then claims the campaign.
        var instruction = $"Bitte lesen Sie Ihren Zähler möglichst am {campaign.ReadingDay.ToString("dd.MM.yyyy", German)} ab (ab dem {campaign.WindowStart.ToString("dd.MM.yyyy", German)} möglich) und senden Sie uns die Karte bis zum {campaign.Deadline.ToString("dd.MM.yyyy", German)} zurück. Ohne Ihren Zählerstand müssen wir ihn für die Jahresabrechnung schätzen.";
        var rendered = await forms.RenderManyAsync([.. cards.Select(c => c.ContractNumber)], FormKind.ReadingCard, instruction, ct);
        var ordered = PrintItem.InPostalOrder(cards.Select(card => new PrintItem(
            rendered[card.ContractNumber].Pdf, card.ContractNumber, card.CustomerNumber, PrintItem.NameOf(card.CompanyName, card.FirstName, card.LastName), card.PostalCode, card.City)));
        var (pdf, pages, manifest) = PrintManifest.Compose(ordered, "contract_number");
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var batch = await PrintBatchStore.StoreAsync(
                db, ordered.Count, pages, pdf, manifest, createdBy, clock.GetUtcNow(),
                async stored => await db.ReadingCampaigns.Where(c => c.Id == campaign.Id && c.CardsPrintBatch == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(c => c.CardsPrintBatch, stored.Number), ct) == 1,
                ct);
            if (batch is not null)
            {
                return new ReadingCardsResult.Printed(batch);
            }

            if (await db.ReadingCampaigns.AsNoTracking().Where(c => c.Id == campaign.Id).Select(c => c.CardsPrintBatch).SingleAsync(ct) is { } taken)
            {
                return AlreadyPrinted(campaignNumber, taken);
            }
        }

        throw new InvalidOperationException("Print batches were made at the same moment three times; try again.");
    }

    private static ReadingCardsResult.Refused AlreadyPrinted(int campaign, int batch) =>
        new("cards", $"the reading cards of campaign {campaign} are in print batch {batch} already");
}
