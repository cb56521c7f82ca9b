using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Stadtwerk.Core;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// Reads CAMT.053 statements (Kontoauszug) and CAMT.054 debit/credit notifications of any version (001.02 to
/// 001.08 and later) by the elements' local names, so the namespace and version do not matter and the small
/// deviations real banks produce are tolerated: optional elements missing, elements in another order, extra
/// whitespace, 001.02 and 001.08 shapes side by side (<c>Sts</c> as text or with <c>Cd</c>, <c>Dbtr/Nm</c> or
/// <c>Dbtr/Pty/Nm</c>), several Ustrd lines, structured remittance, batch entries with several TxDtls.
/// What an import cannot do without is an error naming the entry and line: an entry without amount, currency,
/// credit/debit indicator or booking date, a value that is not a number or a date, XML that is not well-formed.
/// The file is streamed entry by entry; no DTDs or external entities are read.
/// </summary>
public static class CamtReader
{
    private const string NotProvided = "NOTPROVIDED";

    /// <summary>Reads the file; never throws for its content (the stream's own I/O errors pass through).</summary>
    public static ParseResult<CamtFile> Read(Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };

        try
        {
            using var reader = XmlReader.Create(content, settings);
            return ParseResult<CamtFile>.Ok(new Parser(reader).Read());
        }
        catch (CamtFormatException e)
        {
            return ParseResult<CamtFile>.Fail(e.Text);
        }
        catch (XmlException e)
        {
            return ParseResult<CamtFile>.Fail(e.Message.StartsWith("Root element is missing", StringComparison.Ordinal)
                ? "the file is empty or holds no XML element"
                : (Core.Text)$"not well-formed XML: {e.Message.TrimEnd('.')}");
        }
        catch (DecoderFallbackException e)
        {
            return ParseResult<CamtFile>.Fail($"the text does not match its declared encoding: {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>Reads a file from disk (for tests and tools).</summary>
    public static ParseResult<CamtFile> ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    /// <summary>What is wrong with the file, as a <see cref="Core.Text"/> for the page that shows it.</summary>
    private sealed class CamtFormatException(Core.Text text) : Exception(text.ToString())
    {
        public Core.Text Text { get; } = text;
    }

    /// <summary>One pass over the document: Document, message, statements, entries; everything else is skipped.</summary>
    private sealed class Parser(XmlReader reader)
    {
        private readonly List<CamtEntry> entries = [];
        private CamtMessage message;
        private string messageType = string.Empty;
        private int statements;

        private int Line => reader is IXmlLineInfo info ? info.LineNumber : 0;

        public CamtFile Read()
        {
            reader.MoveToContent();
            var namespaceType = MessageTypeOf(reader.NamespaceURI);
            if (reader.LocalName == "Document")
            {
                var found = false;
                ReadChildren(() =>
                {
                    if (found)
                    {
                        reader.Skip();
                        return;
                    }

                    found = true;
                    ReadMessage(namespaceType);
                });
                if (!found)
                {
                    throw new CamtFormatException("the Document element is empty: it holds no statement (BkToCstmrStmt) or notification (BkToCstmrDbtCdtNtfctn)");
                }
            }
            else
            {
                ReadMessage(namespaceType);
            }

            if (statements == 0)
            {
                throw new CamtFormatException(message == CamtMessage.Statement
                    ? "the statement message holds no statement (Stmt)"
                    : "the notification message holds no notification (Ntfctn)");
            }

            return new CamtFile(message, messageType, entries);
        }

        /// <summary>The message element: BkToCstmrStmt (camt.053) or BkToCstmrDbtCdtNtfctn (camt.054); others are named in the error.</summary>
        private void ReadMessage(string? namespaceType)
        {
            var name = reader.LocalName;
            (message, var family, var container) = name switch
            {
                "BkToCstmrStmt" => (CamtMessage.Statement, "camt.053", "Stmt"),
                "BkToCstmrDbtCdtNtfctn" => (CamtMessage.Notification, "camt.054", "Ntfctn"),
                _ => throw new CamtFormatException($"not a bank statement (camt.053) or debit/credit notification (camt.054): the file holds {Describe(name, namespaceType)}"),
            };
            messageType = namespaceType is not null && namespaceType.StartsWith(family, StringComparison.Ordinal) ? namespaceType : family;
            ReadChildren(() =>
            {
                if (reader.LocalName == container)
                {
                    statements++;
                    ReadStatement();
                }
                else
                {
                    reader.Skip();
                }
            });
        }

        private void ReadStatement()
        {
            string? id = null;
            string? iban = null;
            string? currency = null;
            var number = 0;
            ReadChildren(() =>
            {
                switch (reader.LocalName)
                {
                    case "Id":
                        id = Text(LoadElement());
                        break;
                    case "Acct":
                        var account = LoadElement();
                        iban = CompactIban(Text(Path(account, "Id", "IBAN")));
                        currency = Text(Child(account, "Ccy"));
                        break;
                    case "Ntry":
                        var line = Line;
                        entries.Add(ReadEntry(LoadElement(), line, entries.Count + 1, id, ++number, iban, currency));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            });
        }

        private static CamtEntry ReadEntry(XElement entry, int line, int number, string? statementId, int numberInStatement, string? accountIban, string? accountCurrency)
        {
            Core.Text where = $"entry {number} (line {line})";
            var (amount, currency) = Amount(Child(entry, "Amt"), where, accountCurrency)
                ?? throw new CamtFormatException($"{where}: the amount (Amt) is missing");
            var direction = Direction(Child(entry, "CdtDbtInd"), where)
                ?? throw new CamtFormatException($"{where}: the credit/debit indicator (CdtDbtInd) is missing");
            var status = (Text(Child(entry, "Sts")) ?? "BOOK").ToUpperInvariant();
            var booking = Date(Child(entry, "BookgDt"), where, "BookgDt") ?? Date(Child(entry, "ValDt"), where, "ValDt");
            if (booking is null && status == "BOOK")
            {
                throw new CamtFormatException($"{where}: the booking date (BookgDt) and the value date (ValDt) are missing");
            }

            var transactions = new List<CamtTransaction>();
            int? batch = null;
            foreach (var details in Children(entry, "NtryDtls"))
            {
                if (Child(Child(details, "Btch"), "NbOfTxs") is { } count)
                {
                    batch = (batch ?? 0) + (int.TryParse(Text(count), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
                }

                foreach (var transaction in Children(details, "TxDtls"))
                {
                    transactions.Add(ReadTransaction(transaction, $"entry {number}, transaction {transactions.Count + 1}", accountCurrency));
                }
            }

            return new CamtEntry(
                number,
                line,
                statementId,
                numberInStatement,
                accountIban,
                amount,
                currency,
                direction,
                Flag(Child(entry, "RvslInd")),
                status,
                booking,
                Text(Child(entry, "NtryRef")),
                Text(Child(entry, "AcctSvcrRef")),
                Code(Child(entry, "BkTxCd")),
                batch,
                Text(Child(entry, "AddtlNtryInf")),
                transactions);
        }

        private static CamtTransaction ReadTransaction(XElement transaction, Core.Text where, string? accountCurrency)
        {
            Core.Text at = $"{where} (line {LineOf(transaction)})";
            var amount = Amount(Child(transaction, "Amt"), at, accountCurrency)
                ?? Amount(Path(transaction, "AmtDtls", "TxAmt", "Amt"), at, accountCurrency)
                ?? Amount(Path(transaction, "AmtDtls", "InstdAmt", "Amt"), at, accountCurrency);
            var refs = Child(transaction, "Refs");
            var parties = Child(transaction, "RltdPties");
            var remittance = Child(transaction, "RmtInf");
            var structured = Children(remittance, "Strd")
                .SelectMany(s => s.Descendants().Where(d => d.Name.LocalName is "Ref" or "Nb" or "AddtlRmtInf"))
                .Select(Text)
                .OfType<string>()
                .ToList();
            var returned = Child(transaction, "RtrInf");
            var reason = Child(returned, "Rsn");
            return new CamtTransaction(
                LineOf(transaction),
                amount?.Amount,
                amount?.Currency,
                Direction(Child(transaction, "CdtDbtInd"), at),
                new CamtReferences(
                    Reference(refs, "AcctSvcrRef"),
                    Reference(refs, "EndToEndId"),
                    Reference(refs, "MndtId"),
                    Reference(refs, "TxId"),
                    Reference(refs, "InstrId"),
                    Reference(refs, "PmtInfId"),
                    Reference(refs, "MsgId")),
                Party(parties, "Dbtr", "DbtrAcct"),
                Party(parties, "Cdtr", "CdtrAcct"),
                [.. Children(remittance, "Ustrd").Select(Text).OfType<string>()],
                structured,
                returned is not null,
                Text(Child(reason, "Cd")) ?? Text(Child(reason, "Prtry")),
                string.Join(' ', Children(returned, "AddtlInf").Select(Text).OfType<string>()) is { Length: > 0 } info ? info : null,
                Code(Child(transaction, "BkTxCd")),
                Text(Child(transaction, "AddtlTxInf")));
        }

        /// <summary>A reference of Refs; the placeholder NOTPROVIDED (SEPA's "no reference given") is none.</summary>
        private static string? Reference(XElement? refs, string name) =>
            Text(Child(refs, name)) is { } value && !string.Equals(value, NotProvided, StringComparison.OrdinalIgnoreCase) ? value : null;

        /// <summary>Dbtr/Nm (001.02) or Dbtr/Pty/Nm (001.08), or the name of a party that is an agent; the IBAN of its account.</summary>
        private static CamtParty Party(XElement? parties, string party, string account)
        {
            var element = Child(parties, party);
            var name = Text(Child(element, "Nm")) ?? Text(Path(element, "Pty", "Nm")) ?? Text(Path(element, "Agt", "FinInstnId", "Nm"));
            var iban = CompactIban(Text(Path(Child(parties, account), "Id", "IBAN")));
            return name is null && iban is null ? CamtParty.None : new CamtParty(name, iban);
        }

        private static CamtBankCode Code(XElement? code)
        {
            if (code is null)
            {
                return CamtBankCode.None;
            }

            var domain = Child(code, "Domn");
            var family = Child(domain, "Fmly");
            return new CamtBankCode(Text(Child(domain, "Cd")), Text(Child(family, "Cd")), Text(Child(family, "SubFmlyCd")), Text(Path(code, "Prtry", "Cd")));
        }

        private static (decimal Amount, string Currency)? Amount(XElement? element, Core.Text where, string? accountCurrency)
        {
            if (element is null)
            {
                return null;
            }

            var text = Text(element);
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                throw new CamtFormatException($"{where}: the amount '{text}' (line {LineOf(element)}) is not a number like 1234.56");
            }

            if (amount != decimal.Round(amount, 2))
            {
                throw new CamtFormatException($"{where}: the amount {text} (line {LineOf(element)}) has fractions of a cent");
            }

            var currency = Text(element.Attributes().FirstOrDefault(a => a.Name.LocalName == "Ccy")?.Value) ?? accountCurrency;
            if (currency is null)
            {
                throw new CamtFormatException($"{where}: the amount {text} (line {LineOf(element)}) has no currency (Ccy)");
            }

            if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
            {
                throw new CamtFormatException($"{where}: the currency '{currency}' (line {LineOf(element)}) is not a three-letter code like EUR");
            }

            return (decimal.Round(amount, 2), currency.ToUpperInvariant());
        }

        private static CreditDebit? Direction(XElement? element, Core.Text where) => Text(element)?.ToUpperInvariant() switch
        {
            null => null,
            "CRDT" => CreditDebit.Credit,
            "DBIT" => CreditDebit.Debit,
            var other => throw new CamtFormatException($"{where}: the credit/debit indicator '{other}' (line {LineOf(element!)}) is neither CRDT nor DBIT"),
        };

        /// <summary>Dt (a date, possibly with a time zone) or DtTm (its date part).</summary>
        private static DateOnly? Date(XElement? element, Core.Text where, string name)
        {
            var value = Child(element, "Dt") ?? Child(element, "DtTm");
            var text = Text(value);
            if (text is null)
            {
                return null;
            }

            return text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw new CamtFormatException($"{where}: the date {name} '{text}' (line {LineOf(value!)}) is not a date like 2026-01-31");
        }

        private static bool Flag(XElement? element) => Text(element) is "true" or "1";

        /// <summary>Calls <paramref name="child"/> for each child element of the current element, which must consume it.</summary>
        private void ReadChildren(Action child)
        {
            if (reader.IsEmptyElement)
            {
                reader.Read();
                return;
            }

            var depth = reader.Depth;
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    child();
                }
                else
                {
                    reader.Read();
                }
            }

            reader.Read();
        }

        /// <summary>The current element as a tree with line numbers; the reader moves past it.</summary>
        private XElement LoadElement()
        {
            XElement element;
            using (var subtree = reader.ReadSubtree())
            {
                subtree.MoveToContent();
                element = XElement.Load(subtree, LoadOptions.SetLineInfo);
            }

            reader.Read();
            return element;
        }

        private static string? MessageTypeOf(string ns)
        {
            // urn:iso:std:iso:20022:tech:xsd:camt.053.001.02 -> camt.053.001.02
            var last = ns[(ns.LastIndexOf(':') + 1)..];
            return last.Length > 5 && last.Contains('.', StringComparison.Ordinal) && char.IsAsciiLetter(last[0]) ? last : null;
        }

        private static Core.Text Describe(string element, string? namespaceType) => (element, namespaceType) switch
        {
            ("BkToCstmrAcctRpt", _) => "an account report (camt.052, BkToCstmrAcctRpt) of bookings that may still change; import the statement (camt.053) of the day",
            ("CstmrPmtStsRpt", _) => (Core.Text)$"a payment status report ({namespaceType ?? "pain.002"}, CstmrPmtStsRpt), which answers a payment order and books nothing",
            (_, null) => (Core.Text)$"the element {element}",
            _ => (Core.Text)$"{namespaceType} ({element})",
        };
    }

    private static XElement? Child(XElement? parent, string name) =>
        parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement? parent, string name) =>
        parent?.Elements().Where(e => e.Name.LocalName == name) ?? [];

    private static XElement? Path(XElement? parent, params string[] names)
    {
        foreach (var name in names)
        {
            parent = Child(parent, name);
        }

        return parent;
    }

    private static int LineOf(XElement element) => element is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : 0;

    private static string? Text(XElement? element) => element is null ? null : Text(element.Value);

    /// <summary>Trimmed, inner runs of whitespace (line breaks, tabs) as one space; null when empty.</summary>
    private static string? Text(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? CompactIban(string? iban) =>
        iban is null ? null : string.Concat(iban.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
}
