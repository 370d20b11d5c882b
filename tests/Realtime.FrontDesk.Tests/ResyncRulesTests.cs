using System.ComponentModel;
using System.Diagnostics;
using Realtime.Testing;
using Xunit.Abstractions;

namespace Realtime.FrontDesk.Tests;

/// <summary>
/// The page's own rules, run by Node.js on the page's source: following the feed (order, gaps, epochs, reconnects,
/// versions) with a scripted hub, wall-clock times on days the clocks change, how appointments read; every file of
/// Api/FrontDesk/test. The browser tests cover the rest end to end.
/// </summary>
public sealed class ResyncRulesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_page_applies_changes_in_feed_order_and_reloads_on_a_gap_a_new_epoch_or_a_reconnect()
    {
        var folder = Path.Combine(Repository.Root, "Api", "FrontDesk");
        Assert.True(Directory.Exists(Path.Combine(folder, "node_modules")),
            $"{folder}/node_modules is missing: run scripts/frontdesk.sh build (./test.sh does).");
        var start = new ProcessStartInfo("node", ["--test", "test/"])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        Process node;
        try
        {
            node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is missing: run scripts/frontdesk.sh ensure-installed (./test.sh does).", e);
        }

        using (node)
        {
            var stdout = node.StandardOutput.ReadToEndAsync();
            var stderr = node.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await node.WaitForExitAsync(timeout.Token);
            output.WriteLine(await stdout);
            output.WriteLine(await stderr);
            Assert.True(node.ExitCode == 0, $"node --test failed:\n{await stdout}\n{await stderr}");
        }
    }
}
