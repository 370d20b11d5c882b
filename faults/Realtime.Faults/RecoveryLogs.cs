using System.Globalization;
using System.Text.RegularExpressions;

namespace Realtime.Faults;

/// <summary>What the servers' logs say the outbox recovery did (<c>PendingOutboxes</c>, logged at Information).</summary>
public static partial class RecoveryLogs
{
    public const string LogLevelSetting = "Logging__LogLevel__Realtime.Silo.Storage.PendingOutboxes";

    /// <summary>How many appointments the recovery woke, over every log in the folder.</summary>
    public static long OutboxesWoken(string logsFolder) =>
        OutboxesWoken(Directory.EnumerateFiles(logsFolder, "*.log").SelectMany(File.ReadLines));

    /// <summary>How many appointments the recovery woke, by these log lines.</summary>
    public static long OutboxesWoken(IEnumerable<string> lines) =>
        lines.Select(line => Woke().Match(line)).Where(match => match.Success).Sum(match => long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Woke (\d+) appointments whose stored outbox")]
    private static partial Regex Woke();
}
