using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Stadtwerk.Core.Accounts;
using Stadtwerk.Core.Cases;
using Stadtwerk.Infrastructure.Cases;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Payments;

/// <summary>A rejection in a bank's status report: a whole payment information, or one transaction, with the reason.</summary>
public sealed record StatusRejection(string OriginalMessageId, string? PaymentInformationId, string? EndToEndId, string Reason);

/// <summary>
/// Reads a customer payment status report (pain.002, any version: the elements are the same in 001.03 and
/// 001.10) for rejections (RJCT) at payment-information or transaction level, with reason code and text.
/// </summary>
public static class Pain002Reader
{
    public static IReadOnlyList<StatusRejection> Read(string xml)
    {
        var document = XDocument.Parse(xml);
        var report = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "CstmrPmtStsRpt")
            ?? throw new StatusReportFormatException("not a payment status report (pain.002): CstmrPmtStsRpt is missing");
        var messageId = Child(Child(report, "OrgnlGrpInfAndSts"), "OrgnlMsgId")?.Value
            ?? throw new StatusReportFormatException("the report names no original message (OrgnlMsgId)");
        var rejections = new List<StatusRejection>();
        foreach (var payment in report.Elements().Where(e => e.Name.LocalName == "OrgnlPmtInfAndSts"))
        {
            var paymentId = Child(payment, "OrgnlPmtInfId")?.Value;
            if (Child(payment, "PmtInfSts")?.Value == "RJCT")
            {
                rejections.Add(new StatusRejection(messageId, paymentId, null, Reason(payment)));
            }

            foreach (var transaction in payment.Elements().Where(e => e.Name.LocalName == "TxInfAndSts" && Child(e, "TxSts")?.Value == "RJCT"))
            {
                rejections.Add(new StatusRejection(messageId, paymentId, Child(transaction, "OrgnlEndToEndId")?.Value, Reason(transaction)));
            }
        }

        return rejections;
    }

    private static XElement? Child(XElement? element, string name) => element?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static string Reason(XElement element)
    {
        var reason = Child(element, "StsRsnInf");
        var code = Child(Child(reason, "Rsn"), "Cd")?.Value ?? "NARR";
        var text = Child(reason, "AddtlInf")?.Value;
        return text is null ? code : $"{code} {text}";
    }
}

/// <summary>What the bank names that is not ours, one message each, for the page in its language.</summary>
public sealed record RejectionImport(int Rejected, int AlreadyKnown, IReadOnlyList<Core.Text> Unknown, IReadOnlyList<string> CasesOpened);

/// <summary>A status report that cannot be read; <see cref="Text"/> says why, for a page in its reader's language.</summary>
public sealed class StatusReportFormatException : FormatException
{
    public StatusReportFormatException(Core.Text text, Exception? inner = null)
        : base(text?.ToString(), inner)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
    }

    public Core.Text Text { get; }
}

/// <summary>
/// Books a bank's rejections of our direct debits (pain.002 RJCT): the entries are marked rejected with the reason,
/// stay on the clerks' list of rejected debits (`GET /api/direct-debits?status=rejected`), and each opens a case for
/// the staff to ask the customer for a valid account or a transfer; nothing was collected, so the contract account is
/// unchanged. All of it in one transaction; a report read twice changes nothing the second time.
/// </summary>
public sealed class DirectDebitRejections(StadtwerkDbContext db, TimeProvider clock)
{
    public async Task<RejectionImport> ImportAsync(string xml, CancellationToken ct)
    {
        try
        {
            return await ImportOnceAsync(xml, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same report was read at the same moment and marked these debits first: read it again, which now
            // finds them known and opens no case twice.
            db.ChangeTracker.Clear();
            return await ImportOnceAsync(xml, ct);
        }
    }

    private async Task<RejectionImport> ImportOnceAsync(string xml, CancellationToken ct)
    {
        IReadOnlyList<StatusRejection> rejections;
        try
        {
            rejections = Pain002Reader.Read(xml);
        }
        catch (XmlException e)
        {
            throw new StatusReportFormatException($"not XML: {e.Message}", e);
        }

        // The files and debits the report names, loaded once for the whole report.
        var messageIds = rejections.Select(r => r.OriginalMessageId).Distinct().ToList();
        var files = await db.DirectDebitFiles.AsNoTracking().Where(f => messageIds.Contains(f.MessageId)).ToDictionaryAsync(f => f.MessageId, f => f.Id, ct);
        var fileIds = files.Values.ToList();
        var debits = await db.DirectDebits.Where(d => d.FileId != null && fileIds.Contains(d.FileId.Value)).ToListAsync(ct);
        var (rejected, known) = (0, 0);
        var unknown = new List<Core.Text>();
        var newlyRejected = new List<DirectDebit>();
        foreach (var rejection in rejections)
        {
            if (!files.TryGetValue(rejection.OriginalMessageId, out var fileId))
            {
                unknown.Add($"message {rejection.OriginalMessageId} is not one of our direct-debit files");
                continue;
            }

            IEnumerable<DirectDebit> named = debits.Where(d => d.FileId == fileId);
            if (rejection.EndToEndId is { } endToEnd)
            {
                if (!Guid.TryParseExact(endToEnd, "N", out var id))
                {
                    unknown.Add($"transaction {endToEnd} is not one of ours");
                    continue;
                }

                named = named.Where(d => d.Id == id);
            }
            else if (rejection.PaymentInformationId is { } paymentId)
            {
                named = named.Where(d => d.PaymentInformationId == paymentId);
            }

            var matched = named.ToList();
            if (matched.Count == 0)
            {
                unknown.Add($"{rejection.EndToEndId ?? rejection.PaymentInformationId} is not in file {rejection.OriginalMessageId}");
            }

            foreach (var debit in matched)
            {
                if (debit.Reject(rejection.Reason))
                {
                    rejected++;
                    newlyRejected.Add(debit);
                }
                else
                {
                    known++;
                }
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var contractIds = newlyRejected.Select(d => d.ContractId).Distinct().ToList();
        var contracts = await db.Contracts.AsNoTracking().Where(c => contractIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var german = CultureInfo.GetCultureInfo("de-DE");
        var cases = newlyRejected.Select(debit => new CaseToOpen(
            CaseKind.RejectedDebit,
            contracts[debit.ContractId],
            string.Create(german, $"Lastschrift abgelehnt: {debit.Amount:N2} € am {debit.DueOn:dd.MM.yyyy}"),
            $"Die Bank hat die Lastschrift {debit.GermanDescription()} vor dem Einzug abgelehnt. Grund: {SepaReturnReasons.Describe(debit.RejectionReason)}. Nichts wurde eingezogen: bitte eine gültige Bankverbindung erfragen oder um Überweisung bitten.",
            $"direct-debit:{debit.Id:N}")).ToList();
        var opened = await CaseOpening.OpenAsync(db, cases, CaseOpening.System, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RejectionImport(rejected, known, unknown, opened.Select(c => c.DisplayNumber).ToList());
    }
}
