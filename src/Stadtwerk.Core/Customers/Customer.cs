using System.Text.RegularExpressions;

namespace Stadtwerk.Core.Customers;

public enum CustomerKind
{
    Person,
    Business,
}

/// <summary>How a customer prefers to be contacted (bills, replies, reminders).</summary>
public enum ContactChannel
{
    Post,
    Email,
    Phone,
    Portal,
}

/// <summary>What a customer record says about the customer, apart from the number that identifies it.</summary>
public sealed record CustomerDetails(
    CustomerKind Kind,
    string? FirstName,
    string? LastName,
    string? CompanyName,
    PostalAddress Address,
    EmailAddress? Email,
    PhoneNumber? Phone,
    PhoneNumber? MobilePhone,
    ContactChannel PreferredChannel,
    LeitwegId? LeitwegId = null);

/// <summary>A customer of the utility (Kunde): a person or a business.</summary>
public sealed partial class Customer : IVersioned
{
    public const int MaxNameLength = 100;

    private Customer()
    {
        CustomerNumber = string.Empty;
        Address = null!;
    }

    public Guid Id { get; private set; }

    /// <summary>The number printed on every letter and asked for on the phone (Kundennummer).</summary>
    public string CustomerNumber { get; private set; }

    public CustomerKind Kind { get; private set; }

    public string? FirstName { get; private set; }

    public string? LastName { get; private set; }

    public string? CompanyName { get; private set; }

    public PostalAddress Address { get; private set; }

    public EmailAddress? Email { get; private set; }

    public PhoneNumber? Phone { get; private set; }

    public PhoneNumber? MobilePhone { get; private set; }

    public ContactChannel PreferredChannel { get; private set; }

    /// <summary>A public-sector customer's Leitweg-ID: its e-invoices are XRechnung with this buyer reference.</summary>
    public LeitwegId? LeitwegId { get; private set; }

    public int Version { get; private set; }

    /// <summary>"Müller, Anna" for a person, the company name for a business.</summary>
    public string DisplayName => Kind == CustomerKind.Business
        ? CompanyName!
        : string.IsNullOrEmpty(FirstName) ? LastName! : $"{LastName}, {FirstName}";

    public static DomainResult<Customer> Create(string customerNumber, CustomerDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = new List<FieldError>();
        if (!BusinessNumbers.IsValid(customerNumber))
        {
            errors.Add(new FieldError("customerNumber", BusinessNumbers.Rule));
        }

        errors.AddRange(Check(details));
        if (errors.Count > 0)
        {
            return DomainResult<Customer>.Invalid([.. errors]);
        }

        var customer = new Customer { Id = Guid.CreateVersion7(), CustomerNumber = customerNumber.Trim() };
        customer.Apply(details);
        return DomainResult<Customer>.Ok(customer);
    }

    public DomainResult<Customer> Update(CustomerDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = Check(details);
        if (errors.Count > 0)
        {
            return DomainResult<Customer>.Invalid([.. errors]);
        }

        Apply(details);
        return DomainResult<Customer>.Ok(this);
    }

    private void Apply(CustomerDetails details)
    {
        Kind = details.Kind;
        FirstName = Clean(details.FirstName);
        LastName = Clean(details.LastName);
        CompanyName = Clean(details.CompanyName);
        Address = details.Address;
        Email = details.Email;
        Phone = details.Phone;
        MobilePhone = details.MobilePhone;
        PreferredChannel = details.PreferredChannel;
        LeitwegId = details.LeitwegId;
    }

    private static List<FieldError> Check(CustomerDetails details)
    {
        var errors = new List<FieldError>();
        if (details.Kind == CustomerKind.Person && string.IsNullOrWhiteSpace(details.LastName))
        {
            errors.Add(new FieldError("lastName", "a person needs a last name"));
        }

        if (details.Kind == CustomerKind.Business && string.IsNullOrWhiteSpace(details.CompanyName))
        {
            errors.Add(new FieldError("companyName", "a business needs a company name"));
        }

        if (details.Kind == CustomerKind.Person && details.LeitwegId is not null)
        {
            errors.Add(new FieldError("leitwegId", "only a public-sector organisation (kind business) has a Leitweg-ID"));
        }
        else if (details.LeitwegId is not null && details.Email is null)
        {
            errors.Add(new FieldError("email", "a customer with a Leitweg-ID needs an e-mail address: its XRechnung names the buyer's electronic address (BT-49)"));
        }

        foreach (var (field, value) in new[] { ("firstName", details.FirstName), ("lastName", details.LastName), ("companyName", details.CompanyName) })
        {
            if (value is { Length: > MaxNameLength })
            {
                errors.Add(new FieldError(field, $"must be at most {MaxNameLength} characters"));
            }
        }

        if (details.PreferredChannel == ContactChannel.Email && details.Email is null)
        {
            errors.Add(new FieldError("email", "an e-mail address is needed when e-mail is the preferred channel"));
        }

        if (details.PreferredChannel == ContactChannel.Phone && details.Phone is null && details.MobilePhone is null)
        {
            errors.Add(new FieldError("phone", "a phone number is needed when the phone is the preferred channel"));
        }

        return errors;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Customer, contract, premise and meter numbers: 1–20 letters, digits and dashes.</summary>
public static partial class BusinessNumbers
{
    public const string Rule = "must be 1 to 20 letters, digits or dashes";

    public static bool IsValid(string? number) => number is not null && Pattern().IsMatch(number.Trim());

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")]
    private static partial Regex Pattern();
}
