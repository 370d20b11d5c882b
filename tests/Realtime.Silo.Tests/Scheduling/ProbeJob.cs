using Npgsql;
using Quartz;

namespace Realtime.Silo.Tests.Scheduling;

/// <summary>Where probe firings are counted, across processes: a table in the test database.</summary>
public sealed record ProbeDatabase(string ConnectionString)
{
    public async Task Create()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            CREATE TABLE IF NOT EXISTS probe_fires (
                probe text NOT NULL, instance text NOT NULL, recovering boolean NOT NULL,
                due_at timestamptz NOT NULL, fired_at timestamptz NOT NULL)
            """, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<ProbeFire>> Fires()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT probe, instance, recovering, due_at, fired_at FROM probe_fires ORDER BY fired_at", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var fires = new List<ProbeFire>();
        while (await reader.ReadAsync())
        {
            fires.Add(new ProbeFire(reader.GetString(0), reader.GetString(1), reader.GetBoolean(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return fires;
    }

    public async Task Record(ProbeFire fire)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO probe_fires (probe, instance, recovering, due_at, fired_at) VALUES ($1, $2, $3, $4, $5)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = fire.Probe });
        command.Parameters.Add(new NpgsqlParameter { Value = fire.Instance });
        command.Parameters.Add(new NpgsqlParameter { Value = fire.Recovering });
        command.Parameters.Add(new NpgsqlParameter { Value = fire.DueAt });
        command.Parameters.Add(new NpgsqlParameter { Value = fire.FiredAt });
        await command.ExecuteNonQueryAsync();
    }
}

public sealed record ProbeFire(string Probe, string Instance, bool Recovering, DateTimeOffset DueAt, DateTimeOffset FiredAt)
{
    public TimeSpan Late => FiredAt - DueAt;
}

/// <summary>
/// Records which node fired which probe. A "hanging" probe then runs until its node dies, so that the node holds it
/// (executing, asking for recovery) when it is killed; its recovered run on another node does not hang.
/// </summary>
public sealed class ProbeJob(ProbeDatabase database) : IJob
{
    public static readonly IJobDetail Detail = JobBuilder.Create<ProbeJob>()
        .WithIdentity("probe", "tests").StoreDurably().RequestRecovery().Build();

    private const string ProbeKey = "probe";
    private const string DueKey = "due";
    private const string HangKey = "hang";

    /// <summary>A one-shot probe trigger: fired at once when missed.</summary>
    public static ITrigger Trigger(string probe, DateTimeOffset at, bool hang = false) =>
        TriggerBuilder.Create()
            .WithIdentity(probe, "probes")
            .ForJob(Detail)
            .UsingJobData(ProbeKey, probe)
            .UsingJobData(DueKey, at.ToString("O"))
            .UsingJobData(HangKey, hang ? "yes" : "no")
            .StartAt(at)
            .WithSimpleSchedule(schedule => schedule.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var fire = new ProbeFire(
            (string)data[ProbeKey]!, context.Scheduler.SchedulerInstanceId, context.Recovering,
            DateTimeOffset.Parse((string)data[DueKey]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.UtcNow);
        await database.Record(fire);
        if ((string?)data[HangKey] == "yes" && !context.Recovering) await Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
