using System.Globalization;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Billing;

public enum BillKind
{
    /// <summary>Jahresabrechnung.</summary>
    AnnualBill,

    /// <summary>Schlussrechnung at the end of a contract.</summary>
    FinalBill,

    /// <summary>Storno: cancels the bill it references with negated amounts.</summary>
    Cancellation,
}

/// <summary>What a document does to the one it references.</summary>
public enum DocumentLink
{
    /// <summary>A cancellation (Storno) cancels the bill it references.</summary>
    Cancels,

    /// <summary>A corrected bill replaces the cancelled bill it references.</summary>
    Replaces,
}

/// <summary>
/// An issued bill: an immutable document with a gap-free number per year (e.g. 2026-0001234), its period,
/// figures and the exact inputs it was computed from (<see cref="InputJson"/>), so that <c>calculate</c>
/// replays it to the cent (<see cref="OutputJson"/>).
/// </summary>
public sealed class IssuedBill
{
    private IssuedBill()
    {
        Number = string.Empty;
        InputJson = string.Empty;
        OutputJson = string.Empty;
    }

    public Guid Id { get; private set; }

    public string Number { get; private set; }

    public BillKind Kind { get; private set; }

    public Guid ContractId { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public long Quantity { get; private set; }

    public decimal Net { get; private set; }

    public decimal Gross { get; private set; }

    public decimal Paid { get; private set; }

    /// <summary>Positive: the customer pays by <see cref="DueOn"/>; negative: a credit refunded or set off.</summary>
    public decimal Balance { get; private set; }

    /// <summary>Payment due date (issue + 14 days) when the customer owes; for a credit the day it is paid out at the latest.</summary>
    public DateOnly DueOn { get; private set; }

    /// <summary>Whether a reading of the bill was estimated (the bill says so).</summary>
    public bool HasEstimates { get; private set; }

    public string InputJson { get; private set; }

    public string OutputJson { get; private set; }

    /// <summary>The client's key for this request; repeating it returns this bill instead of billing twice.</summary>
    public string? IdempotencyKey { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>For a cancellation: the bill it cancels; for a corrected bill: the bill it replaces.</summary>
    public Guid? ReferencesBillId { get; private set; }

    /// <summary>What this document does to the one it references (<see cref="ReferencesBillId"/>), or none.</summary>
    public DocumentLink? Link => ReferencesBillId is null ? null : Kind == BillKind.Cancellation ? DocumentLink.Cancels : DocumentLink.Replaces;

    public const int PaymentTermDays = 14;

    public static string FormatNumber(int year, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{sequence:D7}");

    /// <summary>
    /// The cancellation (Storno) of <paramref name="original"/>: a new document with its own number, the same period
    /// and negated amounts, referencing the original, which itself stays unchanged.
    /// </summary>
    public static IssuedBill Cancel(IssuedBill original, int year, long sequence, DateOnly issuedOn, string? idempotencyKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        if (original.Kind == BillKind.Cancellation)
        {
            throw new ArgumentException("A cancellation cannot be cancelled.", nameof(original));
        }

        return new IssuedBill
        {
            Id = Guid.CreateVersion7(),
            Number = FormatNumber(year, sequence),
            Kind = BillKind.Cancellation,
            ContractId = original.ContractId,
            IssuedOn = issuedOn,
            PeriodStart = original.PeriodStart,
            PeriodEnd = original.PeriodEnd,
            Quantity = -original.Quantity,
            Net = -original.Net,
            Gross = -original.Gross,
            Paid = -original.Paid,
            Balance = -original.Balance,
            DueOn = issuedOn.AddDays(PaymentTermDays),
            HasEstimates = original.HasEstimates,
            InputJson = original.InputJson,
            OutputJson = original.OutputJson,
            IdempotencyKey = idempotencyKey,
            CreatedAt = now.ToUniversalTime(),
            ReferencesBillId = original.Id,
        };
    }

    public static IssuedBill Issue(
        BillKind kind, int year, long sequence, Contract contract, BillInput input, Bill bill, DateOnly issuedOn, bool hasEstimates, string? idempotencyKey, DateTimeOffset now, IssuedBill? replaces = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(bill);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new IssuedBill
        {
            Id = Guid.CreateVersion7(),
            Number = FormatNumber(year, sequence),
            Kind = kind,
            ContractId = contract.Id,
            IssuedOn = issuedOn,
            PeriodStart = input.Period.Start,
            PeriodEnd = input.Period.End,
            Quantity = bill.Quantity,
            Net = bill.Net,
            Gross = bill.Gross,
            Paid = bill.Paid,
            Balance = bill.Balance,
            DueOn = issuedOn.AddDays(PaymentTermDays),
            HasEstimates = hasEstimates,
            InputJson = BillInputWriter.Write(input),
            OutputJson = BillJson.Write(bill),
            IdempotencyKey = idempotencyKey,
            CreatedAt = now.ToUniversalTime(),
            ReferencesBillId = replaces?.Id,
        };
    }
}

/// <summary>A bill held for a clerk (Klärfall): the contract, the period, and why.</summary>
public sealed class BillingHold
{
    private BillingHold()
    {
        Details = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public HoldReason Reason { get; private set; }

    public string Details { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    /// <summary>Who released the hold: the clerk whose bill resolved it, or "system" for a billing run.</summary>
    public string? ReleasedBy { get; private set; }

    /// <summary>Why, when a clerk confirmed the consumption instead of correcting the data.</summary>
    public string? ReleaseNote { get; private set; }

    /// <summary>A hold a clerk may release by confirming the consumption: the data is complete, only its amount is unusual.</summary>
    public bool CanBeConfirmed => Reason is HoldReason.ConsumptionTooHigh or HoldReason.ConsumptionTooLow;

    public static BillingHold Create(Contract contract, BillingPeriod period, HoldReason reason, Text details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(details);
        return new BillingHold
        {
            Id = Guid.CreateVersion7(),
            ContractId = contract.Id,
            PeriodStart = period.Start,
            PeriodEnd = period.End,
            Reason = reason,
            Details = Limit(Guard.NotBlank(details.ToString(), nameof(details))),
            CreatedAt = now.ToUniversalTime(),
        };
    }

    /// <summary>The bill of the period was issued: the case is closed, by <paramref name="by"/>, with an optional note.</summary>
    public void Release(DateTimeOffset now, string by, string? note = null)
    {
        ReleasedAt = now.ToUniversalTime();
        ReleasedBy = Guard.NotBlank(by, nameof(by));
        ReleaseNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    /// <summary>The same case came up again, maybe for another reason: the list shows the newest.</summary>
    public void Renew(HoldReason reason, Text details, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        Reason = reason;
        Details = Limit(Guard.NotBlank(details.ToString(), nameof(details)));
        CreatedAt = now.ToUniversalTime();
    }

    /// <summary>The stored details are at most 1,000 characters.</summary>
    private static string Limit(string details) => details.Length > 1000 ? details[..1000] : details;
}
