using System.Globalization;
using System.Xml.Linq;
using System.Xml.Schema;
using Shouldly;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Tests;
using Stadtwerk.Infrastructure.Payments;

namespace Stadtwerk.Integration.Tests.Payments;

/// <summary>
/// SEPA credit-transfer files (pain.001.001.09) for refunds: what is written passes the EPC's SCT schema in
/// ../shared/schemas/pain, adds up and speaks the SEPA character set; the project's own check finds wrong sums,
/// wrong IBANs and schema violations. No database.
/// </summary>
public sealed class Pain001Tests
{
    private static readonly XNamespace Ns = Pain001.Namespace;
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(1));
    private static readonly DateOnly ExecutionDate = new(2026, 12, 3);

    private static readonly SepaCreditor Utility = new(
        "Stadtwerke Musterstadt GmbH",
        Iban.Create("DE89370400440532013000"),
        Bic.Create("COBADEFFXXX"),
        CreditorIdentifier.Parse("DE98ZZZ09999999999").Value!);

    private static readonly SepaTransfer[] Refunds =
    [
        new("R-2026-0001", 12.50m, "Jürgen Größe & Söhne", "DE02 1203 0000 0000 2020 51", "Rückzahlung Guthaben Jahresabrechnung 2025, Zählernr. 4711 – Vertrag 100200"),
        new("R-2026-0002", 1234.56m, "Anna Beispiel", "DE02500105170137075030", "Guthaben Wasser 2025"),
        new("R-2026-0003", 0.01m, "Élodie Øster", "AT611904300234573201", "Erstattung"),
    ];

    [Fact]
    public void A_written_file_passes_the_shared_schema_and_adds_up()
    {
        var xml = Pain001.Write("STW-R-20261203-1", CreatedAt, Utility, ExecutionDate, Refunds);

        var document = CheckAgainstSharedSchema(xml);
        var header = document.Descendants(Ns + "GrpHdr").Single();
        header.Element(Ns + "MsgId")!.Value.ShouldBe("STW-R-20261203-1");
        header.Element(Ns + "CreDtTm")!.Value.ShouldBe("2026-12-01T08:30:00");
        header.Element(Ns + "NbOfTxs")!.Value.ShouldBe("3");
        header.Element(Ns + "CtrlSum")!.Value.ShouldBe("1247.07");

        var payment = document.Descendants(Ns + "PmtInf").ShouldHaveSingleItem();
        payment.Element(Ns + "PmtInfId")!.Value.ShouldBe(Pain001.PaymentInformationId("STW-R-20261203-1"));
        payment.Element(Ns + "PmtMtd")!.Value.ShouldBe("TRF");
        payment.Element(Ns + "BtchBookg")!.Value.ShouldBe("true");
        payment.Element(Ns + "NbOfTxs")!.Value.ShouldBe("3");
        payment.Element(Ns + "CtrlSum")!.Value.ShouldBe("1247.07");
        payment.Element(Ns + "PmtTpInf")!.Element(Ns + "SvcLvl")!.Element(Ns + "Cd")!.Value.ShouldBe("SEPA");
        payment.Element(Ns + "ReqdExctnDt")!.Element(Ns + "Dt")!.Value.ShouldBe("2026-12-03");
        payment.Element(Ns + "ChrgBr")!.Value.ShouldBe("SLEV");
        payment.Element(Ns + "Dbtr")!.Element(Ns + "Nm")!.Value.ShouldBe("Stadtwerke Musterstadt GmbH");
        payment.Element(Ns + "DbtrAcct")!.Descendants(Ns + "IBAN").Single().Value.ShouldBe("DE89370400440532013000");
        payment.Element(Ns + "DbtrAgt")!.Descendants(Ns + "BICFI").Single().Value.ShouldBe("COBADEFFXXX");

        var transactions = payment.Elements(Ns + "CdtTrfTxInf").ToList();
        transactions.Select(t => t.Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!.Value).ShouldBe(["R-2026-0001", "R-2026-0002", "R-2026-0003"]);
        transactions.Select(t => t.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!.Value).ShouldBe(["12.50", "1234.56", "0.01"]);
        transactions.ShouldAllBe(t => t.Element(Ns + "Amt")!.Element(Ns + "InstdAmt")!.Attribute("Ccy")!.Value == "EUR");
        transactions.Select(t => t.Element(Ns + "CdtrAcct")!.Descendants(Ns + "IBAN").Single().Value).ShouldBe(["DE02120300000000202051", "DE02500105170137075030", "AT611904300234573201"]);
        transactions[1].Element(Ns + "RmtInf")!.Element(Ns + "Ustrd")!.Value.ShouldBe("Guthaben Wasser 2025");
        Pain001.Validate(xml).ShouldBeEmpty();
    }

    [Fact]
    public void Amounts_are_written_in_the_invariant_culture_and_without_a_BIC_the_agent_is_NOTPROVIDED()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        string xml;
        try
        {
            xml = Pain001.Write("STW-R-2", CreatedAt, Utility with { Bic = null }, ExecutionDate, [new("R-1", 1000.5m, "Anna Beispiel", "DE02500105170137075030", "Guthaben")]);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        var document = CheckAgainstSharedSchema(xml);
        document.Descendants(Ns + "InstdAmt").Single().Value.ShouldBe("1000.50");
        document.Descendants(Ns + "CtrlSum").Select(e => e.Value).ShouldBe(["1000.50", "1000.50"]);
        var agent = document.Descendants(Ns + "DbtrAgt").Single().Element(Ns + "FinInstnId")!;
        agent.Element(Ns + "BICFI").ShouldBeNull();
        agent.Element(Ns + "Othr")!.Element(Ns + "Id")!.Value.ShouldBe("NOTPROVIDED");
        Pain001.Validate(xml).ShouldBeEmpty();
    }

    [Fact]
    public void Texts_are_transliterated_to_the_SEPA_character_set_and_cut_to_their_lengths()
    {
        var transfers = new SepaTransfer[]
        {
            Refunds[0],
            Refunds[2],
            new(new string('E', 40), 5m, "Günther " + new string('x', 80), "DE02500105170137075030", "Müller " + new string('y', 200)),
            new("R-4", 5m, "Anna Beispiel", "DE02500105170137075030", "   "),
        };
        var xml = Pain001.Write("STW-R-3", CreatedAt, Utility with { Name = "Städtische Werke Überlingen" }, ExecutionDate, transfers);

        var document = CheckAgainstSharedSchema(xml);
        document.Descendants(Ns + "InitgPty").Single().Element(Ns + "Nm")!.Value.ShouldBe("Staedtische Werke Ueberlingen");
        document.Descendants(Ns + "Dbtr").Single().Element(Ns + "Nm")!.Value.ShouldBe("Staedtische Werke Ueberlingen");
        var transactions = document.Descendants(Ns + "CdtTrfTxInf").ToList();
        var names = transactions.Select(t => t.Element(Ns + "Cdtr")!.Element(Ns + "Nm")!.Value).ToList();
        names[0].ShouldBe("Juergen Groesse + Soehne");
        names[1].ShouldBe("Elodie Oster");
        names[2].ShouldBe("Guenther " + new string('x', 61));
        names[2].Length.ShouldBe(70);
        var remittances = transactions.Select(t => t.Element(Ns + "RmtInf")?.Element(Ns + "Ustrd")?.Value).ToList();
        remittances[0].ShouldBe("Rueckzahlung Guthaben Jahresabrechnung 2025, Zaehlernr. 4711 Vertrag 100200");
        remittances[2]!.Length.ShouldBe(140);
        remittances[2]!.ShouldStartWith("Mueller yyy");
        remittances[3].ShouldBeNull("an empty remittance text is left out");
        transactions[2].Element(Ns + "PmtId")!.Element(Ns + "EndToEndId")!.Value.ShouldBe(new string('E', 35));

        var sepaLatin = new System.Text.RegularExpressions.Regex(@"^[A-Za-z0-9/\-?:().,'+ ]*$");
        document.Descendants().Where(e => !e.HasElements).ShouldAllBe(e => sepaLatin.IsMatch(e.Value));
        Pain001.Validate(xml).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_finds_a_wrong_control_sum_and_a_wrong_number_of_transactions()
    {
        var document = XDocument.Parse(Pain001.Write("STW-R-4", CreatedAt, Utility, ExecutionDate, Refunds));
        document.Descendants(Ns + "GrpHdr").Single().Element(Ns + "CtrlSum")!.Value = "1247.08";
        document.Descendants(Ns + "PmtInf").Single().Element(Ns + "NbOfTxs")!.Value = "2";

        var problems = Pain001.Validate(document.ToString());

        problems.Count.ShouldBe(2);
        problems.ShouldContain("the group header has the control sum 1247.08, but its amounts add up to 1247.07");
        problems.ShouldContain("payment information STW-R-4.0 says 2 transactions, but holds 3");
    }

    [Fact]
    public void Validate_finds_a_wrong_IBAN_check_digit_of_a_creditor_and_of_the_debtor()
    {
        var xml = Pain001.Write("STW-R-5", CreatedAt, Utility, ExecutionDate, [Refunds[1] with { CreditorIban = "DE03500105170137075030" }]);
        Pain001.Validate(xml).ShouldHaveSingleItem().ShouldBe("IBAN DE03500105170137075030 fails the check digits (mod 97)");

        var document = XDocument.Parse(Pain001.Write("STW-R-6", CreatedAt, Utility, ExecutionDate, Refunds));
        document.Descendants(Ns + "DbtrAcct").Single().Descendants(Ns + "IBAN").Single().Value = "DE88370400440532013000";
        Pain001.Validate(document.ToString()).ShouldHaveSingleItem().ShouldContain("DE88370400440532013000 fails the check digits");
    }

    [Fact]
    public void Validate_reports_schema_violations_and_what_is_not_XML()
    {
        var document = XDocument.Parse(Pain001.Write("STW-R-7", CreatedAt, Utility, ExecutionDate, Refunds));
        document.Descendants(Ns + "PmtMtd").Single().Value = "CHK";
        document.Descendants(Ns + "CdtTrfTxInf").First().Element(Ns + "Cdtr")!.Remove();

        var problems = Pain001.Validate(document.ToString());

        problems.Count.ShouldBe(2);
        problems.ShouldAllBe(p => p.StartsWith("line ", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("PmtMtd", StringComparison.Ordinal));
        problems.ShouldContain(p => p.Contains("CdtrAcct", StringComparison.Ordinal));
        Pain001.Validate("<Document").ShouldHaveSingleItem().ShouldStartWith("not XML: ");
        Pain001.Validate(File.ReadAllText(Path.Combine(SharedFiles.Root, "schemas", "samples", "sepajs-pain.008.001.08.xml"))).ShouldHaveSingleItem()
            .ShouldBe("not a pain.001.001.09 file: the root element is {urn:iso:std:iso:20022:tech:xsd:pain.008.001.08}Document", "a direct-debit file is no credit-transfer file");
    }

    [Fact]
    public void Write_refuses_an_empty_list_and_amounts_that_cannot_be_paid_out()
    {
        Should.Throw<ArgumentException>(() => Pain001.Write("STW-R-8", CreatedAt, Utility, ExecutionDate, []))
            .ParamName.ShouldBe("transfers");
        foreach (var amount in new[] { 0m, -5m, 12.345m, 0.001m, 1_000_000_000m })
        {
            Should.Throw<ArgumentException>(() => Pain001.Write("STW-R-8", CreatedAt, Utility, ExecutionDate, [Refunds[0], Refunds[1] with { Amount = amount }]))
                .ParamName.ShouldBe("transfers");
        }

        Should.Throw<ArgumentException>(() => Pain001.Write("STW-R-8", CreatedAt, Utility, ExecutionDate, [Refunds[0] with { CreditorName = " — " }]));
        Should.Throw<ArgumentException>(() => Pain001.Write(new string('M', 34), CreatedAt, Utility, ExecutionDate, Refunds))
            .ParamName.ShouldBe("messageId");
        Pain001.Validate(Pain001.Write("STW-R-8", CreatedAt, Utility, ExecutionDate, [Refunds[0] with { Amount = 12.500m }])).ShouldBeEmpty("12.500 has no third decimal");
    }

    /// <summary>Validates against ../shared/schemas/pain/pain.001.001.09.xsd, not the copy embedded in the assembly.</summary>
    private static XDocument CheckAgainstSharedSchema(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(Pain001.Namespace, Path.Combine(SharedFiles.Root, "schemas", "pain", "pain.001.001.09.xsd"));
        var document = XDocument.Parse(xml);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        errors.ShouldBeEmpty();
        return document;
    }
}
