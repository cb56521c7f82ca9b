using System.Buffers;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Stadtwerk.Integration.Tests;

/// <summary>A real SMTP server on a free localhost port for the duration of a test; keeps what it received, parsed with MimeKit.</summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task serving;
    private readonly Store store = new();

    public TestSmtpServer(CancellationToken testCancelled)
    {
        Port = FreePort();
        var server = new SmtpServer.SmtpServer(
            new SmtpServerOptionsBuilder().ServerName("localhost").Port(Port).Build(),
            new ServiceCollection().AddSingleton<IMessageStore>(store).BuildServiceProvider());
        stop = CancellationTokenSource.CreateLinkedTokenSource(testCancelled);
        serving = server.StartAsync(stop.Token);
    }

    public int Port { get; }

    public IReadOnlyCollection<MimeMessage> Messages => store.Messages;

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await serving.ContinueWith(_ => { }, TaskScheduler.Default);
        stop.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store : MessageStore
    {
        public System.Collections.Concurrent.ConcurrentQueue<MimeMessage> Messages { get; } = new();

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            Messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
