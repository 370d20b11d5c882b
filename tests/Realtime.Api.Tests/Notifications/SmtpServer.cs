using Realtime.Testing;
using System.Diagnostics;
using System.Net.Sockets;
using MimeKit;

namespace Realtime.Api.Tests.Notifications;

/// <summary>
/// A real SMTP server for the tests: Debian's aiosmtpd (<c>python3 -m aiosmtpd</c>, package python3-aiosmtpd) on a
/// loopback port, storing every message it receives in a Maildir folder of its own. Installed with apt-get when
/// missing (./test.sh does that first); when it cannot be had, the tests fail saying so, never skip.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Package = "python3-aiosmtpd";
    private readonly Process process;
    private readonly string folder;

    private SmtpServer(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpServer> StartAsync()
    {
        var python = await FindPython() ?? await InstallAndFindPython() ?? throw new InvalidOperationException(
            $"No Python with aiosmtpd was found and installing it failed. The notification tests need a real SMTP server: " +
            $"install Debian's {Package} (apt-get install {Package}) or run ./test.sh, which installs it.");

        var folder = Path.Combine(Path.GetTempPath(), $"realtime-smtp-{Guid.NewGuid():N}");
        // A Maildir: Python makes the sub-folders only for a folder it creates itself.
        foreach (var sub in new[] { "tmp", "new", "cur" }) Directory.CreateDirectory(Path.Combine(folder, sub));
        var port = ApiNodeSettings.FreePort();
        var start = new ProcessStartInfo(python)
        {
            ArgumentList = { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", folder },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {python} -m aiosmtpd.");
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new SmtpServer(process, folder, port);
        var deadline = Stopwatch.StartNew();
        while (!await Accepts(port))
        {
            if (process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(15))
            {
                var error = process.HasExited ? string.Join("\n", log) : "no answer within 15 s";
                await server.DisposeAsync();
                throw new InvalidOperationException($"aiosmtpd did not start on 127.0.0.1:{port}: {error}");
            }

            await Task.Delay(50);
        }

        return server;
    }

    /// <summary>Every message received so far.</summary>
    public MimeMessage[] Messages()
    {
        var files = new[] { "new", "cur" }
            .Select(sub => Path.Combine(folder, sub))
            .Where(Directory.Exists)
            .SelectMany(Directory.GetFiles)
            .Order();
        return [.. files.Select(file => MimeMessage.Load(file))];
    }

    /// <summary>Waits for the messages to <paramref name="address"/> until there are <paramref name="count"/>.</summary>
    public async Task<MimeMessage[]> WaitFor(string address, int count = 1, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var messages = Messages().Where(m => m.To.Mailboxes.Any(to => to.Address == address)).ToArray();
            if (messages.Length >= count) return messages;
            if (deadline.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                Assert.Fail($"{messages.Length} of {count} e-mails to {address} arrived within the time.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file clean-up.
        }
    }

    private static async Task<bool> Accepts(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Debian's package installs for the system Python (/usr/bin/python3), which may not be first on the path.</summary>
    private static async Task<string?> FindPython()
    {
        foreach (var candidate in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                using var probe = Process.Start(new ProcessStartInfo(candidate, ["-c", "import aiosmtpd"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                });
                if (probe is null) continue;
                await probe.WaitForExitAsync();
                if (probe.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not there.
            }
        }

        return null;
    }

    private static async Task<string?> InstallAndFindPython()
    {
        if (!File.Exists("/usr/bin/apt-get")) return null;
        var asRoot = Environment.UserName == "root";
        foreach (var arguments in new[] { new[] { "install", "-y", "-q", "--no-install-recommends", Package }, ["update", "-q"], ["install", "-y", "-q", "--no-install-recommends", Package] })
        {
            var start = new ProcessStartInfo(asRoot ? "apt-get" : "sudo") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (!asRoot) start.ArgumentList.Add("-n");
            if (!asRoot) start.ArgumentList.Add("apt-get");
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
            try
            {
                using var apt = Process.Start(start);
                if (apt is null) return null;
                await apt.WaitForExitAsync();
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return null;
            }

            if (await FindPython() is { } python) return python;
        }

        return null;
    }
}
