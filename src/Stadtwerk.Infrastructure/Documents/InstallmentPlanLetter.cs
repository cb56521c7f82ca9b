using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PdfSharp.Pdf;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The installment-plan letter (Abschlagsplan): the contract's current plan with every due date and amount, and how
/// it is paid: the SEPA pre-notification with creditor identifier and mandate, or the account to transfer to.
/// Sent after an installment change; one page, the same letterhead as the bill.
/// </summary>
public sealed class InstallmentPlanLetters(StadtwerkDbContext db, UtilityProfile utility, SepaSettings sepa, TimeProvider clock)
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The letter, or none when the contract is unknown or has no installment plan.</summary>
    public async Task<byte[]?> RenderAsync(string contractNumber, CancellationToken ct)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.ContractNumber == contractNumber, ct);
        if (contract?.InstallmentPlan is not { } plan)
        {
            return null;
        }

        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == contract.CustomerId, ct);
        var today = UtilityCalendar.Today(clock.GetUtcNow());
        var creditor = sepa.Creditor().Value?.Id.Value;
        EmbeddedFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Abschlagsplan {contract.ContractNumber}";
        document.Info.Author = utility.Name;
        using (var p = new LetterPage(document.AddPage(), utility))
        {
            var address = customer.Address;
            p.Letterhead(
                [BillLetterPdf.CustomerName(customer), $"{address.Street} {address.HouseNumber}", $"{address.PostalCode} {address.City}"],
                [
                    ("Kundennummer", customer.CustomerNumber),
                    ("Vertragskonto", contract.ContractAccountNumber),
                    ("Vertrag", contract.ContractNumber),
                    ("Datum", today.ToString("dd.MM.yyyy", German)),
                    ("Fragen zum Abschlag", utility.Hotline),
                ]);
            var dues = plan.DueDates();
            p.Text(20, 98, $"Ihr Abschlagsplan ab {dues[0].ToString("dd.MM.yyyy", German)}", LetterPage.Bold(12));
            var y = p.Paragraph(20, 105, 170, $"Guten Tag {BillLetterPdf.CustomerName(customer)},\nIhr monatlicher Abschlag beträgt {plan.Amount.ToString("N2", German)} €. Hier sind alle Termine:", LetterPage.Regular(9)) + 4;
            y = p.Heading(20, y, "Termine und Beträge");
            y = p.Table(20, y, [20, 50, 40], ["Nr.", "Fällig am", "Betrag"],
                [.. dues.Select((due, i) => new[] { (i + 1).ToString(German), due.ToString("dd.MM.yyyy", German), plan.Amount.ToString("N2", German) + " €" })],
                rightColumns: [2]);
            y = p.Summary(20, y + 1, 110, [("Zusammen", (plan.Amount * dues.Count).ToString("N2", German) + " €")]);
            var payment = contract.BankAccount is { } bank
                ? $"Wir ziehen die Abschläge an diesen Tagen per SEPA-Lastschrift von Ihrem Konto {bank.Iban.Value[..4]} **** **** {bank.Iban.Value[^4..]} ein ({(creditor is null ? string.Empty : $"Gläubiger-ID {creditor}, ")}Mandatsreferenz {bank.MandateReference}). Dieses Schreiben ist die Vorabankündigung (Pre-Notification)."
                : $"Bitte überweisen Sie die Abschläge jeweils zum Fälligkeitstag auf {utility.BankIban} ({utility.BankName}, BIC {utility.BankBic}), Verwendungszweck {contract.ContractAccountNumber}. Bequemer geht es per Lastschrift: Das Formular dafür schicken wir Ihnen gern.";
            y = p.Paragraph(20, y + 4, 170, payment, LetterPage.Regular(8.5));
            p.Paragraph(20, y + 3, 170, $"Verbrauchen Sie deutlich mehr oder weniger, passen wir den Abschlag an: im Kundenportal ({utility.Portal}) oder unter {utility.Hotline}. Die Abschläge werden mit der nächsten Jahresabrechnung verrechnet.", LetterPage.Regular(8.5));
            p.Footer(1, 1);
        }

        return PdfOutput.Save(document);
    }
}
