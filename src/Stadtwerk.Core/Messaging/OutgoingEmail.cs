namespace Stadtwerk.Core.Messaging;

/// <summary>
/// An e-mail to a customer, stored in the transaction that decides to send it (an outbox) and sent by the
/// mail sender afterwards: nothing decided is lost when the mail server is down, nothing is sent twice.
/// </summary>
public sealed class OutgoingEmail
{
    public const int MaxAttempts = 5;

    private OutgoingEmail()
    {
        To = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
        Purpose = string.Empty;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Plain text, German.</summary>
    public string Body { get; private set; }

    /// <summary>What it is for, e.g. "reading-request:3" (campaign 3); for lists and tests.</summary>
    public string Purpose { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>A stored document sent as attachment (a bill letter), if any.</summary>
    public Guid? AttachmentId { get; private set; }

    /// <summary>A dunning letter sent as attachment, if any.</summary>
    public Guid? DunningNoticeId { get; private set; }

    public static OutgoingEmail Create(string to, string subject, string body, string purpose, DateTimeOffset now, Guid? attachmentId = null, Guid? dunningNoticeId = null) => new()
    {
        AttachmentId = attachmentId,
        DunningNoticeId = dunningNoticeId,
        Id = Guid.CreateVersion7(),
        To = Guard.NotBlank(to, nameof(to)),
        Subject = Guard.NotBlank(subject, nameof(subject)),
        Body = Guard.NotBlank(body, nameof(body)),
        Purpose = Guard.NotBlank(purpose, nameof(purpose)),
        CreatedAt = now.ToUniversalTime(),
    };

    public void Sent(DateTimeOffset now) => (SentAt, Attempts, LastError) = (now.ToUniversalTime(), Attempts + 1, null);

    public void Failed(string error) => (Attempts, LastError) = (Attempts + 1, error.Length > 500 ? error[..500] : error);
}
