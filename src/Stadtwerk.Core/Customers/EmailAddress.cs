namespace Stadtwerk.Core.Customers;

/// <summary>An e-mail address such as <c>Anna.Mueller@example.de</c>.</summary>
/// <remarks>
/// A deliberately plain check for addresses that people type: trimmed, at most 254 characters, exactly one <c>@</c>
/// with text on both sides, no white space or control characters, and a domain of at least two non-empty labels
/// separated by dots. The local part keeps its case (it may matter to the receiving server); the domain is
/// lower-cased (it never matters). Whether the address receives mail is only known by sending to it.
/// </remarks>
public sealed record EmailAddress
{
    /// <summary>The longest address that fits in an SMTP path (RFC 5321).</summary>
    public const int MaxLength = 254;

    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = $"{localPart}@{domain}";
    }

    /// <summary>The address, the local part as typed and the domain in lower case.</summary>
    public string Value { get; }

    /// <summary>The part before the <c>@</c>.</summary>
    public string LocalPart { get; }

    /// <summary>The part after the <c>@</c>, in lower case.</summary>
    public string Domain { get; }

    /// <summary>Reads an e-mail address typed by a person; never throws.</summary>
    public static ParseResult<EmailAddress> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<EmailAddress>.Fail("email address is empty");
        }

        var address = text.Trim();
        var shown = UserText.Shown(address);

        if (address.Length > MaxLength)
        {
            return ParseResult<EmailAddress>.Fail($"email address {shown} has {address.Length} characters, but at most {MaxLength} are allowed");
        }

        if (address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return ParseResult<EmailAddress>.Fail($"email address {shown} must not contain spaces");
        }

        var at = address.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || at != address.LastIndexOf('@'))
        {
            return ParseResult<EmailAddress>.Fail($"email address {shown} must contain exactly one @");
        }

        var localPart = address[..at];
        var domain = address[(at + 1)..];
        if (localPart.Length == 0)
        {
            return ParseResult<EmailAddress>.Fail($"email address {shown} has nothing before the @");
        }

        if (domain.Length == 0)
        {
            return ParseResult<EmailAddress>.Fail($"email address {shown} has no domain after the @");
        }

        return domain.Contains('.', StringComparison.Ordinal) && domain.Split('.').All(label => label.Length > 0)
            ? ParseResult<EmailAddress>.Ok(new EmailAddress(localPart, LowerCase(domain)))
            : ParseResult<EmailAddress>.Fail($"email address {shown} needs a domain with a dot between two names, such as example.de");
    }

    /// <summary>Builds an e-mail address from text known to be valid; throws <see cref="ArgumentException"/> with the parse error otherwise.</summary>
    public static EmailAddress Create(string text) => UserText.ValueOrThrow(Parse(text));

    public override string ToString() => Value;

    // Domain names compare case-insensitively and are shown in lower case by convention (CA1308 prefers upper case
    // for normalizing strings that are only compared, but this form is also what we show and send to).
#pragma warning disable CA1308
    private static string LowerCase(string domain) => domain.ToLowerInvariant();
#pragma warning restore CA1308
}
