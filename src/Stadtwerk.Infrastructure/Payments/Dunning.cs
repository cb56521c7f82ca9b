using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Cases;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// One line of the clerks' dunning list: what the procedure proposes for a contract, or why it is blocked
/// (<paramref name="BlockedBy"/>, an engine message like the proposal's reason).
/// </summary>
public sealed record DunningCandidate(
    Guid ContractId, string ContractNumber, string ContractAccountNumber, string CustomerNumber, string CustomerName, Commodity Commodity,
    IReadOnlyList<OverdueItem> Items, DunningLevel? LastLevel, DateOnly? LastLevelOn, DunningProposal Proposal, Text? BlockedBy);

/// <summary>What a dunning run sent.</summary>
public sealed record DunningRunResult(int Proposed, int Sent, int Blocked, decimal Fees, IReadOnlyList<DunningNotice> Notices);

/// <summary>
/// The dunning procedure (Mahnwesen): for the contracts whose items are overdue and not collected by direct debit (the
/// customer pays by transfer, or a debit came back), the next step by <see cref="DunningPolicy"/> (reminder, notice
/// with fee, disconnection threat, announcement), shown to the clerks as proposals first. The run sends the proposals:
/// one letter each (stored with the notice; by e-mail with the PDF attached to customers who chose e-mail, by post to
/// the others and always for a threat or announcement, with an e-mail copy), the fee booked on the account, all of a
/// contract in one transaction. Blocks stop it: a clerk's dunning block (reason and end date) and an open case on the contract.
/// Idempotent: a step is sent once per contract and day, and a step just sent waits its period before the next.
/// </summary>
public sealed class Dunning(StadtwerkDbContext db, TimeProvider clock, ContractAccounts accounts, UtilityProfile utility, DunningSettings settings, DocumentSettings documents)
{
    public const int PageSize = 2_000;

    /// <summary>The proposals of today, blocked ones included (with the block), oldest arrears first.</summary>
    public async Task<IReadOnlyList<DunningCandidate>> ProposeAsync(CancellationToken ct)
    {
        var today = UtilityCalendar.Today(clock.GetUtcNow());
        var returnedSince = today.AddDays(-180);

        // Transfer payers, and direct-debit payers whose debit came back or was refused lately.
        var candidates = await db.Contracts.AsNoTracking()
            .Where(c => c.BankAccount == null
                || db.DirectDebits.Any(d => d.ContractId == c.Id && d.DueOn >= returnedSince && (d.Status == DirectDebitStatus.Returned || d.Status == DirectDebitStatus.Rejected)))
            .Where(c => db.InstallmentRequests.Any(r => r.ContractId == c.Id && r.DueOn < today)
                || db.IssuedBills.Any(b => b.ContractId == c.Id && b.Balance > 0 && b.DueOn < today)
                || db.LedgerEntries.Any(e => e.ContractId == c.Id && e.Kind == LedgerEntryKind.DunningFee))
            .OrderBy(c => c.ContractNumber)
            .ToListAsync(ct);

        var result = new List<DunningCandidate>();
        foreach (var page in candidates.Chunk(PageSize))
        {
            result.AddRange(await ProposePageAsync(page, today, ct));
        }

        return [.. result.OrderBy(r => r.Items.Min(i => i.DueOn)).ThenBy(r => r.ContractNumber, StringComparer.Ordinal)];
    }

    /// <summary>Sends today's proposals that are not blocked (or only those of <paramref name="contractNumbers"/>).</summary>
    public async Task<DunningRunResult> RunAsync(string sentBy, IReadOnlyCollection<string>? contractNumbers, CancellationToken ct)
    {
        var proposals = await ProposeAsync(ct);
        var chosen = proposals.Where(p => contractNumbers is null || contractNumbers.Contains(p.ContractNumber)).ToList();
        var now = clock.GetUtcNow();
        var today = UtilityCalendar.Today(now);
        var notices = new List<DunningNotice>();
        var sending = chosen.Where(p => p.BlockedBy is null).ToList();

        // What the letters need, in three queries for all of them.
        var contractIds = sending.Select(p => p.ContractId).ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var customerIds = contracts.Values.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var premiseIds = contracts.Values.Select(c => c.PremiseId).Distinct().ToList();
        var premises = await db.Premises.AsNoTracking().Where(p => premiseIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var proposal in sending)
        {
            var contract = contracts[proposal.ContractId];
            var customer = customers[contract.CustomerId];
            var premise = premises[contract.PremiseId];
            var p = proposal.Proposal;
            // The PDF goes attached or not at all: a utility that sends no attachments posts its dunning letters.
            var email = documents.EmailAttachment ? LetterMail.AddressOf(customer) : null;
            var notice = DunningNotice.Create(
                contract, p.Level, today, p.Arrears, p.Disputed, p.Fee, p.PayBy, p.DisconnectionFrom, proposal.Items, sentBy, now, DunningNotice.ChannelFor(p.Level, email is not null));
            var address = customer.Address;
            var supply = premise.Address;
            var data = new DunningLetterData(
                p.Level,
                [BillLetterPdf.CustomerName(customer), $"{address.Street} {address.HouseNumber}", $"{address.PostalCode} {address.City}"],
                customer.CustomerNumber,
                contract.ContractNumber,
                contract.ContractAccountNumber,
                contract.Commodity,
                $"{supply.Street} {supply.HouseNumber}, {supply.PostalCode} {supply.City}",
                today,
                proposal.Items,
                p.Fee,
                proposal.Items.Sum(i => i.Open) + p.Fee,
                p.PayBy,
                p.DisconnectionFrom,
                p.Disputed,
                notice.Reference);
            notice.Attach(DunningLetterPdf.Render(utility, data));
            db.DunningNotices.Add(notice);
            if (email is not null)
            {
                db.OutgoingEmails.Add(Mail(email, customer, data, notice, now));
            }
            if (p.Fee > 0)
            {
                db.LedgerEntries.Add(LedgerEntry.ForDunningFee(contract, today, p.Fee, notice.Reference, now));
            }

            try
            {
                await db.SaveChangesAsync(ct);
                notices.Add(notice);
            }
            catch (DbUpdateException)
            {
                // Sent by another run at the same moment (one notice per contract, level and day).
                db.ChangeTracker.Clear();
            }
        }

        db.ChangeTracker.Clear();
        return new DunningRunResult(chosen.Count, notices.Count, chosen.Count(c => c.BlockedBy is not null), notices.Sum(n => n.Fee), notices);
    }

    /// <summary>The e-mail of a dunning letter: what it is, what is open and by when, the letter attached.</summary>
    private OutgoingEmail Mail(string to, Core.Customers.Customer customer, DunningLetterData data, DunningNotice notice, DateTimeOffset now)
    {
        var german = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        var title = DunningLetterPdf.Title(data);
        var copy = notice.Channel == DispatchChannel.Print ? " Das Schreiben erhalten Sie zusätzlich mit der Post." : string.Empty;
        var disconnection = data.DisconnectionFrom is { } from
            ? string.Create(german, $"\n\nWichtig: Ohne Ausgleich oder eine Abwendungsvereinbarung kann die Versorgung ab dem {from:dd.MM.yyyy} unterbrochen werden. Die Einzelheiten und wie Sie Gründe gegen die Unterbrechung vortragen können, stehen im Schreiben.")
            : string.Empty;
        var body = string.Create(german, $"Guten Tag {BillLetterPdf.CustomerName(customer)},\n\nfür Ihr Vertragskonto {data.ContractAccountNumber} (Vertrag {data.ContractNumber}) sind {data.Total:N2} € offen. Bitte zahlen Sie bis zum {data.PayBy:dd.MM.yyyy}. Die offenen Posten stehen im angehängten Schreiben „{title}“ vom {data.Date:dd.MM.yyyy}.{copy}{disconnection}\n\nHaben Sie schon gezahlt, betrachten Sie diese Nachricht bitte als gegenstandslos. Können Sie nicht auf einmal zahlen, rufen Sie uns an: {utility.Hotline}, {utility.Email}.\n\nMit freundlichen Grüßen\n{utility.Name}\n");
        return OutgoingEmail.Create(to, $"{title} zu Ihrem Vertragskonto {data.ContractAccountNumber}", body, $"dunning:{notice.Reference}", now, dunningNoticeId: notice.Id);
    }

    public async Task<DomainResult<DunningBlock>> BlockAsync(string contractNumber, string? reason, DateOnly until, string setBy, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract is null)
        {
            return DomainResult<DunningBlock>.Invalid("contractNumber", $"contract {contractNumber} does not exist");
        }

        var now = clock.GetUtcNow();
        var block = DunningBlock.Set(contract, reason, until, UtilityCalendar.Today(now), setBy, now);
        if (block.Value is { } set)
        {
            db.DunningBlocks.Add(set);
            await db.SaveChangesAsync(ct);
        }

        return block;
    }

    public async Task<bool> LiftAsync(Guid blockId, string by, CancellationToken ct)
    {
        var block = await db.DunningBlocks.FirstOrDefaultAsync(b => b.Id == blockId && b.LiftedAt == null, ct);
        if (block is null)
        {
            return false;
        }

        block.Lift(by, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return true;
    }

    private async Task<List<DunningCandidate>> ProposePageAsync(Contract[] page, DateOnly today, CancellationToken ct)
    {
        var ids = page.Select(c => c.Id).ToList();
        var customerIds = page.Select(c => c.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var open = await accounts.OpenItemsAsync(ids, ct);
        var notices = (await db.DunningNotices.AsNoTracking().Where(n => ids.Contains(n.ContractId))
                .Select(n => new { n.ContractId, n.Level, n.IssuedOn }).ToListAsync(ct))
            .ToLookup(n => n.ContractId);
        var blocks = (await db.DunningBlocks.AsNoTracking().Where(b => ids.Contains(b.ContractId) && b.LiftedAt == null && b.Until >= today).ToListAsync(ct))
            .ToLookup(b => b.ContractId);
        var cases = (await db.Cases.AsNoTracking().Where(c => c.ContractId != null && ids.Contains(c.ContractId.Value) && c.Status == CaseStatus.Open)
                .Select(c => new { ContractId = c.ContractId!.Value, c.Number, c.Subject }).ToListAsync(ct))
            .ToLookup(c => c.ContractId);
        var lastGross = (await db.IssuedBills.AsNoTracking().Where(b => ids.Contains(b.ContractId) && b.Kind != BillKind.Cancellation)
                .Select(b => new { b.ContractId, b.PeriodEnd, b.Gross }).ToListAsync(ct))
            .GroupBy(b => b.ContractId).ToDictionary(g => g.Key, g => g.MaxBy(b => b.PeriodEnd)!.Gross);

        var result = new List<DunningCandidate>();
        foreach (var contract in page)
        {
            var overdue = open[contract.Id].Items
                .Where(i => i.Status == OpenItemStatus.Overdue)
                .Select(i => new OverdueItem(i.Reference, i.DueOn, i.Open))
                .ToList();
            if (overdue.Count == 0)
            {
                continue;
            }

            // The current procedure began with the oldest item still open: steps sent before it belong to one settled since.
            var since = overdue.Min(i => i.DueOn);
            var last = notices[contract.Id].Where(n => n.IssuedOn >= since).MaxBy(n => (n.IssuedOn, n.Level));
            var proposal = DunningPolicy.Next(
                contract.Commodity, last?.Level, last?.IssuedOn, overdue, contract.InstallmentPlan?.Amount ?? 0m, lastGross.GetValueOrDefault(contract.Id), today, settings);
            if (proposal is null)
            {
                continue;
            }

            var block = blocks[contract.Id].FirstOrDefault();
            var openCase = cases[contract.Id].FirstOrDefault();
            Text? blockedBy = null;
            if (block is not null)
            {
                blockedBy = $"dunning block until {block.Until}: {block.Reason} ({block.SetBy})";
            }
            else if (openCase is not null)
            {
                blockedBy = $"open case {ServiceCase.FormatNumber(openCase.Number)}: {openCase.Subject}";
            }
            var customer = customers[contract.CustomerId];
            result.Add(new DunningCandidate(
                contract.Id, contract.ContractNumber, contract.ContractAccountNumber, customer.CustomerNumber, BillLetterPdf.CustomerName(customer), contract.Commodity,
                overdue, last?.Level, last?.IssuedOn, proposal, blockedBy));
        }

        return result;
    }
}
