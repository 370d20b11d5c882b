namespace Realtime.Harness;

/// <summary>The harnesses' command lines: <c>--quick</c>, then <c>--name value</c> pairs.</summary>
public sealed class CommandLine
{
    private readonly Dictionary<string, string> values = [];
    private readonly string usage;

    private CommandLine(string usage) => this.usage = usage;

    public bool Quick { get; private set; }

    public static CommandLine Parse(string[] args, string usage)
    {
        ArgumentNullException.ThrowIfNull(args);
        var line = new CommandLine(usage);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") line.Quick = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) line.values[args[i][2..]] = args[++i];
            else throw new ArgumentException($"Unexpected argument {args[i]}. {usage}");
        }
        return line;
    }

    public string Required(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is missing. {usage}");

    public string? Optional(string name) => values.GetValueOrDefault(name);
}
