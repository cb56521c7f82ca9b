using System.Globalization;
using System.Text;
using Bogus;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Premises;

namespace Stadtwerk.Infrastructure.Demo;

/// <summary>
/// Draws the identifiers of the demo from one seeded randomizer, each unique where the real world needs it:
/// market and metering location IDs, meter numbers, IBANs, phone numbers and e-mail addresses.
/// </summary>
internal sealed class DemoIdentifiers(Randomizer random)
{
    private readonly HashSet<string> marketLocations = new(StringComparer.Ordinal);
    private readonly HashSet<string> meteringLocations = new(StringComparer.Ordinal);
    private readonly HashSet<string> meterNumbers = new(StringComparer.Ordinal);
    private readonly HashSet<string> ibans = new(StringComparer.Ordinal);
    private readonly HashSet<string> emails = new(StringComparer.OrdinalIgnoreCase);
    private static readonly string[] ElectronicMeterMakers = ["1ESY", "1EMH", "1ISK", "1EBZ"];
    private static readonly string[] FerrarisMeterMakers = ["1AEG", "1LGZ"];
    private static readonly string[] GasMeterMakers = ["7GMT", "7ELS"];
    private Queue<string>? phonePool;

    /// <summary>A market location ID (MaLo): ten random digits, the first not zero, and their check digit.</summary>
    public MarketLocationId MarketLocation()
    {
        while (true)
        {
            var id = MarketLocationId.WithCheckDigit(random.Number(1, 9).ToString(CultureInfo.InvariantCulture) + random.Replace("#########"));
            if (marketLocations.Add(id.Value))
            {
                return id;
            }
        }
    }

    /// <summary>A metering location ID (MeLo): DE, the network operator, the postal code and a 20-character point number.</summary>
    public MeteringLocationId MeteringLocation(string operatorNumber, string postalCode)
    {
        while (true)
        {
            var text = $"DE{operatorNumber}{postalCode}0000000000{random.Replace("##########")}";
            if (meteringLocations.Add(text))
            {
                return MeteringLocationId.Create(text);
            }
        }
    }

    /// <summary>
    /// A meter number in the style of the commodity: electronic electricity meters "1ESY…"/"1EMH…", old Ferraris meters
    /// "1AEG…", gas "7GMT…"/"7ELS…", water "W…", heat meters "WMZ…".
    /// </summary>
    public string MeterNumber(Commodity commodity, bool ferraris)
    {
        while (true)
        {
            var number = commodity switch
            {
                Commodity.Electricity when ferraris => random.ArrayElement(FerrarisMeterMakers) + random.Replace("########"),
                Commodity.Electricity => random.ArrayElement(ElectronicMeterMakers) + random.Replace("##########"),
                Commodity.Gas => random.ArrayElement(GasMeterMakers) + random.Replace("########"),
                Commodity.Water => "W" + random.Replace("#########"),
                Commodity.Heat => "WMZ" + random.Replace("########"),
                _ => throw new ArgumentOutOfRangeException(nameof(commodity), commodity, "Unknown commodity."),
            };
            if (meterNumbers.Add(number))
            {
                return number;
            }
        }
    }

    /// <summary>A German IBAN at one of the demo banks with a random 10-digit account number and computed check digits.</summary>
    public (Iban Iban, Bic Bic) BankAccount()
    {
        var bank = DemoCatalog.Banks[WeightedIndex(random, DemoCatalog.Banks.Select(b => b.Weight))];
        while (true)
        {
            var iban = GermanIban(bank.BankCode, random.Replace("##########"));
            if (ibans.Add(iban))
            {
                return (Iban.Create(iban), Bic.Create(bank.Bic));
            }
        }
    }

    /// <summary>A landline number from the never-assigned "Drama Numbers", each handed out once.</summary>
    public PhoneNumber? Phone()
    {
        phonePool ??= new Queue<string>(random.Shuffle(
            DemoCatalog.PhoneRanges.SelectMany(prefix => Enumerable.Range(0, 1000).Select(n => $"{prefix} {n:000}"))));
        return phonePool.TryDequeue(out var number) ? PhoneNumber.Create(number) : null;
    }

    /// <summary>An e-mail address made of the words given, at a reserved .example domain, unique.</summary>
    public EmailAddress Email(string localPart, string? domain = null)
    {
        var baseName = Slug(localPart, '.');
        domain ??= DemoCatalog.EmailDomains[random.Number(0, DemoCatalog.EmailDomains.Count - 1)];
        var candidate = $"{baseName}@{domain}";
        var suffix = 1;
        while (!emails.Add(candidate))
        {
            suffix++;
            candidate = string.Create(CultureInfo.InvariantCulture, $"{baseName}{suffix}@{domain}");
        }

        return EmailAddress.Create(candidate);
    }

    /// <summary>An index drawn in proportion to the weights.</summary>
    public static int WeightedIndex(Randomizer random, IEnumerable<int> weights)
    {
        var list = weights.ToList();
        var draw = random.Number(0, list.Sum() - 1);
        for (var i = 0; i < list.Count; i++)
        {
            draw -= list[i];
            if (draw < 0)
            {
                return i;
            }
        }

        return list.Count - 1;
    }

    /// <summary>The German IBAN of a bank code and account number: DE, check digits (ISO 7064 MOD 97-10), BLZ, account.</summary>
    public static string GermanIban(string bankCode, string accountNumber)
    {
        var bban = bankCode + accountNumber.PadLeft(10, '0');
        // Rearranged: BBAN, then "DE00" with the letters as numbers (D = 13, E = 14).
        var remainder = 0;
        foreach (var c in bban + "131400")
        {
            remainder = (remainder * 10 + (c - '0')) % 97;
        }

        return string.Create(CultureInfo.InvariantCulture, $"DE{98 - remainder:00}{bban}");
    }

    /// <summary>A company's name for its web and mail domain: without the legal form, in lower-case ASCII.</summary>
    public static string CompanyDomain(string companyName)
    {
        var words = companyName.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !LegalForms.Contains(word));
        return Slug(string.Join(' ', words), '-') + ".example";
    }

    private static readonly HashSet<string> LegalForms = new(StringComparer.Ordinal) { "GmbH", "KG", "Co.", "&", "e.K.", "OHG", "AG", "Dr." };

    /// <summary>Lower-case ASCII for e-mail addresses and domain names: umlauts spelt out, other characters dropped.</summary>
    public static string Slug(string text, char separator)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            switch (lower)
            {
                case 'ä': builder.Append("ae"); break;
                case 'ö': builder.Append("oe"); break;
                case 'ü': builder.Append("ue"); break;
                case 'ß': builder.Append("ss"); break;
                case 'é' or 'è' or 'ê': builder.Append('e'); break;
                case 'á' or 'à' or 'â': builder.Append('a'); break;
                case ' ' or '-' or '.' or '&':
                    if (builder.Length > 0 && builder[^1] != separator)
                    {
                        builder.Append(separator);
                    }

                    break;
                default:
                    if (char.IsAsciiLetterOrDigit(lower))
                    {
                        builder.Append(lower);
                    }

                    break;
            }
        }

        return builder.ToString().Trim(separator);
    }
}
