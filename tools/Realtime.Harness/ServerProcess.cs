using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace Realtime.Harness;

/// <summary>A server under test, run as its own process (<c>dotnet app.dll</c>) with its output in a log file.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private ServerProcess(Process process, StreamWriter log, Uri address)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>Starts the process on a free loopback port and waits until <paramref name="healthPath"/> answers 2xx.</summary>
    public static Task<ServerProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, string healthPath, string logPath) =>
        StartAsync(dll, environment, logPath, server => server.AnswersAsync(healthPath));

    /// <summary>Starts the process on a free loopback port and waits until <paramref name="ready"/> says it is.</summary>
    public static async Task<ServerProcess> StartAsync(
        string dll, IReadOnlyDictionary<string, string> environment, string logPath, Func<ServerProcess, Task<bool>> ready)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", address.ToString().TrimEnd('/'), "--contentRoot", Path.GetDirectoryName(Path.GetFullPath(dll))! },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, log, address);
        try
        {
            await server.WaitUntilReadyAsync(ready, logPath);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Resident memory (VmRSS) of the process now.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    /// <summary>
    /// Has the runtime collect the whole heap, blocking, as a heap dump does (its GC heap collection keyword on an
    /// event session), waits <paramref name="settle"/> for it to finish and give freed memory back, and answers the
    /// bytes of live managed objects that the collection found (null if the process reported none): what it kept, not
    /// the heap's size, which also counts the free space between them that a collection without compaction leaves.
    /// </summary>
    public async Task<long?> CollectGarbageAsync(TimeSpan settle)
    {
        var keywords = ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect;
        var client = new DiagnosticsClient(_process.Id);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(ClrTraceEventParser.ProviderName, EventLevel.Informational, (long)keywords)],
            requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        long? liveBytes = null;
        var forcedCollection = false;
        var reading = Task.Run(() =>
        {
            using var source = new EventPipeEventSource(session.EventStream);
            source.Clr.GCStart += e => forcedCollection = e.Reason == GCReason.Induced && e.Depth == 2;
            source.Clr.GCHeapStats += e => liveBytes = forcedCollection ? e.TotalPromoted : liveBytes;
            source.Process();
        });
        await Task.Delay(settle);
        await session.StopAsync(CancellationToken.None);
        await reading;
        return liveBytes;
    }

    /// <summary>CPU time (user and system) the process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Stops the process from running (SIGSTOP) until <see cref="ResumeAsync"/>: it then writes nothing at all.</summary>
    public Task PauseAsync() => SignalAsync("STOP");

    public Task ResumeAsync() => SignalAsync("CONT");

    /// <summary>Kills the process at once (SIGKILL, as <c>kill -9</c>): no shutdown, nothing flushed.</summary>
    public async Task KillAsync()
    {
        await SignalAsync("KILL");
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private async Task WaitUntilReadyAsync(Func<ServerProcess, Task<bool>> ready, string logPath)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The server exited with code {_process.ExitCode}; see {logPath}.");
            if (await ready(this)) return;
            await Task.Delay(250);
        }
        throw new TimeoutException($"The server was not ready within 2 minutes; see {logPath}.");
    }

    private async Task<bool> AnswersAsync(string healthPath)
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            return (await http.GetAsync(healthPath)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            if (log.BaseStream.CanWrite) log.WriteLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
