using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Accounts;

/// <summary>
/// A dunning letter sent (Mahnung of a level): the contract, the level, the arrears it names, the fee booked with it,
/// the pay-by date and, for a disconnection threat or announcement, the day from which supply may be interrupted.
/// The PDF is stored with it. One per contract, level and day (a second dunning run the same day sends nothing twice).
/// </summary>
public sealed class DunningNotice
{
    private DunningNotice()
    {
        Reference = string.Empty;
        Items = string.Empty;
        SentBy = string.Empty;
        FileName = string.Empty;
        Pdf = [];
    }

    public Guid Id { get; private set; }

    /// <summary>"Mahnung VK-… 2027-03-15 Stufe 2": the letter's reference and the fee's ledger reference.</summary>
    public string Reference { get; private set; }

    public Guid ContractId { get; private set; }

    public DunningLevel Level { get; private set; }

    public DateOnly IssuedOn { get; private set; }

    public decimal Arrears { get; private set; }

    public decimal Disputed { get; private set; }

    public decimal Fee { get; private set; }

    public DateOnly PayBy { get; private set; }

    public DateOnly? DisconnectionFrom { get; private set; }

    /// <summary>The items it names, one line each: "reference|due|open".</summary>
    public string Items { get; private set; }

    public string SentBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string FileName { get; private set; }

    public byte[] Pdf { get; private set; }

    /// <summary>For the print shop: the batch it was printed in; none while it waits.</summary>
    public Guid? PrintBatchId { get; private set; }

    /// <summary>
    /// How it goes: by e-mail (a reminder or notice to a customer who chose e-mail) or by post (everyone else, and every
    /// disconnection threat and announcement, which must reach the customer for certain; those customers get an e-mail copy too).
    /// </summary>
    public DispatchChannel Channel { get; private set; } = DispatchChannel.Print;

    /// <summary>The channel for a level: e-mail only for a reminder or notice to a customer with an e-mail address to use.</summary>
    public static DispatchChannel ChannelFor(DunningLevel level, bool hasEmail) =>
        hasEmail && level is DunningLevel.Reminder or DunningLevel.Notice ? DispatchChannel.Email : DispatchChannel.Print;

    public static DunningNotice Create(Contract contract, DunningLevel level, DateOnly issuedOn, decimal arrears, decimal disputed, decimal fee, DateOnly payBy, DateOnly? disconnectionFrom, IReadOnlyList<OverdueItem> items, string sentBy, DateTimeOffset now, DispatchChannel channel = DispatchChannel.Print)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(items);
        var reference = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Mahnung {contract.ContractAccountNumber} {issuedOn:yyyy-MM-dd} Stufe {(int)level}");
        return new DunningNotice
        {
            Id = Guid.CreateVersion7(),
            Reference = reference,
            ContractId = contract.Id,
            Level = level,
            IssuedOn = issuedOn,
            Arrears = arrears,
            Disputed = disputed,
            Fee = fee,
            PayBy = payBy,
            DisconnectionFrom = disconnectionFrom,
            Items = string.Join('\n', items.Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{i.Reference}|{i.DueOn:yyyy-MM-dd}|{i.Open:0.00}"))),
            SentBy = Guard.NotBlank(sentBy, nameof(sentBy)),
            CreatedAt = now.ToUniversalTime(),
            FileName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Mahnung-{contract.ContractNumber}-{issuedOn:yyyyMMdd}-{(int)level}.pdf"),
            Channel = channel,
        };
    }

    public void Attach(byte[] pdf) => Pdf = pdf is { Length: > 0 } ? pdf : throw new ArgumentException("The letter is empty.", nameof(pdf));

    public void Printed(Guid batchId) => PrintBatchId = PrintBatchId is null ? batchId : throw new InvalidOperationException($"{FileName} was printed already.");
}

/// <summary>
/// A dunning block (Mahnsperre) on a contract: set by a clerk with a reason and an end date (an open complaint, a
/// payment arrangement under way, a disputed bill); while it lasts, the dunning run proposes nothing for the contract.
/// </summary>
public sealed class DunningBlock
{
    private DunningBlock()
    {
        Reason = string.Empty;
        SetBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public string Reason { get; private set; }

    /// <summary>The last day it holds.</summary>
    public DateOnly Until { get; private set; }

    public string SetBy { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public DateTimeOffset? LiftedAt { get; private set; }

    public string? LiftedBy { get; private set; }

    public bool Holds(DateOnly day) => LiftedAt is null && day <= Until;

    public static DomainResult<DunningBlock> Set(Contract contract, string? reason, DateOnly until, DateOnly today, string setBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add(new FieldError("reason", "is required: say why the contract is not to be dunned"));
        }
        else if (reason.Trim().Length > 200)
        {
            errors.Add(new FieldError("reason", "at most 200 characters"));
        }

        if (until < today)
        {
            errors.Add(new FieldError("until", $"{until} lies in the past"));
        }
        else if (until > today.AddYears(1))
        {
            errors.Add(new FieldError("until", "a block lasts at most one year; set a new one then"));
        }

        return errors.Count > 0
            ? DomainResult<DunningBlock>.Invalid([.. errors])
            : DomainResult<DunningBlock>.Ok(new DunningBlock
            {
                Id = Guid.CreateVersion7(),
                ContractId = contract.Id,
                Reason = reason!.Trim(),
                Until = until,
                SetBy = Guard.NotBlank(setBy, nameof(setBy)),
                SetAt = now.ToUniversalTime(),
            });
    }

    public void Lift(string by, DateTimeOffset now) => (LiftedAt, LiftedBy) = (now.ToUniversalTime(), by);
}
