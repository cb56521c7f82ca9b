using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;
using Stadtwerk.Core.Tariffs;

namespace Stadtwerk.Core.Contracts;

/// <summary>The monthly installments (Abschläge) a contract pays: whole euros from <see cref="FirstDue"/>, monthly.</summary>
public sealed class InstallmentPlan
{
    private InstallmentPlan()
    {
    }

    public decimal Amount { get; private set; }

    public DateOnly FirstDue { get; private set; }

    public int Count { get; private set; }

    public static DomainResult<InstallmentPlan> Create(decimal amount, DateOnly firstDue, int count)
    {
        var errors = new List<FieldError>();
        if (amount < 0 || amount != decimal.Truncate(amount))
        {
            errors.Add(new FieldError("installmentPlan.amount", "must be a whole number of euros, zero or more"));
        }

        if (count is < 1 or > 12)
        {
            errors.Add(new FieldError("installmentPlan.count", "must be between 1 and 12"));
        }

        return errors.Count > 0
            ? DomainResult<InstallmentPlan>.Invalid([.. errors])
            : DomainResult<InstallmentPlan>.Ok(new InstallmentPlan { Amount = amount, FirstDue = firstDue, Count = count });
    }

    public IReadOnlyList<DateOnly> DueDates() => InstallmentSchedule.DueDates(FirstDue, Count);
}

/// <summary>What a contract says besides its number and parties.</summary>
public sealed record ContractTerms(
    Tariff Tariff,
    DateOnly StartDate,
    DateOnly? EndDate,
    string ContractAccountNumber,
    BankAccount? BankAccount,
    InstallmentPlan? InstallmentPlan);

/// <summary>A supply contract (Vertrag): one customer, one supply point, one commodity, one tariff, from a start date.</summary>
public sealed class Contract : IVersioned
{
    private Contract()
    {
        ContractNumber = string.Empty;
        ContractAccountNumber = string.Empty;
    }

    public Guid Id { get; private set; }

    public string ContractNumber { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid PremiseId { get; private set; }

    public Commodity Commodity { get; private set; }

    public Guid TariffId { get; private set; }

    public DateOnly StartDate { get; private set; }

    /// <summary>The last day supplied; none while the contract runs.</summary>
    public DateOnly? EndDate { get; private set; }

    /// <summary>Vertragskonto: the account installments, payments and bills are booked on.</summary>
    public string ContractAccountNumber { get; private set; }

    public BankAccount? BankAccount { get; private set; }

    public InstallmentPlan? InstallmentPlan { get; private set; }

    public int Version { get; private set; }

    public static DomainResult<Contract> Create(string contractNumber, Customer customer, Premise premise, ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(premise);
        ArgumentNullException.ThrowIfNull(terms);
        var errors = Check(premise.Commodity, terms);
        if (!BusinessNumbers.IsValid(contractNumber))
        {
            errors.Insert(0, new FieldError("contractNumber", BusinessNumbers.Rule));
        }

        if (errors.Count > 0)
        {
            return DomainResult<Contract>.Invalid([.. errors]);
        }

        var contract = new Contract
        {
            Id = Guid.CreateVersion7(),
            ContractNumber = contractNumber.Trim(),
            CustomerId = customer.Id,
            PremiseId = premise.Id,
            Commodity = premise.Commodity,
        };
        contract.Apply(terms);
        return DomainResult<Contract>.Ok(contract);
    }

    public DomainResult<Contract> Update(ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var errors = Check(Commodity, terms);
        if (errors.Count > 0)
        {
            return DomainResult<Contract>.Invalid([.. errors]);
        }

        Apply(terms);
        return DomainResult<Contract>.Ok(this);
    }

    /// <summary>Whether the contract supplies on any day of <paramref name="from"/>..<paramref name="to"/> (open end: no end).</summary>
    public bool Overlaps(DateOnly from, DateOnly? to) =>
        (to is null || StartDate <= to) && (EndDate is null || EndDate >= from);

    /// <summary>
    /// Changes the installment amount from the next installment not yet collected (due after <paramref name="today"/>).
    /// A reduction below 80 % of <paramref name="calculatedAmount"/> is recorded but waits for a clerk's approval.
    /// </summary>
    public DomainResult<InstallmentPlanChange> ChangeInstallment(
        decimal newAmount, decimal calculatedAmount, DateOnly today, ChangeChannel channel, string changedBy, DateTimeOffset now)
    {
        if (InstallmentPlan is not { } plan)
        {
            return DomainResult<InstallmentPlanChange>.Invalid("amount", $"contract {ContractNumber} has no installment plan");
        }

        if (newAmount < 0 || newAmount != decimal.Truncate(newAmount))
        {
            return DomainResult<InstallmentPlanChange>.Invalid("amount", "must be a whole number of euros, zero or more");
        }

        var remaining = plan.DueDates().Where(d => d > today).ToList();
        if (remaining.Count == 0)
        {
            return DomainResult<InstallmentPlanChange>.Invalid("amount", "every installment of the plan is collected already; the next bill sets a new plan");
        }

        var change = InstallmentPlanChange.Create(this, plan.Amount, newAmount, calculatedAmount, remaining[0], channel, changedBy, now);
        if (change.Status == InstallmentChangeStatus.Applied)
        {
            InstallmentPlan = InstallmentPlan.Create(newAmount, remaining[0], remaining.Count).Value!;
        }

        return DomainResult<InstallmentPlanChange>.Ok(change);
    }

    /// <summary>
    /// A clerk approves or rejects a change that waited for approval; approval applies it to the installments still to
    /// come. Two people: whoever asked for the change cannot approve it. A decision never overwrites a newer plan: when
    /// the installment changed since the request (another change, a new bill), approval is refused.
    /// </summary>
    public DomainResult<InstallmentPlanChange> DecideInstallmentChange(InstallmentPlanChange change, bool approve, DateOnly today, string clerk, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.ContractId != Id || change.Status != InstallmentChangeStatus.AwaitingApproval)
        {
            return DomainResult<InstallmentPlanChange>.Invalid("status", "this change does not wait for approval");
        }

        if (approve && string.Equals(change.ChangedBy, clerk, StringComparison.OrdinalIgnoreCase))
        {
            return DomainResult<InstallmentPlanChange>.Invalid("decidedBy", $"{clerk} asked for this change; a second person must approve it");
        }

        if (approve && InstallmentPlan?.Amount != change.OldAmount)
        {
            return DomainResult<InstallmentPlanChange>.Invalid(
                "status", $"the installment changed since this request ({change.OldAmount:0.00} € then, {InstallmentPlan?.Amount ?? 0m:0.00} € now); a newer plan stands, ask the customer again");
        }

        if (approve)
        {
            var remaining = InstallmentPlan?.DueDates().Where(d => d > today).ToList() ?? [];
            if (remaining.Count == 0)
            {
                return DomainResult<InstallmentPlanChange>.Invalid("status", "no installment is left to change");
            }

            InstallmentPlan = InstallmentPlan.Create(change.NewAmount, remaining[0], remaining.Count).Value!;
        }

        change.Decide(approve, clerk, now);
        return DomainResult<InstallmentPlanChange>.Ok(change);
    }

    /// <summary>
    /// Move-out (Auszug): the contract ends on <paramref name="lastDay"/>; installments due after it are stopped.
    /// </summary>
    public DomainResult<Contract> MoveOut(DateOnly lastDay, DateOnly? lastBilledDay)
    {
        if (lastDay < StartDate)
        {
            return DomainResult<Contract>.Invalid("date", $"the contract starts on {StartDate}, after {lastDay}");
        }

        if (EndDate is { } ended && ended < lastDay)
        {
            return DomainResult<Contract>.Invalid("date", $"the contract ended on {ended} already");
        }

        if (lastBilledDay is { } billed && lastDay < billed)
        {
            return DomainResult<Contract>.Invalid("date", $"the contract is billed until {billed}; cancel that bill first");
        }

        EndDate = lastDay;
        if (InstallmentPlan is { } plan)
        {
            var remaining = plan.DueDates().Where(d => d <= lastDay).ToList();
            InstallmentPlan = remaining.Count == 0 ? null : InstallmentPlan.Create(plan.Amount, plan.FirstDue, remaining.Count).Value;
        }

        return DomainResult<Contract>.Ok(this);
    }

    /// <summary>Records the last collection under the contract's mandate by the system it was migrated from.</summary>
    public void RecordMandateUse(DateOnly day)
    {
        if (BankAccount is { } bank)
        {
            BankAccount = bank.UsedOn(day);
        }
    }

    /// <summary>Replaces the installment plan with the one proposed by a bill (spec rule 6).</summary>
    public void ChangeInstallmentPlan(InstallmentPlan plan) => InstallmentPlan = plan ?? throw new ArgumentNullException(nameof(plan));

    private void Apply(ContractTerms terms)
    {
        TariffId = terms.Tariff.Id;
        StartDate = terms.StartDate;
        EndDate = terms.EndDate;
        ContractAccountNumber = terms.ContractAccountNumber.Trim();
        BankAccount = terms.BankAccount;
        InstallmentPlan = terms.InstallmentPlan;
    }

    private static List<FieldError> Check(Commodity commodity, ContractTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms.Tariff, nameof(terms));
        var errors = new List<FieldError>();
        if (terms.Tariff.Commodity != commodity)
        {
            errors.Add(new FieldError("tariffCode", $"tariff {terms.Tariff.Code} is for {terms.Tariff.Commodity}, the supply point for {commodity}"));
        }

        if (terms.EndDate is { } end && end < terms.StartDate)
        {
            errors.Add(new FieldError("endDate", $"ends on {end}, before it starts on {terms.StartDate}"));
        }

        if (!BusinessNumbers.IsValid(terms.ContractAccountNumber))
        {
            errors.Add(new FieldError("contractAccountNumber", BusinessNumbers.Rule));
        }

        return errors;
    }
}
