using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>The utility as SEPA creditor (configuration section <c>Sepa</c>).</summary>
public sealed record SepaCreditor(string Name, Iban Iban, Bic? Bic, CreditorIdentifier Id);

/// <summary>FRST for the first collection under a mandate, RCUR for the following ones.</summary>
public enum SequenceType
{
    First,
    Recurring,
}

/// <summary>One direct debit of a file: the amount, the mandate, the debtor's account and the remittance text.</summary>
public sealed record SepaDebit(string EndToEndId, decimal Amount, string MandateId, DateOnly MandateSignedOn, string DebtorName, string DebtorIban, string Remittance, SequenceType Sequence);

/// <summary>
/// Writes and checks SEPA direct-debit files, ISO 20022 pain.008.001.08 (SEPA Core): one payment information per
/// sequence type, the collection date, the creditor with IBAN, BIC and creditor identifier, each debit with its
/// mandate reference and signature date. Counts and control sums are written from the same figures they check.
/// </summary>
public static class Pain008
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";
    private static readonly XNamespace Ns = Namespace;
    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchemas);

    /// <summary>The payment information ID a debit of <paramref name="sequence"/> gets in a file of these debits.</summary>
    public static string PaymentInformationId(string messageId, IReadOnlyList<SepaDebit> debits, SequenceType sequence)
    {
        ArgumentNullException.ThrowIfNull(debits);
        var index = debits.Select(d => d.Sequence).Distinct().Order().ToList().IndexOf(sequence);
        return $"{messageId}.{index}";
    }

    public static string Write(string messageId, DateTimeOffset createdAt, SepaCreditor creditor, DateOnly collectionDate, IReadOnlyList<SepaDebit> collections)
    {
        ArgumentNullException.ThrowIfNull(creditor);
        ArgumentNullException.ThrowIfNull(collections);
        if (collections.Count == 0)
        {
            throw new ArgumentException("A direct-debit file needs at least one collection.", nameof(collections));
        }

        var groups = collections.GroupBy(c => c.Sequence).OrderBy(g => g.Key).ToList();
        var document = new XElement(
            Ns + "Document",
            new XElement(
                Ns + "CstmrDrctDbtInitn",
                new XElement(
                    Ns + "GrpHdr",
                    new XElement(Ns + "MsgId", messageId),
                    new XElement(Ns + "CreDtTm", createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
                    new XElement(Ns + "NbOfTxs", collections.Count.ToString(CultureInfo.InvariantCulture)),
                    new XElement(Ns + "CtrlSum", Amount(collections.Sum(c => c.Amount))),
                    new XElement(Ns + "InitgPty", new XElement(Ns + "Nm", Text(creditor.Name, 70)))),
                groups.Select((group, index) => PaymentInformation($"{messageId}.{index}", creditor, collectionDate, group.Key, [.. group]))));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), document).Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The problems of a pain.008.001.08 file: against the ISO schema; then what the schema cannot check: the check
    /// digits of creditor identifiers and IBANs, and the numbers of transactions and control sums of the group and of
    /// every payment information. None: the file is fit to send.
    /// </summary>
    public static IReadOnlyList<string> Validate(string xml)
    {
        var problems = new List<string>();
        XDocument document;
        try
        {
            document = XDocument.Parse(xml, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            return [$"not XML: {e.Message}"];
        }

        document.Validate(Schemas.Value, (_, e) => problems.Add($"line {e.Exception?.LineNumber}: {e.Message}"));
        if (problems.Count > 0)
        {
            return problems;
        }

        foreach (var id in document.Descendants(Ns + "CdtrSchmeId").Select(e => e.Descendants(Ns + "Id").Last().Value))
        {
            if (CreditorIdentifier.Parse(id).Error is { } error)
            {
                problems.Add(error);
            }
        }

        foreach (var iban in document.Descendants(Ns + "IBAN").Select(e => e.Value).Distinct(StringComparer.Ordinal))
        {
            if (Iban.Parse(iban).Error is { } error)
            {
                problems.Add(error);
            }
        }

        var root = document.Root!.Element(Ns + "CstmrDrctDbtInitn")!;
        var header = root.Element(Ns + "GrpHdr")!;
        var payments = root.Elements(Ns + "PmtInf").ToList();
        var all = payments.SelectMany(p => p.Elements(Ns + "DrctDbtTxInf")).ToList();
        Check(problems, "the group header", header, all);
        foreach (var payment in payments)
        {
            Check(problems, $"payment information {payment.Element(Ns + "PmtInfId")?.Value}", payment, [.. payment.Elements(Ns + "DrctDbtTxInf")]);
        }

        return problems;
    }

    private static void Check(List<string> problems, string where, XElement element, List<XElement> transactions)
    {
        if (element.Element(Ns + "NbOfTxs") is { } count && count.Value != transactions.Count.ToString(CultureInfo.InvariantCulture))
        {
            problems.Add($"{where} says {count.Value} transactions, but holds {transactions.Count}");
        }

        var sum = transactions.Sum(t => decimal.Parse(t.Element(Ns + "InstdAmt")!.Value, CultureInfo.InvariantCulture));
        if (element.Element(Ns + "CtrlSum") is { } control && decimal.Parse(control.Value, CultureInfo.InvariantCulture) != sum)
        {
            problems.Add($"{where} has the control sum {control.Value}, but its amounts add up to {Amount(sum)}");
        }
    }

    private static XElement PaymentInformation(string id, SepaCreditor creditor, DateOnly collectionDate, SequenceType sequence, List<SepaDebit> collections) =>
        new(
            Ns + "PmtInf",
            new XElement(Ns + "PmtInfId", id),
            new XElement(Ns + "PmtMtd", "DD"),
            new XElement(Ns + "BtchBookg", "true"),
            new XElement(Ns + "NbOfTxs", collections.Count.ToString(CultureInfo.InvariantCulture)),
            new XElement(Ns + "CtrlSum", Amount(collections.Sum(c => c.Amount))),
            new XElement(
                Ns + "PmtTpInf",
                new XElement(Ns + "SvcLvl", new XElement(Ns + "Cd", "SEPA")),
                new XElement(Ns + "LclInstrm", new XElement(Ns + "Cd", "CORE")),
                new XElement(Ns + "SeqTp", sequence == SequenceType.First ? "FRST" : "RCUR")),
            new XElement(Ns + "ReqdColltnDt", collectionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new XElement(Ns + "Cdtr", new XElement(Ns + "Nm", Text(creditor.Name, 70))),
            new XElement(Ns + "CdtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", creditor.Iban.Value))),
            new XElement(Ns + "CdtrAgt", Agent(creditor.Bic)),
            new XElement(Ns + "ChrgBr", "SLEV"),
            new XElement(
                Ns + "CdtrSchmeId",
                new XElement(Ns + "Id", new XElement(Ns + "PrvtId", new XElement(
                    Ns + "Othr",
                    new XElement(Ns + "Id", creditor.Id.Value),
                    new XElement(Ns + "SchmeNm", new XElement(Ns + "Prtry", "SEPA")))))),
            collections.Select(c => new XElement(
                Ns + "DrctDbtTxInf",
                new XElement(Ns + "PmtId", new XElement(Ns + "EndToEndId", Text(c.EndToEndId, 35))),
                new XElement(Ns + "InstdAmt", new XAttribute("Ccy", "EUR"), Amount(c.Amount)),
                new XElement(Ns + "DrctDbtTx", new XElement(
                    Ns + "MndtRltdInf",
                    new XElement(Ns + "MndtId", c.MandateId),
                    new XElement(Ns + "DtOfSgntr", c.MandateSignedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
                new XElement(Ns + "DbtrAgt", Agent(null)),
                new XElement(Ns + "Dbtr", new XElement(Ns + "Nm", Text(c.DebtorName, 70))),
                new XElement(Ns + "DbtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", c.DebtorIban))),
                new XElement(Ns + "RmtInf", new XElement(Ns + "Ustrd", Text(c.Remittance, 140))))));

    /// <summary>The BIC, or NOTPROVIDED: within SEPA the IBAN is enough (IBAN-only).</summary>
    private static XElement Agent(Bic? bic) =>
        new(Ns + "FinInstnId", bic is null ? new XElement(Ns + "Othr", new XElement(Ns + "Id", "NOTPROVIDED")) : new XElement(Ns + "BICFI", bic.Value));

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Text(string text, int max)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= max ? trimmed : trimmed[..max];
    }

    private static XmlSchemaSet LoadSchemas()
    {
        using var stream = typeof(Pain008).Assembly.GetManifestResourceStream("pain.008.001.08.xsd")
            ?? throw new InvalidOperationException("The pain.008.001.08 schema is not embedded.");
        using var reader = XmlReader.Create(stream);
        var set = new XmlSchemaSet();
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }
}
