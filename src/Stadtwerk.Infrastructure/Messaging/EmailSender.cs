using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MimeKit;
using Stadtwerk.Core.Messaging;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Infrastructure.Messaging;

/// <summary>The mail server the customers' e-mails go through; configuration section <c>Smtp</c>. Without a host, e-mails wait in the outbox.</summary>
public sealed record SmtpSettings
{
    public string? Host { get; init; }

    public int Port { get; init; } = 25;

    /// <summary>None, StartTls or SslOnConnect.</summary>
    public string Security { get; init; } = "StartTls";

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public string From { get; init; } = "Stadtwerk <kundenservice@stadtwerk.example>";

    public int PollSeconds { get; init; } = 10;

    /// <summary>Send from this process; with several nodes, enable it on one.</summary>
    public bool Sender { get; init; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && Sender;
}

/// <summary>Sends the outbox's e-mails over SMTP (MailKit), oldest first, one connection per batch; a failed e-mail is tried again up to five times.</summary>
public sealed partial class EmailSender(IServiceScopeFactory scopes, SmtpSettings settings, TimeProvider clock, ILogger<EmailSender> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private readonly SemaphoreSlim oneBatchAtATime = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Max(1, settings.PollSeconds)), clock, stoppingToken);
            int sent;
            try
            {
                sent = await SendBatchAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogBatchFailed(logger, e);
                sent = 0;
            }

            while (sent == BatchSize && !stoppingToken.IsCancellationRequested)
            {
                sent = await SendBatchAsync(stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        oneBatchAtATime.Dispose();
        base.Dispose();
    }

    /// <summary>Sends one batch; returns how many e-mails were taken.</summary>
    public async Task<int> SendBatchAsync(CancellationToken ct)
    {
        await oneBatchAtATime.WaitAsync(ct);
        try
        {
            return await SendAsync(ct);
        }
        finally
        {
            oneBatchAtATime.Release();
        }
    }

    private async Task<int> SendAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<StadtwerkDbContext>();
        var batch = await db.OutgoingEmails.Where(e => e.SentAt == null && e.Attempts < OutgoingEmail.MaxAttempts)
            .OrderBy(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (batch.Count == 0)
        {
            return 0;
        }

        using var smtp = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(settings.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
        await smtp.ConnectAsync(settings.Host!, settings.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await smtp.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, ct);
        }

        var from = MailboxAddress.Parse(settings.From);
        foreach (var email in batch)
        {
            try
            {
                using var message = new MimeMessage();
                message.From.Add(from);
                message.To.Add(MailboxAddress.Parse(email.To));
                message.Subject = email.Subject;
                var body = new BodyBuilder { TextBody = email.Body };
                if (email.AttachmentId is { } attachmentId)
                {
                    var document = await db.StoredDocuments.AsNoTracking().SingleAsync(d => d.Id == attachmentId, ct);
                    body.Attachments.Add(document.FileName, document.Content, new ContentType("application", "pdf"));
                }

                if (email.DunningNoticeId is { } noticeId)
                {
                    var notice = await db.DunningNotices.AsNoTracking().Where(n => n.Id == noticeId).Select(n => new { n.FileName, n.Pdf }).SingleAsync(ct);
                    body.Attachments.Add(notice.FileName, notice.Pdf, new ContentType("application", "pdf"));
                }

                message.Body = body.ToMessageBody();
                await smtp.SendAsync(message, ct);
                email.Sent(clock.GetUtcNow());
            }
            catch (Exception e) when (e is SmtpCommandException or ParseException or FormatException)
            {
                email.Failed(e.Message);
            }

            // Saved one by one: an e-mail sent is never sent again because a later one failed.
            await db.SaveChangesAsync(ct);
        }

        await smtp.DisconnectAsync(quit: true, ct);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending e-mails failed; the outbox keeps them for the next try")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception);
}

public static class MessagingServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, SmtpSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        if (settings.Enabled)
        {
            services.AddSingleton<EmailSender>();
            services.AddHostedService(sp => sp.GetRequiredService<EmailSender>());
        }

        return services;
    }
}
