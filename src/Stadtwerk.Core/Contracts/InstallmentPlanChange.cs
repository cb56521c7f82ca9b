namespace Stadtwerk.Core.Contracts;

/// <summary>Who asked for a change.</summary>
public enum ChangeChannel
{
    Portal,
    Phone,
    Post,
    Email,
    Office,
    Clerk,
}

public enum InstallmentChangeStatus
{
    /// <summary>In force from <see cref="InstallmentPlanChange.EffectiveFrom"/>.</summary>
    Applied,

    /// <summary>
    /// A reduction below 80 % of the calculated amount, or more than five times it (a typo of a digit too many):
    /// waits for the approval of a second person.
    /// </summary>
    AwaitingApproval,

    Approved,

    Rejected,
}

/// <summary>
/// A change of a contract's installment amount (Abschlagsänderung), recorded with who, when, old and new amount and
/// the channel; effective from the next installment not yet collected.
/// </summary>
public sealed class InstallmentPlanChange
{
    /// <summary>A reduction below this share of the calculated amount needs a clerk's approval.</summary>
    public const decimal ApprovalThreshold = 0.8m;

    /// <summary>An installment above this multiple of the calculated amount needs a second person's approval.</summary>
    public const decimal UpperBound = 5m;

    /// <summary>Whether a new amount needs a second person: far below or far above what the last bill calculated.</summary>
    public static bool NeedsApproval(decimal newAmount, decimal calculatedAmount) =>
        newAmount < calculatedAmount * ApprovalThreshold || (calculatedAmount > 0 && newAmount > calculatedAmount * UpperBound);

    private InstallmentPlanChange()
    {
        ChangedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ContractId { get; private set; }

    public decimal OldAmount { get; private set; }

    public decimal NewAmount { get; private set; }

    /// <summary>The amount the last bill calculated (the reference for the 80 % rule).</summary>
    public decimal CalculatedAmount { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public ChangeChannel Channel { get; private set; }

    public string ChangedBy { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }

    public InstallmentChangeStatus Status { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    internal static InstallmentPlanChange Create(Contract contract, decimal oldAmount, decimal newAmount, decimal calculatedAmount, DateOnly effectiveFrom, ChangeChannel channel, string changedBy, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        ContractId = contract.Id,
        OldAmount = oldAmount,
        NewAmount = newAmount,
        CalculatedAmount = calculatedAmount,
        EffectiveFrom = effectiveFrom,
        Channel = channel,
        ChangedBy = Guard.NotBlank(changedBy, nameof(changedBy)),
        ChangedAt = now.ToUniversalTime(),
        Status = NeedsApproval(newAmount, calculatedAmount) ? InstallmentChangeStatus.AwaitingApproval : InstallmentChangeStatus.Applied,
    };

    internal void Decide(bool approve, string clerk, DateTimeOffset now)
    {
        Status = approve ? InstallmentChangeStatus.Approved : InstallmentChangeStatus.Rejected;
        DecidedBy = Guard.NotBlank(clerk, nameof(clerk));
        DecidedAt = now.ToUniversalTime();
    }
}
