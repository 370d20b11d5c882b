using System.Collections.Concurrent;
using System.Diagnostics;

namespace Realtime.Testing;

/// <summary>
/// An API node (the HTTP API and its co-hosted silo) as a real process — <c>dotnet Api/bin/.../Realtime.Api.dll</c>, built
/// in the tests' own configuration — so that a test can kill it as a crash would (SIGKILL). Settings are given as
/// configuration keys and passed as environment variables, as a deployment passes them.
/// </summary>
public sealed class ApiNodeProcess : IAsyncDisposable
{
    /// <summary>How long a node process may take to answer ready (a cold start on a shared machine).</summary>
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    /// <summary>How long a desk or a client may take to get through to another node after one was killed.</summary>
    public static readonly TimeSpan Failover = TimeSpan.FromSeconds(30);

    private const int KeptOutputLines = 80;

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private ApiNodeProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the node's HTTP API listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The node's last lines of console output, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>Starts a node with these settings (configuration keys such as <c>Orleans:SiloPort</c>) on a free loopback HTTP port.</summary>
    public static ApiNodeProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var apiFolder = Path.Combine(Repository.Root, "Api");
        var assembly = Path.Combine(apiFolder, "bin", BuildConfiguration(), "net10.0", "Realtime.Api.dll");
        if (!File.Exists(assembly)) throw new InvalidOperationException($"{assembly} is missing: build Realtime.sln first.");

        var baseAddress = new Uri($"http://127.0.0.1:{ApiNodeSettings.FreePort()}");
        // The content root is the project folder, where scripts/frontdesk.sh builds the page into wwwroot/frontdesk.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = apiFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Urls"] = baseAddress.ToString();

        var node = new ApiNodeProcess(new Process { StartInfo = start }, baseAddress);
        node.process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        node.process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        node.process.Start();
        node.process.BeginOutputReadLine();
        node.process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (database and cluster); fails with the node's output otherwise.</summary>
    public async Task WaitUntilReady(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"The API node exited with {process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The API node at {BaseAddress} was not ready within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>Kills the node at once (SIGKILL): no shutdown, no goodbye to the cluster, connections reset.</summary>
    public async Task Kill()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) await Kill();
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        output.Enqueue(line);
        while (output.Count > KeptOutputLines) output.TryDequeue(out _);
    }

    /// <summary>Debug or Release: the tests' own, from their output folder (…/bin/&lt;configuration&gt;/net10.0/).</summary>
    private static string BuildConfiguration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
