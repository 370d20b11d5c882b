namespace Realtime.Bench;

/// <summary>The command line: where the servers, pgbench and PostgreSQL are, and where the report goes.</summary>
public sealed record BenchOptions(bool Quick, string[] Only, string Postgres, string Pgbench, string RealtimeDll, string BaselineDll, string Output, string Logs, string Limits)
{
    public const string Usage =
        "usage: Realtime.Bench [--quick] [--only SCENARIO[,SCENARIO...]] --postgres CONNECTION_STRING --pgbench PATH --realtime REALTIME_API_DLL " +
        "--baseline BASELINE_DLL --output REPORT.md --logs DIR --limits LIMITS.md";

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--quick") quick = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length) values[args[i][2..]] = args[++i];
            else throw new ArgumentException($"Unexpected argument {args[i]}. {Usage}");
        }

        string Required(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is missing. {Usage}");
        var only = values.TryGetValue("only", out var names) ? names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) : [];
        return new(quick, only, Required("postgres"), Required("pgbench"), Required("realtime"), Required("baseline"), Required("output"), Required("logs"), Required("limits"));
    }
}
