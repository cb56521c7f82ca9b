using System.Text.RegularExpressions;

namespace Stadtwerk.Core.Accounts;

/// <summary>
/// The account installments are collected from, with the customer's SEPA direct-debit mandate
/// (SEPA-Lastschriftmandat): IBAN, optional BIC, holder, mandate reference and the day it was signed.
/// </summary>
public sealed partial class BankAccount
{
    public const string MandateReferenceRule = "must be 1 to 35 characters: letters, digits and + ? / - : ( ) . , '";

    private BankAccount()
    {
        Iban = null!;
        Holder = string.Empty;
        MandateReference = string.Empty;
    }

    public Iban Iban { get; private set; }

    public Bic? Bic { get; private set; }

    /// <summary>Kontoinhaber: the name on the account, not always the customer.</summary>
    public string Holder { get; private set; }

    /// <summary>Mandatsreferenz: unique per creditor, quoted on every collection.</summary>
    public string MandateReference { get; private set; }

    public DateOnly MandateSignedOn { get; private set; }

    /// <summary>
    /// The last collection under the mandate before Stadtwerk collected (the old system's, carried over at migration):
    /// a mandate used before is collected as RCUR, and its 36 months run from then. None for a new mandate.
    /// </summary>
    public DateOnly? MandateLastUsedOn { get; private set; }

    /// <summary>The same account and mandate, last used on <paramref name="day"/> (by the old system).</summary>
    public BankAccount UsedOn(DateOnly day) => new()
    {
        Iban = Iban,
        Bic = Bic,
        Holder = Holder,
        MandateReference = MandateReference,
        MandateSignedOn = MandateSignedOn,
        MandateLastUsedOn = MandateLastUsedOn is { } known && known > day ? known : day,
    };

    public static DomainResult<BankAccount> Create(Iban iban, Bic? bic, string? holder, string? mandateReference, DateOnly mandateSignedOn)
    {
        ArgumentNullException.ThrowIfNull(iban);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(holder) || holder.Trim().Length > 70)
        {
            errors.Add(new FieldError("holder", "must be 1 to 70 characters"));
        }

        if (mandateReference is null || !MandateReferencePattern().IsMatch(mandateReference))
        {
            errors.Add(new FieldError("mandateReference", MandateReferenceRule));
        }

        return errors.Count > 0
            ? DomainResult<BankAccount>.Invalid([.. errors])
            : DomainResult<BankAccount>.Ok(new BankAccount
            {
                Iban = iban,
                Bic = bic,
                Holder = holder!.Trim(),
                MandateReference = mandateReference!,
                MandateSignedOn = mandateSignedOn,
            });
    }

    [GeneratedRegex(@"^[A-Za-z0-9+?/\-:().,']{1,35}$")]
    private static partial Regex MandateReferencePattern();
}
