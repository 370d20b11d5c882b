namespace Realtime.Faults;

/// <summary>The command line: where the servers and PostgreSQL are, how to restart PostgreSQL, and where results go.</summary>
public sealed record FaultOptions(bool Quick, string Postgres, string RestartPostgres, string SiloDll, string ApiDll, string Results)
{
    public const string Usage =
        "usage: Realtime.Faults [--quick] --postgres CONNECTION_STRING --restart-postgres COMMAND --silo SILO_DLL --api API_DLL --results DIR";

    public string Logs => Path.Combine(Results, "logs");

    public static FaultOptions Parse(string[] args)
    {
        var line = CommandLine.Parse(args, Usage);
        return new(line.Quick, line.Required("postgres"), line.Required("restart-postgres"), line.Required("silo"), line.Required("api"), line.Required("results"));
    }
}
