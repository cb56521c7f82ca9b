using System.Globalization;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

/// <summary>
/// An installment asked for on its due date (Abschlagsanforderung): an open item of the contract account, whether the
/// customer pays by direct debit or by transfer. Statistical, as in SAP FI-CA: it is not booked in the balance (the
/// bill books the period's consumption and credits what was paid); payments are allocated to it, and dunning finds it
/// when it stays unpaid. One per contract and due date, made by the collection run of that date.
/// </summary>
public sealed class InstallmentRequest
{
    private InstallmentRequest()
    {
        Reference = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public DateOnly DueOn { get; private set; }

    /// <summary>The plan's installment that day (agreed parts of a bill's balance are items of that bill).</summary>
    public decimal Amount { get; private set; }

    public string Reference { get; private set; }

    /// <summary>The collection run that made it.</summary>
    public Guid RunId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static string ReferenceFor(DateOnly dueOn) => string.Create(CultureInfo.InvariantCulture, $"Abschlag {dueOn:MM/yyyy}");

    public static InstallmentRequest For(Contract contract, DateOnly dueOn, decimal amount, Guid runId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new InstallmentRequest
        {
            Id = Guid.CreateVersion7(),
            ContractId = contract.Id,
            DueOn = dueOn,
            Amount = Guard.Positive(amount, nameof(amount)),
            Reference = ReferenceFor(dueOn),
            RunId = runId,
            CreatedAt = now.ToUniversalTime(),
        };
    }
}

/// <summary>
/// A collection run (Einzugslauf) for one due date: the installment requests of every contract whose schedule asks
/// for money that day, and the SEPA collection entries of those with a valid mandate. Recorded with its counts.
/// </summary>
public sealed class CollectionRun
{
    private CollectionRun()
    {
        StartedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public DateOnly DueOn { get; private set; }

    public string StartedBy { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Contracts whose schedule asks for something on the date.</summary>
    public int Contracts { get; private set; }

    /// <summary>Installment requests made now (not those of an earlier run of the same date).</summary>
    public int Requests { get; private set; }

    /// <summary>SEPA collection entries made now.</summary>
    public int Debits { get; private set; }

    public decimal DebitAmount { get; private set; }

    /// <summary>Contracts whose mandate was unused for 36 months: nothing collected, the customer must pay by transfer or sign anew.</summary>
    public int ExpiredMandates { get; private set; }

    /// <summary>Contracts already done by an earlier run of the date.</summary>
    public int AlreadyDone { get; private set; }

    public static CollectionRun Start(DateOnly dueOn, string startedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        DueOn = dueOn,
        StartedBy = Guard.NotBlank(startedBy, nameof(startedBy)),
        StartedAt = now.ToUniversalTime(),
    };

    public void Count(int contracts, int requests, int debits, decimal debitAmount, int expiredMandates, int alreadyDone)
    {
        Contracts += contracts;
        Requests += requests;
        Debits += debits;
        DebitAmount += debitAmount;
        ExpiredMandates += expiredMandates;
        AlreadyDone += alreadyDone;
    }

    public void Finish(DateTimeOffset now) => FinishedAt = now.ToUniversalTime();
}

/// <summary>When a SEPA mandate lapses (SEPA rulebook: a mandate unused for 36 months expires).</summary>
public static class MandateExpiry
{
    public const int Months = 36;

    /// <summary>Whether a mandate last used (or, never used, signed) on <paramref name="lastUse"/> may still collect on <paramref name="collectionDate"/>.</summary>
    public static bool IsValid(DateOnly lastUse, DateOnly collectionDate) => lastUse.AddMonths(Months) >= collectionDate;
}
