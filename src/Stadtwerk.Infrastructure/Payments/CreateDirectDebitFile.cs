using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stadtwerk.Core;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>The utility's SEPA creditor data, configuration section <c>Sepa</c>: CreditorName, CreditorId, Iban, Bic.</summary>
public sealed record SepaSettings(string? CreditorName = null, string? CreditorId = null, string? Iban = null, string? Bic = null)
{
    public static SepaSettings From(IConfiguration configuration) => configuration.GetSection("Sepa").Get<SepaSettings>() ?? new SepaSettings();

    /// <summary>The creditor, or what is missing or wrong in the configuration.</summary>
    public DomainResult<SepaCreditor> Creditor()
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(CreditorName))
        {
            errors.Add(new FieldError("Sepa:CreditorName", "the utility's name as creditor is not configured"));
        }

        var id = CreditorIdentifier.Parse(CreditorId);
        if (id.Reason is { } idError)
        {
            errors.Add(new FieldError("Sepa:CreditorId", idError));
        }

        var iban = Core.Accounts.Iban.Parse(Iban);
        if (iban.Reason is { } ibanError)
        {
            errors.Add(new FieldError("Sepa:Iban", ibanError));
        }

        Bic? bic = null;
        if (!string.IsNullOrWhiteSpace(Bic))
        {
            var parsed = Core.Accounts.Bic.Parse(Bic);
            if (parsed.Reason is { } bicError)
            {
                errors.Add(new FieldError("Sepa:Bic", bicError));
            }

            bic = parsed.Value;
        }

        return errors.Count > 0
            ? DomainResult<SepaCreditor>.Invalid([.. errors])
            : DomainResult<SepaCreditor>.Ok(new SepaCreditor(CreditorName!.Trim(), iban.Value!, bic, id.Value!));
    }
}

public abstract record DirectDebitFileResult
{
    private DirectDebitFileResult()
    {
    }

    /// <summary>The file, and the collection run of its date that made the entries due then first.</summary>
    public sealed record Created(DirectDebitFile File, CollectionRun Collection) : DirectDebitFileResult;

    /// <summary>No open direct debit is due on the date.</summary>
    public sealed record NothingDue(Text Text, CollectionRun Collection) : DirectDebitFileResult
    {
        /// <summary>The English message, as the API answers.</summary>
        public string Message => Text.ToString();
    }

    public sealed record Invalid(IReadOnlyList<FieldError> Errors) : DirectDebitFileResult;

    public sealed record Conflict(Text Text) : DirectDebitFileResult

    {

        /// <summary>The English message, as the API answers.</summary>

        public string Message => Text.ToString();

    }
}

/// <summary>
/// Makes the SEPA direct-debit file (pain.008.001.08) of a collection date: first the collection run of that date
/// (<see cref="StartCollectionRun"/>, idempotent), so the file holds everything due then, then every open collection entry
/// due on it: FRST for a mandate that collected on no earlier date, RCUR otherwise (by collection date, not by the
/// order in which files were made); the file is checked against the ISO schema and
/// its sums before it is stored, and the entries are marked as submitted in the same transaction. Two clerks making
/// the file of the same date at once: one gets it, the other a conflict; no debit goes to the bank twice.
/// </summary>
public sealed class CreateDirectDebitFile(StadtwerkDbContext db, TimeProvider clock, SepaSettings settings, StartCollectionRun? collectionRun = null)
{
    public async Task<DirectDebitFileResult> RunAsync(DateOnly collectionDate, string createdBy, CancellationToken ct)
    {
        var creditor = settings.Creditor();
        if (!creditor.Succeeded)
        {
            return new DirectDebitFileResult.Invalid(creditor.Errors);
        }

        var now = clock.GetUtcNow();
        var today = UtilityCalendar.Today(now);
        if (collectionDate <= today)
        {
            return new DirectDebitFileResult.Invalid([new FieldError("collectionDate", $"{collectionDate} is not after today; the bank needs the file at least one bank day before the collection date")]);
        }

        var collection = await (collectionRun ?? new StartCollectionRun(db, clock)).RunAsync(collectionDate, createdBy, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var open = await (from debit in db.DirectDebits
                          where debit.Status == DirectDebitStatus.Open && debit.DueOn == collectionDate
                          join contract in db.Contracts on debit.ContractId equals contract.Id
                          orderby debit.Id
                          select new { Debit = debit, Holder = contract.BankAccount!.Holder, UsedBefore = contract.BankAccount.MandateLastUsedOn })
            .ToListAsync(ct);
        if (open.Count == 0)
        {
            return new DirectDebitFileResult.NothingDue($"no open direct debit is due on {collectionDate}", collection);
        }

        var mandates = open.Select(o => o.Debit.MandateReference).Distinct().ToList();
        var collectedBefore = (await db.DirectDebits.AsNoTracking()
                .Where(d => (d.Status == DirectDebitStatus.Submitted || d.Status == DirectDebitStatus.Returned) && d.DueOn < collectionDate && mandates.Contains(d.MandateReference))
                .Select(d => d.MandateReference).Distinct().ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var debits = open.Select(o => new SepaDebit(
                o.Debit.Id.ToString("N", CultureInfo.InvariantCulture),
                o.Debit.Amount,
                o.Debit.MandateReference,
                o.Debit.MandateSignedOn,
                o.Holder,
                o.Debit.Iban,
                o.Debit.Reference,
                collectedBefore.Contains(o.Debit.MandateReference) || o.UsedBefore < collectionDate ? SequenceType.Recurring : SequenceType.First))
            .ToList();
        var sameDay = await db.DirectDebitFiles.CountAsync(f => f.CollectionDate == collectionDate, ct);
        var messageId = string.Create(CultureInfo.InvariantCulture, $"STW-{collectionDate:yyyyMMdd}-{sameDay + 1}");
        var xml = Pain008.Write(messageId, now, creditor.Value!, collectionDate, debits);
        if (Pain008.Validate(xml) is { Count: > 0 } problems)
        {
            throw new InvalidOperationException($"The direct-debit file {messageId} is not valid: {string.Join("; ", problems)}");
        }

        var file = DirectDebitFile.Create(
            Guid.CreateVersion7(), messageId, collectionDate,
            debits.Count(d => d.Sequence == SequenceType.First), debits.Count(d => d.Sequence == SequenceType.Recurring),
            debits.Sum(d => d.Amount), xml, createdBy, now);
        db.DirectDebitFiles.Add(file);
        foreach (var (o, debit) in open.Zip(debits))
        {
            o.Debit.Submit(file.Id, Pain008.PaymentInformationId(messageId, debits, debit.Sequence));
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
            return new DirectDebitFileResult.Conflict($"the direct debits of {collectionDate} were put into a file by someone else at the same moment");
        }

        return new DirectDebitFileResult.Created(file, collection);
    }
}
