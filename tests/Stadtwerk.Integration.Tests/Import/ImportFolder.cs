using System.Text;

namespace Stadtwerk.Integration.Tests.Import;

/// <summary>A temporary folder of import files, deleted with the test.</summary>
public sealed class ImportFolder : IDisposable
{
    public ImportFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stadtwerk-import-{Guid.NewGuid():N}");

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes a file as a German export does: UTF-8 with byte order mark, CR LF line ends.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    /// <summary>Writes the valid set of <see cref="ValidSet"/>: two customers with everything they need.</summary>
    public ImportFolder WithValidSet()
    {
        Write("customers.csv", ValidSet.Customers);
        Write("tariffs.csv", ValidSet.Tariffs);
        Write("premises.csv", ValidSet.Premises);
        Write("contracts.csv", ValidSet.Contracts);
        Write("meters.csv", ValidSet.Meters);
        Write("readings.csv", ValidSet.Readings);
        return this;
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>
/// Two customers of the Stadtwerk Musterstadt as the old system exports them: semicolons, German decimal commas in
/// places, a quoted company name with a semicolon, both date formats.
/// </summary>
public static class ValidSet
{
    public const string CustomersHeader = "customer_number;kind;first_name;last_name;company_name;street;house_number;postal_code;city;country;email;phone;mobile_phone;preferred_channel";

    public const string PremisesHeader = "premise_number;commodity;street;house_number;postal_code;city;country;market_location_id;metering_location_id;network_area";

    public const string ContractsHeader = "contract_number;customer_number;premise_number;tariff_code;start_date;end_date;contract_account_number;iban;bic;account_holder;mandate_reference;mandate_signed_on;installment_amount;installment_first_due;installment_count";

    public const string MetersHeader = "meter_number;premise_number;installed_on;removed_on;digits";

    public const string ReadingsHeader = "meter_number;date;value;kind;source";

    public static readonly string[] Customers =
    [
        CustomersHeader,
        "K-1001;person;Anna;Müller;;Hauptstraße;12a;01067;Musterstadt;DE;anna.mueller@example.de;0351 123 4567;;email",
        "K-1002;business;;;\"Bäckerei Schmidt; GmbH\";Marktplatz;3;01069;Musterstadt;;info@baeckerei-schmidt.example;;0171 2345678;post",
    ];

    public static readonly string[] Tariffs =
    [
        "code;name;commodity;valid_from;energy_price;base_price_per_year",
        "STROM-BASIS;Musterstadt Strom Basis;electricity;2020-01-01;0,2650;96,00",
        "STROM-BASIS;Musterstadt Strom Basis;electricity;01.07.2020;0.2720;99.00",
        "GAS-BASIS;Musterstadt Gas Basis;gas;2020-01-01;0.0610;120",
    ];

    public static readonly string[] Premises =
    [
        PremisesHeader,
        "V-2001;electricity;Hauptstraße;12a;01067;Musterstadt;DE;41373559241;DE00056266802AO6G56M11SN51G21M24S;",
        "V-2002;gas;Marktplatz;3;01069;Musterstadt;;51238696781;;Musterstadt-Nord",
    ];

    public static readonly string[] Contracts =
    [
        ContractsHeader,
        "C-3001;K-1001;V-2001;STROM-BASIS;2020-01-01;;VK-3001;DE89 3704 0044 0532 0130 00;COBADEFFXXX;Anna Müller;M-3001;2019-12-01;68;2020-02-28;11",
        "C-3002;K-1002;V-2002;GAS-BASIS;2020-01-01;2021-12-31;VK-3002;;;;;;;;",
    ];

    public static readonly string[] Meters =
    [
        MetersHeader,
        "Z-4001;V-2001;2019-05-01;;6",
        "Z-4002;V-2002;2018-03-15;;5",
    ];

    public static readonly string[] Readings =
    [
        ReadingsHeader,
        "Z-4001;2020-01-01;4012,5;actual;meterReader",
        "Z-4001;2020-12-31;6480.2;customerReported;portal",
        "Z-4002;2020-01-01;12034;;",
    ];
}
