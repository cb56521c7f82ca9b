using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// How bill letters go by e-mail (configuration section <c>Documents</c>): with the PDF attached (default) and a
/// signed download link, or with the link only (<c>EmailAttachment=false</c>, for utilities that send no personal
/// data as attachments); the public address the links start with, how long they hold, and the secret they are signed with.
/// </summary>
public sealed record DocumentSettings
{
    public bool EmailAttachment { get; init; } = true;

    /// <summary>The address customers reach this application at (the links start with it).</summary>
    public string PublicBaseUrl { get; init; } = "http://localhost:5080";

    public int LinkDays { get; init; } = 90;

    /// <summary>How many letters one process renders at once (default: one per core; less leaves room for web requests).</summary>
    public int? RenderThreads { get; init; }

    /// <summary>
    /// The secret the download links are signed with (Documents:LinkSecret). When none is configured, a random one is
    /// made once and kept in the database (setting <c>documents.link-secret</c>), so every node signs alike and no
    /// known default ever signs a link.
    /// </summary>
    public string? LinkSecret { get; init; }

    public static DocumentSettings From(IConfiguration configuration) =>
        configuration?.GetSection("Documents").Get<DocumentSettings>() ?? new DocumentSettings();
}

/// <summary>
/// Signed download links for stored documents: <c>/dokumente/{id}?bis=yyyyMMdd&amp;sig=...</c>, where the signature is an
/// HMAC-SHA256 over the document and the last day, so a link names one document, cannot be changed to another, and
/// ends; the document itself is immutable, so the link always gives the same bytes.
/// </summary>
public sealed class DocumentLinks
{
    public const string Path = "/dokumente/";

    /// <summary>The setting that keeps the generated secret when none is configured.</summary>
    public const string SecretSetting = "documents.link-secret";

    private readonly DocumentSettings settings;
    private readonly byte[] key;

    /// <summary>Links signed with the configured secret (<see cref="DocumentSettings.LinkSecret"/> must be set).</summary>
    public DocumentLinks(DocumentSettings settings)
        : this(settings, Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(settings?.LinkSecret) ? throw new ArgumentException("The document link secret is empty.", nameof(settings)) : settings.LinkSecret))
    {
    }

    private DocumentLinks(DocumentSettings settings, byte[] key) => (this.settings, this.key) = (settings, key);

    /// <summary>Links signed with the configured secret, or else with the utility's generated one from the database (made on first use).</summary>
    public static DocumentLinks For(DocumentSettings settings, StadtwerkDbContext db)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(db);
        if (!string.IsNullOrWhiteSpace(settings.LinkSecret))
        {
            return new DocumentLinks(settings);
        }

        var stored = db.Settings.AsNoTracking().Where(s => s.Key == SecretSetting).Select(s => s.Value).FirstOrDefault();
        if (stored is null)
        {
            var made = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            db.Database.ExecuteSql($"INSERT INTO settings (key, value) VALUES ({SecretSetting}, {made}) ON CONFLICT (key) DO NOTHING");
            stored = db.Settings.AsNoTracking().Where(s => s.Key == SecretSetting).Select(s => s.Value).First();
        }

        return new DocumentLinks(settings, Convert.FromBase64String(stored));
    }

    /// <summary>The link to a document and the last day it holds.</summary>
    public (Uri Link, DateOnly LastDay) For(Guid documentId, DateOnly today)
    {
        var lastDay = today.AddDays(Math.Max(1, settings.LinkDays));
        var until = lastDay.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var link = new Uri($"{settings.PublicBaseUrl.TrimEnd('/')}{Path}{documentId:N}?bis={until}&sig={Signature(documentId, until)}");
        return (link, lastDay);
    }

    /// <summary>Whether the link's signature is right (constant time) and its last day not past.</summary>
    public LinkCheck Check(Guid documentId, string? until, string? signature, DateOnly today)
    {
        if (until is null || signature is null || !DateOnly.TryParseExact(until, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var lastDay))
        {
            return LinkCheck.Invalid;
        }

        var expected = Encoding.ASCII.GetBytes(Signature(documentId, until));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signature)))
        {
            return LinkCheck.Invalid;
        }

        return lastDay < today ? LinkCheck.Expired : LinkCheck.Valid;
    }

    private string Signature(Guid documentId, string until)
    {
        var hash = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"document:{documentId:N}:{until}"));
        return Convert.ToBase64String(hash, 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }
}

public enum LinkCheck
{
    Valid,
    Invalid,
    Expired,
}
