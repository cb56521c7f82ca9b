using System.Globalization;
using System.Security;
using System.Text;
using Stadtwerk.Core.Tests;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>One transaction (TxDtls) of a test entry.</summary>
internal sealed record TestTransaction(
    decimal Amount,
    string? Name = null,
    string? Iban = null,
    string? Remittance = null,
    string? EndToEndId = null,
    string? MandateId = null,
    string? ReturnReason = null,
    string? CreditorReference = null);

/// <summary>One entry (Ntry) of a test file; its amount is the sum of its transactions.</summary>
internal sealed record TestEntry(string? Reference, string Direction, string Date, TestTransaction[] Transactions, bool Reversal = false, string Code = "NTRF+166", string Family = "RCDT/ESCT")
{
    public static TestEntry Credit(string? reference, string date, params TestTransaction[] transactions) => new(reference, "CRDT", date, transactions);

    public static TestEntry Debit(string? reference, string date, params TestTransaction[] transactions) => new(reference, "DBIT", date, transactions, Family: "ICDT/ESCT");
}

/// <summary>
/// Writes camt.053.001.02 statements and camt.054.001.08 notifications modelled on the German sample
/// (../shared/bank/camt053/de-vrbank-camt053.001.02.xml): GrpHdr, Stmt with Acct and balances, entries with
/// ZKA/DK proprietary codes, TxDtls with Refs, RltdPties and Ustrd; with the untidy whitespace of real files.
/// </summary>
internal static class CamtXml
{
    public const string UtilityIban = "DE14740618130000033626";

    public static string SampleFolder(string message) => Path.Combine(SharedFiles.Root, "bank", message);

    public static string Statement(string id, params TestEntry[] entries) => Document("camt.053.001.02", "BkToCstmrStmt", "Stmt", id, entries);

    public static string Notification(string id, params TestEntry[] entries) => Document("camt.054.001.08", "BkToCstmrDbtCdtNtfctn", "Ntfctn", id, entries);

    public static Stream AsStream(string xml) => new MemoryStream(Encoding.UTF8.GetBytes(xml));

    private static string Document(string type, string message, string container, string id, TestEntry[] entries)
    {
        var xml = new StringBuilder();
        xml.Append(CultureInfo.InvariantCulture, $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:{type}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
            <{message}>
              <GrpHdr>
                <MsgId>{id}-MSG</MsgId>
                <CreDtTm>2026-03-02T22:04:52.0+01:00</CreDtTm>
              </GrpHdr>
              <{container}>
                <Id>{id}</Id>
                <ElctrncSeqNb>42</ElctrncSeqNb>
                <CreDtTm>2026-03-02T22:04:52.0+01:00</CreDtTm>
                <Acct>
                  <Id>
                    <IBAN> {UtilityIban} </IBAN>
                  </Id>
                  <Ccy>EUR</Ccy>
                  <Ownr><Nm>Stadtwerk Musterstadt GmbH</Nm></Ownr>
                </Acct>
                <Bal>
                  <Tp><CdOrPrtry><Cd>PRCD</Cd></CdOrPrtry></Tp>
                  <Amt Ccy="EUR">1000.00</Amt>
                  <CdtDbtInd>CRDT</CdtDbtInd>
                  <Dt><Dt>2026-03-01</Dt></Dt>
                </Bal>

            """);
        foreach (var entry in entries)
        {
            Entry(xml, entry);
        }

        xml.Append(CultureInfo.InvariantCulture, $"""
              </{container}>
            </{message}>
            </Document>

            """);
        return xml.ToString();
    }

    private static void Entry(StringBuilder xml, TestEntry entry)
    {
        var (family, subFamily) = (entry.Family.Split('/')[0], entry.Family.Split('/')[1]);
        xml.Append(CultureInfo.InvariantCulture, $"""
                <Ntry>
                  <Amt Ccy="EUR">{Amount(entry.Transactions.Sum(t => t.Amount))}</Amt>
                  <CdtDbtInd>{entry.Direction}</CdtDbtInd>
                  {(entry.Reversal ? "<RvslInd>true</RvslInd>" : string.Empty)}
                  <Sts>BOOK</Sts>
                  <BookgDt>
                    <Dt>{entry.Date}</Dt>
                  </BookgDt>
                  <ValDt><Dt>{entry.Date}</Dt></ValDt>
                  {(entry.Reference is null ? string.Empty : $"<AcctSvcrRef>{entry.Reference}</AcctSvcrRef>")}
                  <BkTxCd>
                    <Domn><Cd>PMNT</Cd><Fmly><Cd>{family}</Cd><SubFmlyCd>{subFamily}</SubFmlyCd></Fmly></Domn>
                    <Prtry><Cd>{entry.Code}</Cd><Issr>DK</Issr></Prtry>
                  </BkTxCd>
                  <NtryDtls>

            """);
        if (entry.Transactions.Length > 1)
        {
            xml.Append(CultureInfo.InvariantCulture, $"          <Btch><NbOfTxs>{entry.Transactions.Length}</NbOfTxs></Btch>\n");
        }

        foreach (var t in entry.Transactions)
        {
            xml.Append(CultureInfo.InvariantCulture, $"""
                        <TxDtls>
                          <Refs>
                            <EndToEndId>{Text(t.EndToEndId) ?? "NOTPROVIDED"}</EndToEndId>
                            {(t.MandateId is null ? string.Empty : $"<MndtId>{Text(t.MandateId)}</MndtId>")}
                          </Refs>
                          <AmtDtls><TxAmt><Amt Ccy="EUR">{Amount(t.Amount)}</Amt></TxAmt></AmtDtls>
                          <RltdPties>
                            <Dbtr><Nm>{Text(t.Name)}</Nm></Dbtr>
                            {(t.Iban is null ? string.Empty : $"<DbtrAcct><Id><IBAN>{t.Iban}</IBAN></Id></DbtrAcct>")}
                            <Cdtr><Nm>Stadtwerk Musterstadt GmbH</Nm></Cdtr>
                          </RltdPties>
                          <RmtInf>
                            {(t.Remittance is null ? string.Empty : $"<Ustrd>  {Text(t.Remittance)}  </Ustrd>")}
                            {(t.CreditorReference is null ? string.Empty : $"<Strd><CdtrRefInf><Ref>{Text(t.CreditorReference)}</Ref></CdtrRefInf></Strd>")}
                          </RmtInf>
                          {(t.ReturnReason is null ? string.Empty : $"<RtrInf><Rsn><Cd>{t.ReturnReason}</Cd></Rsn><AddtlInf>Ruecklastschrift</AddtlInf></RtrInf>")}
                        </TxDtls>

                """);
        }

        xml.Append("""
                  </NtryDtls>
                  <AddtlNtryInf>SEPA Buchung</AddtlNtryInf>
                </Ntry>

            """);
    }

    private static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    private static string? Text(string? text) => text is null ? null : SecurityElement.Escape(text);
}
