using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Billing;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Persistence;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>
/// One bill as the clerk sees it: what kind of document, for which contract and period, its lines, VAT and balance,
/// the readings it used, where its letter is, the documents it cancels or that replace it, and its PDF and e-invoice.
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class BillModel(StadtwerkDbContext db, BillLetters letters, LetterStates states) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Number { get; set; } = string.Empty;

    public BillLetter Letter { get; private set; } = null!;

    public string? LetterState { get; private set; }

    /// <summary>The documents linked with this one: the bill it cancels or replaces, and the ones that cancel or replace it.</summary>
    public IReadOnlyList<(string Number, string Relation)> Related { get; private set; } = [];

    public string KindText => KindOf(Letter.Document);

    public static string KindOf(IssuedBill bill) => bill.Kind switch
    {
        BillKind.Cancellation => Ui.Say("Stornorechnung", "Cancellation"),
        BillKind.FinalBill => Ui.Say("Schlussrechnung", "Final bill"),
        _ => bill.ReferencesBillId is null ? Ui.Say("Jahresabrechnung", "Annual bill") : Ui.Say("Korrigierte Rechnung", "Corrected bill"),
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await letters.LoadAsync(Number, ct) is not { } letter)
        {
            return NotFound();
        }

        Letter = letter;
        var bill = letter.Document;
        LetterState = (await states.StatesAsync([bill.Id], ct)).TryGetValue(bill.Id, out var state) ? ContractActionMessages.Letter(state) : null;
        var related = new List<(string, string)>();
        if (bill.ReferencesBillId is { } referenced && await db.IssuedBills.AsNoTracking().FirstOrDefaultAsync(b => b.Id == referenced, ct) is { } original)
        {
            related.Add((original.Number, bill.Kind == BillKind.Cancellation ? Ui.Say("storniert diese Rechnung", "cancels this bill") : Ui.Say("ersetzt diese stornierte Rechnung", "replaces this cancelled bill")));
        }

        foreach (var later in await db.IssuedBills.AsNoTracking().Where(b => b.ReferencesBillId == bill.Id).ToListAsync(ct))
        {
            related.Add((later.Number, later.Kind == BillKind.Cancellation ? Ui.Say("Stornobeleg dazu", "its cancellation") : Ui.Say("korrigierte Rechnung dazu", "its corrected bill")));
        }

        Related = related;
        return Page();
    }
}
