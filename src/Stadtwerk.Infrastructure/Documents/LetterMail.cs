using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

public abstract record ResendResult
{
    private ResendResult()
    {
    }

    public sealed record Queued(string To) : ResendResult;

    public sealed record NotFound(string What) : ResendResult;

    public sealed record Invalid(string Message) : ResendResult;
}

/// <summary>
/// The e-mail of a bill's letter: to whom (customers who chose e-mail or the portal and gave an address), what it says
/// for the kind of document (bill, final bill, cancellation, correction), with the PDF attached or a signed link; and
/// the same letter sent again on request.
/// </summary>
public sealed class LetterMail(StadtwerkDbContext db, BillLetters letters, DocumentSettings settings, DocumentLinks links, TimeProvider clock)
{
    /// <summary>Sends the stored letter of a bill again by e-mail, the same bytes.</summary>
    public async Task<ResendResult> ResendAsync(string billNumber, CancellationToken ct)
    {
        var bill = await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Number == billNumber, ct);
        var document = bill is null ? null : await db.StoredDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.BillId == bill.Id, ct);
        if (bill is null || document is null)
        {
            return new ResendResult.NotFound(bill is null ? $"Bill {billNumber}" : $"The letter of bill {billNumber} (not dispatched yet)");
        }

        var letter = await letters.LoadAsync(bill, ct);
        if (letter.Customer.Email is not { } address)
        {
            return new ResendResult.Invalid($"customer {letter.Customer.CustomerNumber} has no e-mail address; the letter goes by post");
        }

        db.OutgoingEmails.Add(Compose(letter, address.Value, document, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return new ResendResult.Queued(address.Value);
    }

    /// <summary>The address to e-mail a letter to: customers who chose e-mail or the portal and gave one.</summary>
    public static string? AddressOf(Customer customer) =>
        customer.Email is { } email && customer.PreferredChannel is ContactChannel.Email or ContactChannel.Portal ? email.Value : null;

    public OutgoingEmail Compose(BillLetter letter, string to, StoredDocument document, DateTimeOffset now)
    {
        var bill = letter.Document;
        var german = CultureInfo.GetCultureInfo("de-DE");
        var name = letter.Customer.Kind == CustomerKind.Business ? letter.Customer.CompanyName : $"{letter.Customer.FirstName} {letter.Customer.LastName}";
        var period = $"{bill.PeriodStart.ToString("dd.MM.yyyy", german)} bis {bill.PeriodEnd.ToString("dd.MM.yyyy", german)}";
        var amount = bill.Balance switch
        {
            > 0 => string.Create(german, $"Ihre Nachzahlung beträgt {bill.Balance:N2} €."),
            < 0 => string.Create(german, $"Ihr Guthaben beträgt {-bill.Balance:N2} €."),
            _ => "Ihr Konto ist ausgeglichen.",
        };

        // What the document is: a cancellation undoes a bill (no new claim, no new credit), a correction replaces one.
        var (title, opening) = bill.Kind switch
        {
            BillKind.Cancellation => (
                "Stornorechnung",
                $"mit der Stornorechnung {bill.Number} heben wir die Rechnung {letter.CancelledBillNumber} für den Zeitraum {period} auf. Beträge daraus verrechnen wir mit Ihrem Vertragskonto; erhalten Sie eine korrigierte Rechnung, gilt nur noch diese."),
            BillKind.FinalBill => ("Schlussrechnung", $"Ihre Schlussrechnung {bill.Number} für den Zeitraum {period} ist da. {amount}"),
            _ when bill.ReferencesBillId is not null => ("korrigierte Rechnung", $"Ihre korrigierte Rechnung {bill.Number} für den Zeitraum {period} ist da; sie ersetzt die stornierte Rechnung{(letter.CancelledBillNumber is { } replaced ? " " + replaced : string.Empty)}. {amount}"),
            _ => ("Rechnung", $"Ihre Rechnung {bill.Number} für den Zeitraum {period} ist da. {amount}"),
        };
        var (link, lastDay) = links.For(document.Id, UtilityCalendar.Today(now));
        var until = lastDay.ToString("dd.MM.yyyy", german);
        var where = settings.EmailAttachment
            ? $"Alle Einzelheiten stehen in der angehängten PDF-Datei. Sie können das Dokument bis zum {until} auch hier abrufen:\n{link}"
            : $"Das Dokument mit allen Einzelheiten können Sie bis zum {until} hier abrufen (PDF):\n{link}";
        var body = $"Guten Tag {name},\n\n{opening}\n\n{where}\n\nFragen beantworten wir gern: {letter.Utility.Hotline}, {letter.Utility.Email}.\n\nMit freundlichen Grüßen\n{letter.Utility.Name}\n";
        return OutgoingEmail.Create(to, $"Ihre {title} {bill.Number} von {letter.Utility.Name}", body, $"bill:{bill.Number}", now, settings.EmailAttachment ? document.Id : null);
    }
}
