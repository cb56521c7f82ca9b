using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

public abstract record CreditTransferFileResult
{
    private CreditTransferFileResult()
    {
    }

    public sealed record Created(CreditTransferFile File) : CreditTransferFileResult;

    public sealed record NothingDue(Text Text) : CreditTransferFileResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : CreditTransferFileResult;

    public sealed record Conflict(Text Text) : CreditTransferFileResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>A payout as the clerks' list shows it.</summary>
public sealed record PayoutRow(CreditTransfer Payout, string ContractNumber, string? BillNumber);

/// <summary>
/// Refunds (Erstattungen): the payouts of credits, their approval by a second person above the limit, and the SEPA
/// credit-transfer file (pain.001.001.09) of an execution date with every payout due by then. A payout that waited
/// for an IBAN goes out once the contract has a bank account. The refund is booked on the contract account when the
/// bank statement shows the transfer (<see cref="PaymentImporter"/>).
/// </summary>
public sealed class Payouts(StadtwerkDbContext db, TimeProvider clock, SepaSettings sepa, BillingSettings settings)
{
    public async Task<IReadOnlyList<PayoutRow>> ListAsync(CreditTransferStatus? status, int take, CancellationToken ct, string? contractNumber = null)
    {
        var query = db.CreditTransfers.AsNoTracking();
        if (status is { } wanted)
        {
            query = query.Where(t => t.Status == wanted);
        }

        return await (from t in query
                      join c in db.Contracts on t.ContractId equals c.Id
                      where contractNumber == null || c.ContractNumber == contractNumber
                      join b in db.IssuedBills on t.BillId equals b.Id into bills
                      from b in bills.DefaultIfEmpty()
                      orderby t.ExecuteOn, t.Id
                      select new PayoutRow(t, c.ContractNumber, b == null ? null : b.Number))
            .Take(Math.Clamp(take, 1, 1000)).ToListAsync(ct);
    }

    public async Task<DomainResult<CreditTransfer>> ApproveAsync(Guid id, string approver, CancellationToken ct)
    {
        var payout = await db.CreditTransfers.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (payout is null)
        {
            return DomainResult<CreditTransfer>.Invalid("id", "no such payout");
        }

        var approved = payout.Approve(approver, clock.GetUtcNow());
        if (!approved.Succeeded)
        {
            return approved;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return approved;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainResult<CreditTransfer>.Invalid("version", "the payout was changed by someone else at the same moment");
        }
    }

    public async Task<CreditTransferFileResult> CreateFileAsync(DateOnly executionDate, string createdBy, CancellationToken ct)
    {
        var creditor = sepa.Creditor();
        if (!creditor.Succeeded)
        {
            return new CreditTransferFileResult.Invalid(creditor.Errors);
        }

        var now = clock.GetUtcNow();
        var today = UtilityCalendar.Today(now);
        if (executionDate < today)
        {
            return new CreditTransferFileResult.Invalid([new FieldError("executionDate", $"{executionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} lies in the past")]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Payouts that waited for an account: the contract has one now.
        var waiting = await db.CreditTransfers.Where(t => t.Status == CreditTransferStatus.WaitingForIban && t.ExecuteOn <= executionDate).ToListAsync(ct);
        if (waiting.Count > 0)
        {
            var ids = waiting.Select(w => w.ContractId).Distinct().ToList();
            var contracts = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.Id) && c.BankAccount != null).ToDictionaryAsync(c => c.Id, ct);
            foreach (var payout in waiting.Where(w => contracts.ContainsKey(w.ContractId)))
            {
                payout.UseAccount(contracts[payout.ContractId], settings.RefundApprovalLimit);
            }

            await db.SaveChangesAsync(ct);
        }

        var open = await db.CreditTransfers.Where(t => t.Status == CreditTransferStatus.Open && t.ExecuteOn <= executionDate).OrderBy(t => t.Id).ToListAsync(ct);
        if (open.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return new CreditTransferFileResult.NothingDue($"no approved payout is due by {executionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }

        var transfers = open.Select(t => new SepaTransfer(t.Id.ToString("N", CultureInfo.InvariantCulture), t.Amount, t.Holder!, t.Iban!, t.Reference)).ToList();
        var sameDay = await db.CreditTransferFiles.CountAsync(f => f.ExecutionDate == executionDate, ct);
        var messageId = string.Create(CultureInfo.InvariantCulture, $"STW-SCT-{executionDate:yyyyMMdd}-{sameDay + 1}");
        var xml = Pain001.Write(messageId, now, creditor.Value!, executionDate, transfers);
        if (Pain001.Validate(xml) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"The credit-transfer file {messageId} is not valid: {string.Join("; ", problems)}");
        }

        var file = CreditTransferFile.Create(Guid.CreateVersion7(), messageId, executionDate, transfers.Count, transfers.Sum(t => t.Amount), xml, createdBy, now);
        db.CreditTransferFiles.Add(file);
        foreach (var payout in open)
        {
            payout.Submit(file.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return new CreditTransferFileResult.Conflict($"the payouts due by {executionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} were put into a file by someone else at the same moment");
        }

        return new CreditTransferFileResult.Created(file);
    }
}
