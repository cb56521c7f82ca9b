using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Stadtwerk.Core.Accounts;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// One credit transfer of a file, such as a refund paid out to a customer: the customer receiving the money is the
/// creditor of the transfer, with name and IBAN; the remittance text tells them what the money is for.
/// </summary>
public sealed record SepaTransfer(string EndToEndId, decimal Amount, string CreditorName, string CreditorIban, string Remittance);

/// <summary>
/// Writes and checks SEPA credit-transfer files, ISO 20022 pain.001.001.09 as the EPC's 2023 SCT implementation
/// guidelines restrict it: one payment information with the requested execution date and the utility as debtor
/// (its name, IBAN and BIC, or NOTPROVIDED without one), each transfer with its end-to-end ID, amount in EUR, the
/// creditor's name and IBAN and the remittance text. Texts are reduced to the SEPA Latin character set. Counts and
/// control sums are written from the same figures they check.
/// </summary>
public static class Pain001
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";

    /// <summary>The largest amount a single SEPA credit transfer may carry.</summary>
    private const decimal MaxAmount = 999_999_999.99m;

    /// <summary>The characters of the SEPA Latin character set apart from letters and digits.</summary>
    private const string SepaPunctuation = "/-?:().,'+ ";

    private static readonly XNamespace Ns = Namespace;
    private static readonly Lazy<XmlSchemaSet> Schemas = new(LoadSchemas);

    /// <summary>
    /// The payment information ID of the transfers in the file <paramref name="messageId"/>: the message ID followed
    /// by <c>.0</c>, since a credit-transfer file holds exactly one payment information (as the index in
    /// <see cref="Pain008.PaymentInformationId"/>). Bank status reports (pain.002) name it as OrgnlPmtInfId.
    /// </summary>
    public static string PaymentInformationId(string messageId) => $"{messageId}.0";

    /// <summary>
    /// The credit-transfer file <paramref name="messageId"/> paying <paramref name="transfers"/> from the account of
    /// <paramref name="utility"/> on <paramref name="executionDate"/>. The message ID must leave room for the
    /// payment information ID (at most 33 characters); amounts must be positive EUR amounts with at most two decimals.
    /// Names are cut to 70 characters, remittance texts to 140 and end-to-end IDs to 35, after umlauts and other
    /// characters outside the SEPA Latin character set were replaced (ä by ae, ß by ss, é by e, &amp; by +).
    /// </summary>
    /// <exception cref="ArgumentException">No transfer, an amount that is not positive, has more than two decimals
    /// or exceeds the SEPA maximum, an empty creditor name or end-to-end ID, or an unfit message ID.</exception>
    public static string Write(string messageId, DateTimeOffset createdAt, SepaCreditor utility, DateOnly executionDate, IReadOnlyList<SepaTransfer> transfers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentNullException.ThrowIfNull(utility);
        ArgumentNullException.ThrowIfNull(transfers);
        if (messageId.Length > 33)
        {
            throw new ArgumentException($"The message ID {messageId} is longer than 33 characters, so its payment information ID would not fit 35.", nameof(messageId));
        }

        if (transfers.Count == 0)
        {
            throw new ArgumentException("A credit-transfer file needs at least one transfer.", nameof(transfers));
        }

        foreach (var transfer in transfers)
        {
            ArgumentNullException.ThrowIfNull(transfer, nameof(transfers));
            if (transfer.Amount <= 0m)
            {
                throw new ArgumentException($"The transfer {transfer.EndToEndId} has the amount {transfer.Amount.ToString(CultureInfo.InvariantCulture)}, but only positive amounts can be paid out.", nameof(transfers));
            }

            if (decimal.Round(transfer.Amount, 2) != transfer.Amount)
            {
                throw new ArgumentException($"The transfer {transfer.EndToEndId} has the amount {transfer.Amount.ToString(CultureInfo.InvariantCulture)}, but EUR amounts have at most two decimals.", nameof(transfers));
            }

            if (transfer.Amount > MaxAmount)
            {
                throw new ArgumentException($"The transfer {transfer.EndToEndId} has the amount {transfer.Amount.ToString(CultureInfo.InvariantCulture)}, more than a SEPA credit transfer may carry ({Amount(MaxAmount)}).", nameof(transfers));
            }

            if (SepaText(transfer.EndToEndId ?? string.Empty, 35).Length == 0)
            {
                throw new ArgumentException("A transfer has no end-to-end ID.", nameof(transfers));
            }

            if (SepaText(transfer.CreditorName ?? string.Empty, 70).Length == 0)
            {
                throw new ArgumentException($"The transfer {transfer.EndToEndId} has no creditor name in the SEPA character set.", nameof(transfers));
            }
        }

        var document = new XElement(
            Ns + "Document",
            new XElement(
                Ns + "CstmrCdtTrfInitn",
                new XElement(
                    Ns + "GrpHdr",
                    new XElement(Ns + "MsgId", messageId),
                    new XElement(Ns + "CreDtTm", createdAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)),
                    new XElement(Ns + "NbOfTxs", transfers.Count.ToString(CultureInfo.InvariantCulture)),
                    new XElement(Ns + "CtrlSum", Amount(transfers.Sum(t => t.Amount))),
                    new XElement(Ns + "InitgPty", new XElement(Ns + "Nm", SepaText(utility.Name, 70)))),
                PaymentInformation(PaymentInformationId(messageId), utility, executionDate, transfers)));
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            new XDocument(new XDeclaration("1.0", "UTF-8", null), document).Save(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// The problems of a pain.001.001.09 file: against the EPC's SCT schema; then what the schema cannot check: the
    /// check digits of the debtor's and the creditors' IBANs, that every amount is in EUR, and the numbers of
    /// transactions and control sums of the group and of every payment information. None: the file is fit to send.
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

        // Elements the schema set has no declaration for (another namespace) pass validation without even a warning.
        if (document.Root!.Name != Ns + "Document")
        {
            return [$"not a pain.001.001.09 file: the root element is {{{document.Root.Name.NamespaceName}}}{document.Root.Name.LocalName}"];
        }

        document.Validate(Schemas.Value, (_, e) => problems.Add($"line {e.Exception?.LineNumber}: {e.Message}"));
        if (problems.Count > 0)
        {
            return problems;
        }

        foreach (var iban in document.Descendants(Ns + "IBAN").Select(e => e.Value).Distinct(StringComparer.Ordinal))
        {
            if (Iban.Parse(iban).Error is { } error)
            {
                problems.Add(error);
            }
        }

        var root = document.Root!.Element(Ns + "CstmrCdtTrfInitn")!;
        var header = root.Element(Ns + "GrpHdr")!;
        var payments = root.Elements(Ns + "PmtInf").ToList();
        var all = payments.SelectMany(p => p.Elements(Ns + "CdtTrfTxInf")).ToList();
        foreach (var transaction in all)
        {
            var currency = InstructedAmount(transaction).Attribute("Ccy")!.Value;
            if (currency != "EUR")
            {
                problems.Add($"transaction {transaction.Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!.Value} is in {currency}, but SEPA credit transfers are in EUR");
            }
        }

        Check(problems, "the group header", header, all);
        foreach (var payment in payments)
        {
            Check(problems, $"payment information {payment.Element(Ns + "PmtInfId")?.Value}", payment, [.. payment.Elements(Ns + "CdtTrfTxInf")]);
        }

        return problems;
    }

    private static void Check(List<string> problems, string where, XElement element, List<XElement> transactions)
    {
        if (element.Element(Ns + "NbOfTxs") is { } count && count.Value != transactions.Count.ToString(CultureInfo.InvariantCulture))
        {
            problems.Add($"{where} says {count.Value} transactions, but holds {transactions.Count}");
        }

        var sum = transactions.Sum(t => decimal.Parse(InstructedAmount(t).Value, CultureInfo.InvariantCulture));
        if (element.Element(Ns + "CtrlSum") is { } control && decimal.Parse(control.Value, CultureInfo.InvariantCulture) != sum)
        {
            problems.Add($"{where} has the control sum {control.Value}, but its amounts add up to {Amount(sum)}");
        }
    }

    private static XElement InstructedAmount(XElement transaction) => transaction.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!;

    private static XElement PaymentInformation(string id, SepaCreditor utility, DateOnly executionDate, IReadOnlyList<SepaTransfer> transfers) =>
        new(
            Ns + "PmtInf",
            new XElement(Ns + "PmtInfId", id),
            new XElement(Ns + "PmtMtd", "TRF"),
            new XElement(Ns + "BtchBookg", "true"),
            new XElement(Ns + "NbOfTxs", transfers.Count.ToString(CultureInfo.InvariantCulture)),
            new XElement(Ns + "CtrlSum", Amount(transfers.Sum(t => t.Amount))),
            new XElement(Ns + "PmtTpInf", new XElement(Ns + "SvcLvl", new XElement(Ns + "Cd", "SEPA"))),
            new XElement(Ns + "ReqdExctnDt", new XElement(Ns + "Dt", executionDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            new XElement(Ns + "Dbtr", new XElement(Ns + "Nm", SepaText(utility.Name, 70))),
            new XElement(Ns + "DbtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", utility.Iban.Value))),
            new XElement(Ns + "DbtrAgt", Agent(utility.Bic)),
            new XElement(Ns + "ChrgBr", "SLEV"),
            transfers.Select(Transaction));

    private static XElement Transaction(SepaTransfer transfer)
    {
        var remittance = SepaText(transfer.Remittance ?? string.Empty, 140);
        return new(
            Ns + "CdtTrfTxInf",
            new XElement(Ns + "PmtId", new XElement(Ns + "EndToEndId", SepaText(transfer.EndToEndId, 35))),
            new XElement(Ns + "Amt", new XElement(Ns + "InstdAmt", new XAttribute("Ccy", "EUR"), Amount(transfer.Amount))),
            new XElement(Ns + "Cdtr", new XElement(Ns + "Nm", SepaText(transfer.CreditorName, 70))),
            new XElement(Ns + "CdtrAcct", new XElement(Ns + "Id", new XElement(Ns + "IBAN", ElectronicIban(transfer.CreditorIban)))),
            remittance.Length == 0 ? null : new XElement(Ns + "RmtInf", new XElement(Ns + "Ustrd", remittance)));
    }

    /// <summary>The BIC, or NOTPROVIDED: within SEPA the IBAN is enough (IBAN-only), as the SCT rulebook allows.</summary>
    private static XElement Agent(Bic? bic) =>
        new(Ns + "FinInstnId", bic is null ? new XElement(Ns + "Othr", new XElement(Ns + "Id", "NOTPROVIDED")) : new XElement(Ns + "BICFI", bic.Value));

    /// <summary>The IBAN as typed, without spaces and in upper case; its check digits are for <see cref="Validate"/> to check.</summary>
    private static string ElectronicIban(string? iban) =>
        string.Concat((iban ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="text"/> in the SEPA Latin character set (letters a to z and A to Z, digits, space and
    /// <c>/ - ? : ( ) . , ' +</c>), cut to <paramref name="max"/> characters: German umlauts and ß spelled out
    /// (ä → ae, ß → ss), other accented letters without their accents (é → e), &amp; → +, € → EUR, any other
    /// character replaced by a space; runs of white space become one space.
    /// </summary>
    private static string SepaText(string text, int max)
    {
        var latin = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            var replacement = c switch
            {
                'ä' => "ae",
                'ö' => "oe",
                'ü' => "ue",
                'Ä' => "Ae",
                'Ö' => "Oe",
                'Ü' => "Ue",
                'ß' => "ss",
                'ẞ' => "SS",
                'æ' => "ae",
                'Æ' => "AE",
                'œ' => "oe",
                'Œ' => "OE",
                'ø' => "o",
                'Ø' => "O",
                'ł' => "l",
                'Ł' => "L",
                'đ' => "d",
                'Đ' => "D",
                '&' => "+",
                '€' => "EUR",
                _ => null,
            };
            if (replacement is not null)
            {
                latin.Append(replacement);
                continue;
            }

            foreach (var part in c.ToString().Normalize(NormalizationForm.FormD))
            {
                if (char.IsAsciiLetterOrDigit(part) || SepaPunctuation.Contains(part, StringComparison.Ordinal))
                {
                    latin.Append(part);
                }
                else if (CharUnicodeInfo.GetUnicodeCategory(part) != UnicodeCategory.NonSpacingMark)
                {
                    latin.Append(' ');
                }
            }
        }

        var words = latin.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var joined = string.Join(' ', words);
        return joined.Length <= max ? joined : joined[..max].TrimEnd();
    }

    private static XmlSchemaSet LoadSchemas()
    {
        using var stream = typeof(Pain001).Assembly.GetManifestResourceStream("pain.001.001.09.xsd")
            ?? throw new InvalidOperationException("The pain.001.001.09 schema is not embedded.");
        using var reader = XmlReader.Create(stream);
        var set = new XmlSchemaSet();
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }
}
