using System.Globalization;
using System.Runtime.InteropServices;

namespace Realtime.Harness;

/// <summary>The machine a run measured on, as the report states it.</summary>
public sealed record Machine(int Processors, string Cpu, long MemoryBytes, string OperatingSystem, string LoadAverage, string DotNet)
{
    /// <summary>More runnable work than CPUs when the run started: figures measured then are not comparable.</summary>
    public bool Busy => double.Parse(LoadAverage.Split(' ')[0], CultureInfo.InvariantCulture) > Processors;

    public static Machine Current() => new(
        Environment.ProcessorCount,
        Field("/proc/cpuinfo", "model name", ':') ?? RuntimeInformation.ProcessArchitecture.ToString(),
        long.Parse((Field("/proc/meminfo", "MemTotal", ':') ?? "0 kB").Split(' ')[0]) * 1024,
        Field("/etc/os-release", "PRETTY_NAME", '=')?.Trim('"') ?? RuntimeInformation.OSDescription,
        string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)),
        RuntimeInformation.FrameworkDescription);

    private static string? Field(string path, string name, char separator) =>
        File.Exists(path)
            ? File.ReadLines(path)
                .Select(line => line.Split(separator, 2))
                .Where(parts => parts.Length == 2 && parts[0].Trim() == name)
                .Select(parts => parts[1].Trim())
                .FirstOrDefault()
            : null;
}
