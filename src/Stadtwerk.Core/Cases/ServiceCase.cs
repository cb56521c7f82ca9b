using Stadtwerk.Core.Contracts;

namespace Stadtwerk.Core.Cases;

/// <summary>What a case is about; each kind says who works on it and what closes it.</summary>
public enum CaseKind
{
    /// <summary>The bank refused a direct debit before collection (pain.002 RJCT): the customer is asked for a valid account or to transfer.</summary>
    RejectedDebit,

    /// <summary>A collected direct debit came back (Rücklastschrift, camt.053/054): the amount is owed again.</summary>
    ReturnedDebit,
}

public enum CaseStatus
{
    Open,
    Closed,
}

/// <summary>
/// A case (Vorgang): one matter for the staff to handle for a customer, from when it comes up until someone closes it
/// with what was done. Cases are opened by the system (a rejected or returned debit) or by staff; the source key
/// names what opened it, so the same event read twice opens one case only.
/// </summary>
public sealed class ServiceCase : IVersioned
{
    public const int SubjectMaxLength = 200;
    public const int TextMaxLength = 2000;

    private ServiceCase()
    {
        Subject = string.Empty;
        Details = string.Empty;
        SourceKey = string.Empty;
        CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The number staff and customers quote (shown as V-000123).</summary>
    public long Number { get; private set; }

    public CaseKind Kind { get; private set; }

    public Guid CustomerId { get; private set; }

    public Guid? ContractId { get; private set; }

    public string Subject { get; private set; }

    public string Details { get; private set; }

    /// <summary>What opened the case (for example <c>direct-debit:{id}</c>); unique.</summary>
    public string SourceKey { get; private set; }

    public CaseStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? ClosedBy { get; private set; }

    /// <summary>What was done, written by whoever closed it.</summary>
    public string? Resolution { get; private set; }

    public int Version { get; private set; }

    public string DisplayNumber => FormatNumber(Number);

    public static string FormatNumber(long number) => $"V-{number:000000}";

    public static ServiceCase Open(long number, CaseKind kind, Contract contract, string subject, string details, string sourceKey, string createdBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new ServiceCase
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            Kind = kind,
            CustomerId = contract.CustomerId,
            ContractId = contract.Id,
            Subject = Cut(Guard.NotBlank(subject, nameof(subject)), SubjectMaxLength),
            Details = Cut(details ?? string.Empty, TextMaxLength),
            SourceKey = Guard.NotBlank(sourceKey, nameof(sourceKey)),
            Status = CaseStatus.Open,
            CreatedAt = now.ToUniversalTime(),
            CreatedBy = Guard.NotBlank(createdBy, nameof(createdBy)),
        };
    }

    /// <summary>Closes the case with what was done; a closed case stays closed (false).</summary>
    public bool Close(string resolution, string closedBy, DateTimeOffset now)
    {
        if (Status == CaseStatus.Closed)
        {
            return false;
        }

        Status = CaseStatus.Closed;
        Resolution = Cut(Guard.NotBlank(resolution, nameof(resolution)).Trim(), TextMaxLength);
        ClosedBy = Guard.NotBlank(closedBy, nameof(closedBy));
        ClosedAt = now.ToUniversalTime();
        return true;
    }

    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;
}
