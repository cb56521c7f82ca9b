using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Customers;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>One entry of a SEPA file as the clerk sees it: whose it is, what for, how much, and where it stands.</summary>
public sealed record PaymentFileEntry(
    string ContractNumber,
    string Customer,
    string Kind,
    DateOnly Date,
    decimal Amount,
    string Iban,
    string Reference,
    string? Mandate,
    string Status,
    string? Reason);

/// <summary>A page of a file's entries: <see cref="Entries"/> of <see cref="Total"/> (or of those with the status asked), page <see cref="Page"/> of <see cref="Pages"/>.</summary>
public sealed record PaymentFilePage<TFile>(TFile File, IReadOnlyList<PaymentFileEntry> Entries, int Total, int Page, int Pages, IReadOnlyDictionary<string, int> ByStatus);

/// <summary>
/// The clerk's view of one SEPA file: a direct-debit file (pain.008) or a credit-transfer file (pain.001) with its
/// entries page by page (a month's file holds hundreds of thousands), each with its contract and customer, and how
/// many stand in each status (rejected by the bank, returned, booked). Status and kind are the entities' enum names;
/// the page puts them in words.
/// </summary>
public sealed class PaymentFileOverviews(StadtwerkDbContext db)
{
    public const int PageSize = 100;

    public async Task<PaymentFilePage<DirectDebitFile>?> DirectDebitFileAsync(string messageId, int page, DirectDebitStatus? status, string? contractNumber, CancellationToken ct)
    {
        var file = await db.DirectDebitFiles.AsNoTracking().FirstOrDefaultAsync(f => f.MessageId == messageId, ct);
        if (file is null)
        {
            return null;
        }

        var all = db.DirectDebits.AsNoTracking().Where(d => d.FileId == file.Id);
        var byStatus = (await all.GroupBy(d => d.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key.ToString(), g => g.Count, StringComparer.Ordinal);
        var chosen = status is { } s ? all.Where(d => d.Status == s) : all;
        if (!string.IsNullOrWhiteSpace(contractNumber))
        {
            var number = contractNumber.Trim();
            chosen = chosen.Where(d => db.Contracts.Any(c => c.Id == d.ContractId && c.ContractNumber == number));
        }

        var total = await chosen.CountAsync(ct);
        var (pageNumber, pages) = Paging(page, total);
        var rows = await chosen
            .Join(db.Contracts, d => d.ContractId, c => c.Id, (d, c) => new { Debit = d, c.ContractNumber, c.CustomerId })
            .OrderBy(r => r.ContractNumber).ThenBy(r => r.Debit.Key)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.CustomerId), ct);
        var entries = rows.Select(r => new PaymentFileEntry(
            r.ContractNumber, names.GetValueOrDefault(r.CustomerId, "–"), r.Debit.Kind.ToString(), r.Debit.DueOn, r.Debit.Amount,
            r.Debit.Iban, r.Debit.Reference, r.Debit.MandateReference, r.Debit.Status.ToString(), r.Debit.RejectionReason)).ToList();
        return new PaymentFilePage<DirectDebitFile>(file, entries, total, pageNumber, pages, byStatus);
    }

    public async Task<PaymentFilePage<CreditTransferFile>?> CreditTransferFileAsync(string messageId, int page, CreditTransferStatus? status, string? contractNumber, CancellationToken ct)
    {
        var file = await db.CreditTransferFiles.AsNoTracking().FirstOrDefaultAsync(f => f.MessageId == messageId, ct);
        if (file is null)
        {
            return null;
        }

        var all = db.CreditTransfers.AsNoTracking().Where(t => t.FileId == file.Id);
        var byStatus = (await all.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key.ToString(), g => g.Count, StringComparer.Ordinal);
        var chosen = status is { } s ? all.Where(t => t.Status == s) : all;
        if (!string.IsNullOrWhiteSpace(contractNumber))
        {
            var number = contractNumber.Trim();
            chosen = chosen.Where(t => db.Contracts.Any(c => c.Id == t.ContractId && c.ContractNumber == number));
        }

        var total = await chosen.CountAsync(ct);
        var (pageNumber, pages) = Paging(page, total);
        var rows = await chosen
            .Join(db.Contracts, t => t.ContractId, c => c.Id, (t, c) => new { Transfer = t, c.ContractNumber, c.CustomerId })
            .OrderBy(r => r.ContractNumber).ThenBy(r => r.Transfer.Key)
            .Skip((pageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(ct);
        var names = await NamesAsync(rows.Select(r => r.CustomerId), ct);
        var entries = rows.Select(r => new PaymentFileEntry(
            r.ContractNumber, names.GetValueOrDefault(r.CustomerId, "–"), "Payout", r.Transfer.ExecuteOn, r.Transfer.Amount,
            r.Transfer.Iban ?? string.Empty, r.Transfer.Reference, null, r.Transfer.Status.ToString(), r.Transfer.Note)).ToList();
        return new PaymentFilePage<CreditTransferFile>(file, entries, total, pageNumber, pages, byStatus);
    }

    private static (int Page, int Pages) Paging(int page, int total)
    {
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        return (Math.Clamp(page, 1, pages), pages);
    }

    /// <summary>The customers' names as every page shows them (<see cref="Customer.DisplayName"/>: "Müller, Anna").</summary>
    private async Task<Dictionary<Guid, string>> NamesAsync(IEnumerable<Guid> customerIds, CancellationToken ct)
    {
        var ids = customerIds.Distinct().ToList();
        return await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
    }
}
