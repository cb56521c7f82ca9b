using Npgsql;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Infrastructure.Import;

/// <summary>customers.csv: one customer per row, through <see cref="Customer.Create"/>; the customer number is unique.</summary>
internal sealed class CustomerImporter(ImportContext context) : EntityImporter(context)
{
    private const int Number = 0;
    private const int Kind = 1;
    private const int FirstName = 2;
    private const int LastName = 3;
    private const int CompanyName = 4;
    private const int Street = 5;
    private const int HouseNumber = 6;
    private const int PostalCode = 7;
    private const int City = 8;
    private const int Country = 9;
    private const int Email = 10;
    private const int Phone = 11;
    private const int MobilePhone = 12;
    private const int PreferredChannel = 13;
    private const int Leitweg = 14;

    private readonly List<Customer> customers = [];
    private readonly Dictionary<string, long> lines = new(StringComparer.Ordinal);

    public static IReadOnlyList<CsvColumn> Columns { get; } =
    [
        new("customer_number", Required: true),
        new("kind", Required: true),
        new("first_name"),
        new("last_name"),
        new("company_name"),
        new("street", Required: true),
        new("house_number", Required: true),
        new("postal_code", Required: true),
        new("city", Required: true),
        new("country"),
        new("email"),
        new("phone"),
        new("mobile_phone"),
        new("preferred_channel"),
        new("leitweg_id"),
    ];

    public override int Count => customers.Count;

    public override IReadOnlyList<string> Tables { get; } = ["customers"];

    public override IEnumerable<object> Entities => customers;

    public override async Task CheckBatchAsync(IReadOnlyList<CsvRecord> batch, CancellationToken cancellationToken)
    {
        var numbers = new List<(long Line, string Key)>(batch.Count);
        var checkedCustomers = new List<(long Line, Customer Customer)>(batch.Count);
        foreach (var record in batch)
        {
            Row.Start(record);
            var number = Row.Required(Number);
            if (number is not null && FirstInFile(lines, number, Number, "customer number"))
            {
                numbers.Add((Row.Line, number));
            }

            var kind = Row.Enum<CustomerKind>(Kind, required: true);
            var address = Row.Address(Street, HouseNumber, PostalCode, City, Country);
            var email = Row.Parse(Email, EmailAddress.Parse);
            var phone = Row.Parse(Phone, PhoneNumber.Parse);
            var mobile = Row.Parse(MobilePhone, PhoneNumber.Parse);
            var channel = Row.Enum<ContactChannel>(PreferredChannel) ?? ContactChannel.Post;
            var leitwegId = Row.Parse(Leitweg, LeitwegId.Parse);
            if (number is null || kind is null || address is null)
            {
                continue;
            }

            var details = new CustomerDetails(kind.Value, Row.Text(FirstName), Row.Text(LastName), Row.Text(CompanyName), address, email, phone, mobile, channel, leitwegId);
            if (Row.Check(Customer.Create(number, details)) is { } customer && !Row.Failed)
            {
                checkedCustomers.Add((Row.Line, customer));
            }
        }

        var taken = await TakenAsync(numbers, "customers", "customer_number", "customer_number", "customer number", cancellationToken);
        customers.AddRange(checkedCustomers.Where(c => !taken.Contains(c.Line)).Select(c => c.Customer));
    }

    public override Task CopyAsync(NpgsqlConnection connection, Action<long> progress, CancellationToken cancellationToken) =>
        PostgresCopy.CopyAsync(
            connection,
            "customers",
            ["id", "customer_number", "kind", "first_name", "last_name", "company_name", "email", "phone", "mobile_phone", "preferred_channel", "leitweg_id", "version",
             "address_street", "address_house_number", "address_postal_code", "address_city", "address_country"],
            customers,
            static (row, c) =>
            {
                row.Uuid(c.Id);
                row.Text(c.CustomerNumber);
                row.Name(c.Kind);
                row.Text(c.FirstName);
                row.Text(c.LastName);
                row.Text(c.CompanyName);
                row.Text(c.Email?.Value);
                row.Text(c.Phone?.Value);
                row.Text(c.MobilePhone?.Value);
                row.Name(c.PreferredChannel);
                row.Text(c.LeitwegId?.Value);
                row.Integer(c.Version);
                row.Text(c.Address.Street);
                row.Text(c.Address.HouseNumber);
                row.Text(c.Address.PostalCode);
                row.Text(c.Address.City);
                row.Text(c.Address.Country);
            },
            progress,
            cancellationToken);
}
