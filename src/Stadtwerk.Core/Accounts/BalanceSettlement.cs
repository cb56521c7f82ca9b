using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Accounts;

/// <summary>What is agreed about a bill's balance.</summary>
public enum SettlementKind
{
    /// <summary>Ratenzahlung: a high balance in monthly parts, collected with the installments.</summary>
    Instalments,

    /// <summary>Stundung: the balance deferred to one later date.</summary>
    Deferral,

    /// <summary>A credit paid out to the customer's account within two weeks.</summary>
    Refund,

    /// <summary>A credit set off in full against the next installments.</summary>
    SetOff,
}

/// <summary>One part of a settlement: when, and how much.</summary>
public sealed record SettlementPart(DateOnly Due, decimal Amount);

/// <summary>
/// The agreement about an issued bill's balance: a claim split into monthly parts or deferred (Ratenzahlung,
/// Stundung), or a credit refunded within two weeks or set off against the next installments (EnWG § 40c),
/// as the customer chooses. One per bill; recorded with who agreed it and when.
/// </summary>
public sealed class BalanceSettlement
{
    public const int RefundDays = 14;

    public const int MaxParts = 24;

    private BalanceSettlement()
    {
        AgreedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid BillId { get; private set; }

    public Guid ContractId { get; private set; }

    public SettlementKind Kind { get; private set; }

    /// <summary>The bill's balance the agreement is about (positive: claim; negative: credit).</summary>
    public decimal Amount { get; private set; }

    public int Parts { get; private set; }

    public DateOnly FirstDue { get; private set; }

    public string AgreedBy { get; private set; }

    public DateTimeOffset AgreedAt { get; private set; }

    /// <summary>The parts in whole cents; the last one takes what rounding leaves, so they add up to the amount.</summary>
    public IReadOnlyList<SettlementPart> Schedule()
    {
        var dues = InstallmentSchedule.DueDates(FirstDue, Parts);
        var part = Money.RoundToCents(Amount / Parts);
        return [.. dues.Select((due, i) => new SettlementPart(due, i < Parts - 1 ? part : Amount - (part * (Parts - 1))))];
    }

    public static DomainResult<BalanceSettlement> Agree(IssuedBill bill, SettlementKind kind, int parts, DateOnly? firstDue, DateOnly today, string agreedBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(bill);
        if (bill.Kind == BillKind.Cancellation)
        {
            return DomainResult<BalanceSettlement>.Invalid("number", "a cancellation has no balance to settle");
        }

        var claim = kind is SettlementKind.Instalments or SettlementKind.Deferral;
        if (claim && bill.Balance <= 0)
        {
            return DomainResult<BalanceSettlement>.Invalid("kind", $"bill {bill.Number} leaves a credit, not a claim: choose refund or setOff");
        }

        if (!claim && bill.Balance >= 0)
        {
            return DomainResult<BalanceSettlement>.Invalid("kind", $"bill {bill.Number} leaves a claim, not a credit: choose instalments or deferral");
        }

        var errors = new List<FieldError>();
        if (kind == SettlementKind.Instalments && parts is < 2 or > MaxParts)
        {
            errors.Add(new FieldError("parts", $"must be between 2 and {MaxParts}"));
        }

        DateOnly first;
        switch (kind)
        {
            case SettlementKind.Instalments or SettlementKind.Deferral when firstDue is not { } requested:
                errors.Add(new FieldError("firstDue", "is required"));
                first = today;
                break;
            case SettlementKind.Instalments or SettlementKind.Deferral when firstDue <= bill.DueOn && kind == SettlementKind.Deferral:
                errors.Add(new FieldError("firstDue", $"a deferral lies after the bill's due date {bill.DueOn}"));
                first = firstDue!.Value;
                break;
            case SettlementKind.Instalments or SettlementKind.Deferral:
                first = firstDue!.Value < today ? today : firstDue.Value;
                break;
            case SettlementKind.Refund:
                first = today.AddDays(RefundDays);
                break;
            default:
                first = today;
                break;
        }

        if (errors.Count > 0)
        {
            return DomainResult<BalanceSettlement>.Invalid([.. errors]);
        }

        return DomainResult<BalanceSettlement>.Ok(new BalanceSettlement
        {
            Id = Guid.CreateVersion7(),
            BillId = bill.Id,
            ContractId = bill.ContractId,
            Kind = kind,
            Amount = bill.Balance,
            Parts = kind == SettlementKind.Instalments ? parts : 1,
            FirstDue = first,
            AgreedBy = Guard.NotBlank(agreedBy, nameof(agreedBy)),
            AgreedAt = now.ToUniversalTime(),
        });
    }
}
