using System.Diagnostics;
using System.Globalization;
using System.Text;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Premises;

// Writes a valid import set (docs/import.md) for the import benchmark (docs/benchmarks.md, "Imports"):
// CONTRACTS contracts, each with its own customer, premise and meter, and two readings per meter.
//   dotnet run -c Release --project bench/Stadtwerk.ImportGenerator -- /tmp/stadtwerk-import 1000000
// The same arguments always give the same files (fixed seed). Never commit the output.
if (args.Length is < 1 or > 2 || (args.Length == 2 && !int.TryParse(args[1], CultureInfo.InvariantCulture, out _)))
{
    Console.Error.WriteLine("usage: Stadtwerk.ImportGenerator FOLDER [CONTRACTS]   (default 1000000)");
    return 2;
}

var folder = args[0];
var count = args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
Directory.CreateDirectory(folder);
var clock = Stopwatch.StartNew();
var set = new ImportSet(count, seed: 20_200_101);
foreach (var (file, write) in new (string, Action<TextWriter>)[]
{
    ("customers.csv", set.WriteCustomers),
    ("tariffs.csv", ImportSet.WriteTariffs),
    ("premises.csv", set.WritePremises),
    ("contracts.csv", set.WriteContracts),
    ("meters.csv", set.WriteMeters),
    ("readings.csv", set.WriteReadings),
})
{
    var path = Path.Combine(folder, file);
    using (var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20))
    {
        writer.NewLine = "\r\n";
        write(writer);
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{path}: {new FileInfo(path).Length / 1_048_576.0:0.0} MiB"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} contracts written in {clock.Elapsed.TotalSeconds:0.0} s"));
return 0;

/// <summary>
/// The rows of the set, derived from the row index and a seeded random source, so that every file can be written on
/// its own without keeping the others in memory. Premise i, customer i, contract i and meter i belong together.
/// </summary>
internal sealed class ImportSet(int count, int seed)
{
    private static readonly string[] FirstNames = ["Anna", "Lukas", "Marie", "Paul", "Sophie", "Felix", "Emma", "Jonas", "Lea", "Max", "Hannah", "Ben", "Mia", "Leon", "Lina", "Finn"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann"];
    private static readonly string[] Streets = ["Hauptstraße", "Bahnhofstraße", "Schulstraße", "Gartenstraße", "Dorfstraße", "Bergstraße", "Lindenstraße", "Kirchweg", "Am Markt", "Goethestraße", "Schillerstraße", "Wiesenweg"];
    private static readonly string[] Trades = ["Bäckerei", "Metzgerei", "Autohaus", "Praxis", "Gasthaus", "Elektro", "Friseursalon", "Tischlerei"];
    private static readonly string[] BankCodes = ["37040044", "12030000", "50010517", "85050300", "86055592", "10050000"];

    /// <summary>One place in ten is Musterstadt proper; the others spread over the postal codes around it.</summary>
    private static string PostalCode(int i) => (1067 + (i % 90)).ToString("D5", CultureInfo.InvariantCulture);

    private static string Number(string prefix, int i) => prefix + i.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>70 % electricity, 25 % gas, 5 % water.</summary>
    private static string Commodity(int i) => (i % 20) switch
    {
        < 14 => "electricity",
        < 19 => "gas",
        _ => "water",
    };

    private static string Tariff(int i) => Commodity(i) switch
    {
        "electricity" => i % 3 == 0 ? "STROM-OEKO" : "STROM-BASIS",
        "gas" => "GAS-BASIS",
        _ => "WASSER",
    };

    public static void WriteTariffs(TextWriter w)
    {
        w.WriteLine("code;name;commodity;valid_from;energy_price;base_price_per_year");
        w.WriteLine("STROM-BASIS;Musterstadt Strom Basis;electricity;2019-01-01;0,2790;96,00");
        w.WriteLine("STROM-BASIS;Musterstadt Strom Basis;electricity;2020-07-01;0,2950;102,00");
        w.WriteLine("STROM-OEKO;Musterstadt Strom Öko;electricity;2019-01-01;0,2990;108,00");
        w.WriteLine("STROM-OEKO;Musterstadt Strom Öko;electricity;2020-07-01;0,3150;114,00");
        w.WriteLine("GAS-BASIS;Musterstadt Gas Basis;gas;2019-01-01;0,0610;144,00");
        w.WriteLine("GAS-BASIS;Musterstadt Gas Basis;gas;2020-10-01;0,0680;150,00");
        w.WriteLine("WASSER;Musterstadt Trinkwasser;water;2019-01-01;2,1500;60,00");
    }

    public void WriteCustomers(TextWriter w)
    {
        var random = new Random(seed);
        w.WriteLine("customer_number;kind;first_name;last_name;company_name;street;house_number;postal_code;city;country;email;phone;mobile_phone;preferred_channel");
        for (var i = 1; i <= count; i++)
        {
            var business = i % 10 == 0;
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var company = business ? $"\"{Trades[random.Next(Trades.Length)]} {last}; Inh. {first} {last}\"" : string.Empty;
            var email = random.Next(10) < 6 ? $"{Ascii(first)}.{Ascii(last)}{i}@example.de".ToLowerInvariant() : string.Empty;
            var phone = random.Next(10) < 5 ? $"0351 {random.Next(200_000, 9_999_999)}" : string.Empty;
            var mobile = random.Next(10) < 3 ? $"0171 {random.Next(1_000_000, 9_999_999)}" : string.Empty;
            var channel = email.Length > 0 ? "email" : "post";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Number("K", i)};{(business ? "business" : "person")};{(business ? string.Empty : first)};{(business ? string.Empty : last)};{company};{Streets[random.Next(Streets.Length)]};{random.Next(1, 120)};{PostalCode(i)};Musterstadt;DE;{email};{phone};{mobile};{channel}"));
        }
    }

    public void WritePremises(TextWriter w)
    {
        var random = new Random(seed + 1);
        w.WriteLine("premise_number;commodity;street;house_number;postal_code;city;country;market_location_id;metering_location_id;network_area");
        for (var i = 1; i <= count; i++)
        {
            var commodity = Commodity(i);
            var energy = commodity != "water";
            var malo = energy ? MarketLocationId.WithCheckDigit((5_000_000_000L + i).ToString(CultureInfo.InvariantCulture)).Value : string.Empty;
            var melo = commodity == "electricity" && i % 2 == 0 ? $"DE000562{PostalCode(i)}{i.ToString("D20", CultureInfo.InvariantCulture)}" : string.Empty;
            var area = commodity == "gas" ? (i % 2 == 0 ? "Musterstadt-Nord" : "Musterstadt-Süd") : string.Empty;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Number("V", i)};{commodity};{Streets[random.Next(Streets.Length)]};{random.Next(1, 120)};{PostalCode(i)};Musterstadt;;{malo};{melo};{area}"));
        }
    }

    public void WriteContracts(TextWriter w)
    {
        var random = new Random(seed + 2);
        w.WriteLine("contract_number;customer_number;premise_number;tariff_code;start_date;end_date;contract_account_number;iban;bic;account_holder;mandate_reference;mandate_signed_on;installment_amount;installment_first_due;installment_count");
        for (var i = 1; i <= count; i++)
        {
            var start = new DateOnly(2019, 1, 1).AddDays(random.Next(0, 365));
            var end = i % 25 == 0 ? start.AddYears(2).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;
            var bank = random.Next(10) < 8
                ? $"{GermanIban(BankCodes[i % BankCodes.Length], 1_000_000_000L + i)};;{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]};M-{i};{start.AddDays(-14):yyyy-MM-dd}"
                : ";;;;";
            var plan = random.Next(10) < 9 ? $"{random.Next(20, 180)};{start.AddMonths(1):yyyy-MM-dd};11" : ";;";
            w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Number("C", i)};{Number("K", i)};{Number("V", i)};{Tariff(i)};{start:yyyy-MM-dd};{end};{Number("VK", i)};{bank};{plan}"));
        }
    }

    public void WriteMeters(TextWriter w)
    {
        w.WriteLine("meter_number;premise_number;installed_on;removed_on;digits");
        for (var i = 1; i <= count; i++)
        {
            var digits = Commodity(i) == "electricity" ? 6 : 5;
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{Number("Z", i)};{Number("V", i)};2018-{1 + (i % 12):D2}-15;;{digits}"));
        }
    }

    /// <summary>Two readings per meter: the end of 2019 and the end of 2020 (the 2020 billing period), with decimal commas as German exports write them.</summary>
    public void WriteReadings(TextWriter w)
    {
        var random = new Random(seed + 3);
        w.WriteLine("meter_number;date;value;kind;source");
        for (var i = 1; i <= count; i++)
        {
            var first = random.Next(1_000, 40_000) + (random.Next(10) / 10m);
            var yearly = Commodity(i) switch
            {
                "electricity" => random.Next(1_200, 5_000),
                "gas" => random.Next(800, 2_500),
                _ => random.Next(40, 150),
            };
            var meter = Number("Z", i);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{meter};2019-12-31;{Comma(first)};actual;meterReader"));
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{meter};2020-12-31;{Comma(first + yearly)};{(i % 4 == 0 ? "customerReported" : "actual")};{(i % 4 == 0 ? "portal" : "meterReader")}"));
        }
    }

    private static string Comma(decimal value) => value.ToString("0.0", CultureInfo.InvariantCulture).Replace('.', ',');

    private static string Ascii(string name) =>
        name.Replace("ä", "ae", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ü", "ue", StringComparison.Ordinal).Replace("ß", "ss", StringComparison.Ordinal);

    /// <summary>A German IBAN (DEkk + 8-digit bank code + 10-digit account) with correct ISO 7064 check digits.</summary>
    private static string GermanIban(string bankCode, long account)
    {
        var bban = bankCode + account.ToString("D10", CultureInfo.InvariantCulture);
        var remainder = 0;
        foreach (var c in bban + "131400") // D = 13, E = 14, check digits 00
        {
            remainder = (remainder * 10 + (c - '0')) % 97;
        }

        var iban = $"DE{98 - remainder:D2}{bban}";
        Debug.Assert(Iban.Parse(iban).Succeeded, iban);
        return iban;
    }
}
