using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Cases;
using Stadtwerk.Core.Contracts;
using Stadtwerk.Infrastructure.Cases;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>
/// What a returned direct debit (Rücklastschrift) booked on a contract does besides the ledger entry, in the booking's
/// transaction: the collection entry it names (its end-to-end id is the entry's id) is marked returned with the
/// reason, and a case is opened for the staff to settle the amount with the customer.
/// </summary>
internal static class ReturnedDebits
{
    public static async Task RecordAsync(StadtwerkDbContext db, IReadOnlyCollection<(BankTransaction Transaction, Contract Contract)> returns, DateTimeOffset now, CancellationToken ct)
    {
        if (returns.Count == 0)
        {
            return;
        }

        // Our end-to-end id is the collection entry's id.
        var named = returns.Select(r => (r.Transaction, r.Contract, DebitId: Guid.TryParseExact(r.Transaction.EndToEndId, "N", out var id) ? id : (Guid?)null)).ToList();
        var ids = named.Select(r => r.DebitId).OfType<Guid>().ToList();
        var debits = ids.Count == 0 ? [] : await db.DirectDebits.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var german = CultureInfo.GetCultureInfo("de-DE");
        var cases = new List<CaseToOpen>();
        foreach (var (transaction, contract, debitId) in named)
        {
            var debit = debitId is { } id ? debits.GetValueOrDefault(id) : null;
            debit?.Return(transaction.ReturnReason);
            var what = debit is null
                ? $"Eine Lastschrift (Mandat {transaction.MandateReference ?? "unbekannt"}, Referenz {transaction.EndToEndId ?? "keine"})"
                : $"Die Lastschrift {debit.GermanDescription()}";
            cases.Add(new CaseToOpen(
                CaseKind.ReturnedDebit,
                contract,
                string.Create(german, $"Rücklastschrift: {transaction.Amount:N2} € am {transaction.BookingDate:dd.MM.yyyy}"),
                string.Create(german, $"{what} über {transaction.Amount:N2} € kam am {transaction.BookingDate:dd.MM.yyyy} zurück. Grund: {SepaReturnReasons.Describe(transaction.ReturnReason)}. Der Betrag ist auf dem Vertragskonto wieder offen: bitte mit dem Kunden klären (neue Bankverbindung, Überweisung oder Zahlungsvereinbarung)."),
                $"bank-transaction:{transaction.Id:N}"));
        }

        await CaseOpening.OpenAsync(db, cases, CaseOpening.System, now, ct);
    }
}
