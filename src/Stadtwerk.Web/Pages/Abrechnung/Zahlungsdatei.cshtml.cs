using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Infrastructure.Payments;
using Stadtwerk.Web.Api;

namespace Stadtwerk.Web.Pages.Abrechnung;

/// <summary>
/// One SEPA file as the clerk sees it: a direct-debit file (pain.008, /abrechnung/einzug/dateien/{messageId}) or a
/// credit-transfer file (pain.001, /abrechnung/erstattungen/dateien/{messageId}): its totals, how many of its entries
/// stand in each status, and the entries page by page with contract and customer, filtered by status. One page model
/// serves both routes: the two files differ only in their entries' words.
/// </summary>
[Authorize(Policy = ApiPolicies.Billing)]
public sealed class PaymentFileModel(PaymentFileOverviews overviews) : PageModel
{
    /// <summary>Direct debits (true) or credit transfers (false), from the route.</summary>
    public bool IsDirectDebit { get; private set; }

    public PaymentFilePage<DirectDebitFile>? Debits { get; private set; }

    public PaymentFilePage<CreditTransferFile>? Transfers { get; private set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "seite")]
    public int PageNumber { get; set; } = 1;

    [BindProperty(SupportsGet = true, Name = "vertrag")]
    public string? ContractNumber { get; set; }

    public string MessageId { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string kind, string messageId, CancellationToken ct)
    {
        MessageId = messageId;
        IsDirectDebit = kind == "einzug";
        if (IsDirectDebit)
        {
            DirectDebitStatus? status = Enum.TryParse<DirectDebitStatus>(Status, ignoreCase: true, out var s) ? s : null;
            Debits = await overviews.DirectDebitFileAsync(messageId, PageNumber, status, ContractNumber, ct);
            return Debits is null ? NotFound() : Page();
        }

        CreditTransferStatus? transferStatus = Enum.TryParse<CreditTransferStatus>(Status, ignoreCase: true, out var t) ? t : null;
        Transfers = await overviews.CreditTransferFileAsync(messageId, PageNumber, transferStatus, ContractNumber, ct);
        return Transfers is null ? NotFound() : Page();
    }

    /// <summary>The status of an entry in words ("von der Bank abgelehnt", "Gebucht").</summary>
    public string StatusText(string status) => IsDirectDebit
        ? Enum.TryParse<DirectDebitStatus>(status, out var d) ? MoneyTexts.DebitStatus(d) : status
        : Enum.TryParse<CreditTransferStatus>(status, out var c) ? MoneyTexts.PayoutStatus(c) : status;

    public string KindText(string kind) => Enum.TryParse<DirectDebitKind>(kind, out var k) ? MoneyTexts.DebitKind(k) : German.IsEnglish ? "Refund" : "Erstattung";
}
