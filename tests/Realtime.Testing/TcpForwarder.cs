using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Realtime.Testing;

/// <summary>
/// A load balancer in miniature: accepts TCP connections on a loopback port and joins each new one to the first backend
/// that accepts a connection, in the order given. When either side closes or fails, both are closed — so the clients of
/// a killed backend see their connections drop, and their next connections reach the next backend.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> backends;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Task, bool> connections = new();
    private readonly Task accepting;

    public TcpForwarder(IReadOnlyList<Uri> backends)
    {
        this.backends = backends;
        listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}");
        accepting = Accept();
    }

    public Uri BaseAddress { get; }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(connections.Keys);
        stopping.Dispose();
    }

    private async Task Accept()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var connection = Join(client);
            connections[connection] = true;
            _ = connection.ContinueWith(done => connections.TryRemove(done, out _), TaskScheduler.Default);
        }
    }

    private async Task Join(TcpClient client)
    {
        using (client)
        using (var backend = await FirstAccepting())
        {
            if (backend is null) return;
            await using var clientStream = client.GetStream();
            await using var backendStream = backend.GetStream();
            await Task.WhenAny(Pump(clientStream, backendStream), Pump(backendStream, clientStream));
        }
    }

    private async Task<TcpClient?> FirstAccepting()
    {
        foreach (var backend in backends)
        {
            var connection = new TcpClient();
            try
            {
                await connection.ConnectAsync(backend.Host, backend.Port, stopping.Token);
                return connection;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                connection.Dispose();
            }
        }

        return null;
    }

    private async Task Pump(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to, stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away: the caller closes both.
        }
    }
}
