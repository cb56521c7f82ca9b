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
            errors.Add(new FieldError("tariffCode", $"tariff {terms.Tariff.Code} is for {terms.Tariff.Commodity.ToString().ToLowerInvariant()}, the supply point for {commodity.ToString().ToLowerInvariant()}"));
        }

        if (terms.EndDate is { } end && end < terms.StartDate)
        {
            errors.Add(new FieldError("endDate", $"ends on {end.ToIso()}, before it starts on {terms.StartDate.ToIso()}"));
        }

        if (!BusinessNumbers.IsValid(terms.ContractAccountNumber))
        {
            errors.Add(new FieldError("contractAccountNumber", BusinessNumbers.Rule));
        }

        return errors;
    }
}
