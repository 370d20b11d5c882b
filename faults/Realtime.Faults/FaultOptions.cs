namespace Realtime.Faults;

/// <summary>The command line: where the servers and PostgreSQL are, how to restart PostgreSQL, and where results go.</summary>
public sealed record FaultOptions(bool Quick, string Postgres, string RestartPostgres, string SiloDll, string ApiDll, string Results)
{
    public const string Usage =
        "usage: Realtime.Faults [--quick] --postgres CONNECTION_STRING --restart-postgres COMMAND --silo SILO_DLL --api API_DLL --results DIR";

    public string Logs => Path.Combine(Results, "logs");

    public static FaultOptions Parse(string[] args)
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
        return new(quick, Required("postgres"), Required("restart-postgres"), Required("silo"), Required("api"), Required("results"));
    }
}
