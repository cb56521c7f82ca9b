using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The e-invoice of a bill for business customers: UN/CEFACT Cross Industry Invoice (CII D16B) following EN 16931
/// with the German CIUS XRechnung 3.0: seller and buyer with addresses and electronic addresses, the buyer reference
/// (the contract account), the billing period (BG-14), every bill line as an energy and a base-price line, VAT per
/// rate, installments paid as prepaid amount (BT-113), and SEPA direct debit (code 59 with creditor identifier,
/// mandate reference and debtor IBAN) or transfer (code 58 with the utility's account).
/// </summary>
public enum EInvoiceProfile
{
    /// <summary>XRechnung 3.0 (CII), for public-sector buyers; the buyer reference carries their Leitweg-ID.</summary>
    XRechnung,

    /// <summary>ZUGFeRD 2.4 / Factur-X 1.08, profile EN 16931 (the XML of a hybrid PDF invoice).</summary>
    FacturX,
}

public static class EInvoice
{
    /// <summary>Reads a profile name: xrechnung (also when empty), factur-x or zugferd; zugferd-pdf is Factur-X inside the letter (<paramref name="hybridPdf"/>).</summary>
    public static bool TryParseProfile(string? name, out EInvoiceProfile profile, out bool hybridPdf)
    {
        hybridPdf = string.Equals(name, "zugferd-pdf", StringComparison.OrdinalIgnoreCase);
        (var known, profile) = name?.ToLowerInvariant() switch
        {
            null or "" or "xrechnung" => (true, EInvoiceProfile.XRechnung),
            "factur-x" or "zugferd" or "zugferd-pdf" => (true, EInvoiceProfile.FacturX),
            _ => (false, EInvoiceProfile.XRechnung),
        };
        return known;
    }

    public const string XRechnungGuideline = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0";
    public const string FacturXGuideline = "urn:cen.eu:en16931:2017";
    private static readonly XNamespace Rsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
    private static readonly XNamespace Ram = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
    private static readonly XNamespace Udt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

    /// <summary>Whether the bill can be an e-invoice: a business customer with an e-mail address (the buyer's electronic address, BT-49).</summary>
    public static string? Unavailable(BillLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (letter.Customer.Kind != CustomerKind.Business)
        {
            return $"customer {letter.Customer.CustomerNumber} is not a business; households get the letter";
        }

        return letter.Customer.Email is null ? $"customer {letter.Customer.CustomerNumber} has no e-mail address, which an XRechnung needs as the buyer's electronic address (BT-49)" : null;
    }

    public static string Write(BillLetter letter, EInvoiceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(letter);
        if (Unavailable(letter) is { } reason)
        {
            throw new InvalidOperationException(reason);
        }

        var u = letter.Utility;
        var d = letter.Document;
        var b = letter.Bill;
        var sign = d.Kind == BillKind.Cancellation ? -1 : 1;
        var unit = b.Unit == QuantityUnit.CubicMetre ? "MTQ" : "KWH";
        var lines = new List<XElement>();
        var number = 0;
        foreach (var line in b.Lines)
        {
            var period = $"{line.From:dd.MM.yyyy} – {line.To:dd.MM.yyyy}";
            lines.Add(Line(++number, $"Arbeitspreis {period}", line.EnergyPrice, sign * line.Quantity, unit, sign * line.EnergyNet, line.VatRate, line.From, line.To));
            lines.Add(Line(++number, string.Create(CultureInfo.InvariantCulture, $"Grundpreis {period} ({line.Days} Tage, {line.BasePerYear:0.00} EUR/Jahr)"), line.BaseNet, sign, "C62", sign * line.BaseNet, line.VatRate, line.From, line.To));
        }

        var bank = letter.Contract.BankAccount;
        var customer = letter.Customer;
        var settlement = new XElement(Ram + "ApplicableHeaderTradeSettlement");
        if (bank is not null && letter.CreditorId is { } creditor)
        {
            settlement.Add(new XElement(Ram + "CreditorReferenceID", creditor));
        }

        settlement.Add(
            new XElement(Ram + "PaymentReference", d.Number),
            new XElement(Ram + "InvoiceCurrencyCode", "EUR"),
            bank is not null && letter.CreditorId is not null
                ? new XElement(
                    Ram + "SpecifiedTradeSettlementPaymentMeans",
                    new XElement(Ram + "TypeCode", "59"),
                    new XElement(Ram + "Information", "SEPA-Lastschrift"),
                    new XElement(Ram + "PayerPartyDebtorFinancialAccount", new XElement(Ram + "IBANID", bank.Iban.Value)))
                : new XElement(
                    Ram + "SpecifiedTradeSettlementPaymentMeans",
                    new XElement(Ram + "TypeCode", "58"),
                    new XElement(Ram + "Information", "SEPA-Überweisung"),
                    new XElement(Ram + "PayeePartyCreditorFinancialAccount", new XElement(Ram + "IBANID", u.BankIban), new XElement(Ram + "AccountName", u.Name)),
                    new XElement(Ram + "PayeeSpecifiedCreditorFinancialInstitution", new XElement(Ram + "BICID", u.BankBic))),
            b.Vat.Select(v => new XElement(
                Ram + "ApplicableTradeTax",
                new XElement(Ram + "CalculatedAmount", Amount(sign * v.Amount)),
                new XElement(Ram + "TypeCode", "VAT"),
                new XElement(Ram + "BasisAmount", Amount(sign * v.Net)),
                new XElement(Ram + "CategoryCode", "S"),
                new XElement(Ram + "RateApplicablePercent", Percent(v.Rate)))),
            new XElement(Ram + "BillingSpecifiedPeriod", new XElement(Ram + "StartDateTime", Date(d.PeriodStart)), new XElement(Ram + "EndDateTime", Date(d.PeriodEnd))),
            new XElement(
                Ram + "SpecifiedTradePaymentTerms",
                new XElement(Ram + "Description", Terms(letter)),
                new XElement(Ram + "DueDateDateTime", Date(d.DueOn)),
                bank is not null && letter.CreditorId is not null ? new XElement(Ram + "DirectDebitMandateID", bank.MandateReference) : null),
            new XElement(
                Ram + "SpecifiedTradeSettlementHeaderMonetarySummation",
                new XElement(Ram + "LineTotalAmount", Amount(sign * b.Net)),
                new XElement(Ram + "TaxBasisTotalAmount", Amount(sign * b.Net)),
                new XElement(Ram + "TaxTotalAmount", new XAttribute("currencyID", "EUR"), Amount(sign * b.Vat.Sum(v => v.Amount))),
                new XElement(Ram + "GrandTotalAmount", Amount(sign * b.Gross)),
                new XElement(Ram + "TotalPrepaidAmount", Amount(sign * b.Paid)),
                new XElement(Ram + "DuePayableAmount", Amount(sign * b.Balance))));

        var document = new XElement(
            Rsm + "CrossIndustryInvoice",
            new XAttribute(XNamespace.Xmlns + "rsm", Rsm),
            new XAttribute(XNamespace.Xmlns + "ram", Ram),
            new XAttribute(XNamespace.Xmlns + "udt", Udt),
            new XElement(
                Rsm + "ExchangedDocumentContext",
                new XElement(Ram + "BusinessProcessSpecifiedDocumentContextParameter", new XElement(Ram + "ID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0")),
                new XElement(Ram + "GuidelineSpecifiedDocumentContextParameter", new XElement(Ram + "ID", profile == EInvoiceProfile.XRechnung ? XRechnungGuideline : FacturXGuideline))),
            new XElement(
                Rsm + "ExchangedDocument",
                new XElement(Ram + "ID", d.Number),
                new XElement(Ram + "TypeCode", "380"),
                new XElement(Ram + "IssueDateTime", Date(d.IssuedOn)),
                new XElement(Ram + "IncludedNote", new XElement(Ram + "Content", Title(letter))),
                new XElement(
                    Ram + "IncludedNote",
                    new XElement(Ram + "Content", $"{u.Name}, {u.Street}, {u.PostalCode} {u.City}. {u.Management}. {u.RegisterCourt} {u.RegisterNumber}"),
                    new XElement(Ram + "SubjectCode", "REG"))),
            new XElement(
                Rsm + "SupplyChainTradeTransaction",
                lines,
                new XElement(
                    Ram + "ApplicableHeaderTradeAgreement",
                    new XElement(Ram + "BuyerReference", letter.Customer.LeitwegId?.Value ?? letter.Contract.ContractAccountNumber),
                    new XElement(
                        Ram + "SellerTradeParty",
                        new XElement(Ram + "Name", u.Name),
                        new XElement(
                            Ram + "DefinedTradeContact",
                            new XElement(Ram + "PersonName", "Kundenservice"),
                            new XElement(Ram + "TelephoneUniversalCommunication", new XElement(Ram + "CompleteNumber", u.Phone)),
                            new XElement(Ram + "EmailURIUniversalCommunication", new XElement(Ram + "URIID", u.Email))),
                        Address(u.PostalCode, u.Street, u.City, "DE"),
                        new XElement(Ram + "URIUniversalCommunication", new XElement(Ram + "URIID", new XAttribute("schemeID", "EM"), u.Email)),
                        new XElement(Ram + "SpecifiedTaxRegistration", new XElement(Ram + "ID", new XAttribute("schemeID", "VA"), u.VatId))),
                    new XElement(
                        Ram + "BuyerTradeParty",
                        new XElement(Ram + "ID", customer.CustomerNumber),
                        new XElement(Ram + "Name", customer.CompanyName ?? customer.DisplayName),
                        Address(customer.Address.PostalCode, $"{customer.Address.Street} {customer.Address.HouseNumber}", customer.Address.City, customer.Address.Country),
                        new XElement(Ram + "URIUniversalCommunication", new XElement(Ram + "URIID", new XAttribute("schemeID", "EM"), customer.Email!.Value))),
                    new XElement(Ram + "ContractReferencedDocument", new XElement(Ram + "IssuerAssignedID", letter.Contract.ContractNumber))),
                new XElement(
                    Ram + "ApplicableHeaderTradeDelivery",
                    new XElement(
                        Ram + "ShipToTradeParty",
                        new XElement(Ram + "Name", $"Lieferstelle {letter.Premise.PremiseNumber}"),
                        Address(letter.Premise.Address.PostalCode, $"{letter.Premise.Address.Street} {letter.Premise.Address.HouseNumber}", letter.Premise.Address.City, letter.Premise.Address.Country))),
                settlement));

        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), document).Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static XElement Line(int id, string name, decimal price, decimal quantity, string unit, decimal net, decimal vatRate, DateOnly from, DateOnly to) =>
        new(
            Ram + "IncludedSupplyChainTradeLineItem",
            new XElement(Ram + "AssociatedDocumentLineDocument", new XElement(Ram + "LineID", id.ToString(CultureInfo.InvariantCulture))),
            new XElement(Ram + "SpecifiedTradeProduct", new XElement(Ram + "Name", name)),
            new XElement(Ram + "SpecifiedLineTradeAgreement", new XElement(Ram + "NetPriceProductTradePrice", new XElement(Ram + "ChargeAmount", price.ToString("0.0000", CultureInfo.InvariantCulture)))),
            new XElement(Ram + "SpecifiedLineTradeDelivery", new XElement(Ram + "BilledQuantity", new XAttribute("unitCode", unit), quantity.ToString("0.####", CultureInfo.InvariantCulture))),
            new XElement(
                Ram + "SpecifiedLineTradeSettlement",
                new XElement(Ram + "ApplicableTradeTax", new XElement(Ram + "TypeCode", "VAT"), new XElement(Ram + "CategoryCode", "S"), new XElement(Ram + "RateApplicablePercent", Percent(vatRate))),
                new XElement(Ram + "BillingSpecifiedPeriod", new XElement(Ram + "StartDateTime", Date(from)), new XElement(Ram + "EndDateTime", Date(to))),
                new XElement(Ram + "SpecifiedTradeSettlementLineMonetarySummation", new XElement(Ram + "LineTotalAmount", Amount(net)))));

    private static XElement Address(string postalCode, string line, string city, string country) =>
        new(
            Ram + "PostalTradeAddress",
            new XElement(Ram + "PostcodeCode", postalCode),
            new XElement(Ram + "LineOne", line),
            new XElement(Ram + "CityName", city),
            new XElement(Ram + "CountryID", country));

    private static XElement Date(DateOnly date) =>
        new(Udt + "DateTimeString", new XAttribute("format", "102"), date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Percent(decimal rate) => (rate * 100).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Title(BillLetter letter) => letter.Document.Kind switch
    {
        BillKind.Cancellation => $"Stornorechnung zu Rechnung {letter.CancelledBillNumber}",
        BillKind.FinalBill => "Schlussrechnung",
        _ => "Jahresabrechnung",
    } + $", Vertrag {letter.Contract.ContractNumber}, Abnahmestelle {letter.Premise.Address.Street} {letter.Premise.Address.HouseNumber}, {letter.Premise.Address.PostalCode} {letter.Premise.Address.City}";

    private static string Terms(BillLetter letter)
    {
        var d = letter.Document;
        var due = d.DueOn.ToString("dd.MM.yyyy", CultureInfo.GetCultureInfo("de-DE"));
        // What the document does with the money: a claim is collected (with a mandate) or paid by transfer; a credit is
        // always paid out, to the account on file (a mandate collects, it never pays out); a balanced account asks nothing.
        return d.Balance switch
        {
            < 0 when letter.Contract.BankAccount is { } account => $"Das Guthaben überweisen wir bis {due} auf Ihr Konto {BillLetterPdf.Masked(account.Iban.Value)}.",
            < 0 => $"Das Guthaben erstatten wir bis {due}; bitte teilen Sie uns dafür Ihre Bankverbindung mit.",
            0 => "Es ist nichts zu zahlen.",
            _ when letter.Contract.BankAccount is not null && letter.CreditorId is not null => $"Der Betrag wird am {due} per SEPA-Lastschrift eingezogen.",
            _ => $"Zahlbar ohne Abzug bis {due}.",
        };
    }
}
