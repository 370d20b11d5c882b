namespace Realtime.Bench;

/// <summary>The command line: where the servers, pgbench and PostgreSQL are, and where the report goes.</summary>
public sealed record BenchOptions(bool Quick, string[] Only, string Postgres, string Pgbench, string RealtimeDll, string BaselineDll, string Output, string Logs, string Limits)
{
    public const string Usage =
        "usage: Realtime.Bench [--quick] [--only SCENARIO[,SCENARIO...]] --postgres CONNECTION_STRING --pgbench PATH --realtime REALTIME_API_DLL " +
        "--baseline BASELINE_DLL --output REPORT.md --logs DIR --limits LIMITS.md";

    public static BenchOptions Parse(string[] args)
    {
        var line = CommandLine.Parse(args, Usage);
        var only = line.Optional("only")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];
        return new(line.Quick, only, line.Required("postgres"), line.Required("pgbench"), line.Required("realtime"), line.Required("baseline"),
            line.Required("output"), line.Required("logs"), line.Required("limits"));
    }
}
