using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Realtime.Grains.Appointments;
using Realtime.Grains.Clients;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Waitlist;

namespace Realtime.Silo.Storage;

/// <summary>
/// Side effects a dead silo left behind. An appointment stores its outbox with each change and hands it on in a later
/// turn; a silo killed in between leaves the change out of the list, unplanned and unannounced until the appointment is
/// next called, which may be never. <see cref="WakeAsync"/> calls every appointment whose stored state, written within
/// <see cref="Window"/>, still holds an outbox that the appointment list has not seen: its activation reads the state
/// and hands the outbox on (at least once, as every effect expects). It also calls every waitlist whose stored inbox
/// still holds news, which its activation acts on, and every client whose last change the client list lacks (a client
/// hands it on right after its write, or on a timer after a failure), which its activation hands on. One still active somewhere answers from memory and changes nothing.
/// <see cref="OutboxRecovery"/> decides when.
/// </summary>
public sealed partial class PendingOutboxes(
    NpgsqlDataSource dataSource, IGrainFactory grains, IOptions<ClusterOptions> cluster, ILogger<PendingOutboxes> logger)
{
    /// <summary>Longer than any idle activation lives (15 minutes by default) and any outage one would sit out.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(2);

    private const int Concurrency = 8;

    // A sequential scan: it runs when the cluster starts or loses a silo, never per request. The list is the last effect
    // but the live feed, so an outbox of one change whose version the list already has was handed on; waking it would only
    // repeat that (the rule of AppointmentState.OutboxHandedOn).
    private const string PendingSql = $"""
        WITH stored AS (
            SELECT convert_from(payloadbinary, 'UTF8')::jsonb AS state
              FROM orleansstorage
             WHERE graintypestring = '{AppointmentGrain.StateName}' AND serviceid = $1 AND modifiedon > now() - $2)
        SELECT (stored.state ->> '{nameof(AppointmentState.Id)}')::uuid
          FROM stored
          LEFT JOIN appointment_list listed ON listed.id = (stored.state ->> '{nameof(AppointmentState.Id)}')::uuid
         WHERE jsonb_array_length(stored.state -> '{nameof(AppointmentState.Outbox)}') > 0
           AND (jsonb_array_length(stored.state -> '{nameof(AppointmentState.Outbox)}') > 1
                OR listed.version IS NULL OR listed.version < (stored.state ->> '{nameof(AppointmentState.Version)}')::bigint)
        """;

    private const string PendingNewsSql = $"""
        SELECT grainidextensionstring
          FROM orleansstorage
         WHERE graintypestring = '{WaitlistGrain.InboxStateName}' AND serviceid = $1
           AND jsonb_array_length(convert_from(payloadbinary, 'UTF8')::jsonb -> '{nameof(WaitlistInbox.Pending)}') > 0
        """;

    // A client stores the version the list has with its next write only, so most stored clients look behind: the list's
    // own versions tell those it lacks. The stored key is the two halves of the client's id, looked up in the list after.
    private const string StoredClientsSql = $"""
        WITH stored AS (
            SELECT grainidn0, grainidn1, convert_from(payloadbinary, 'UTF8')::jsonb AS state
              FROM orleansstorage
             WHERE graintypestring = '{ClientGrain.StateName}' AND serviceid = $1 AND modifiedon > now() - $2)
        SELECT grainidn0, grainidn1, (state ->> '{nameof(ClientState.Version)}')::bigint
          FROM stored
         WHERE COALESCE((state ->> '{nameof(ClientState.ProjectedVersion)}')::bigint, 0) < (state ->> '{nameof(ClientState.Version)}')::bigint
        """;

    private const string UnlistedClientsSql = """
        SELECT stored.id
          FROM unnest($1::uuid[], $2::bigint[]) AS stored(id, version)
          LEFT JOIN client_list listed ON listed.id = stored.id
         WHERE listed.version IS NULL OR listed.version < stored.version
        """;

    /// <returns>The appointments, the waitlists and the clients called.</returns>
    public async Task<(IReadOnlyList<Guid> Appointments, IReadOnlyList<string> Waitlists, IReadOnlyList<Guid> Clients)> WakeAsync(
        CancellationToken cancellationToken)
    {
        var appointments = await Read(PendingSql, reader => reader.GetGuid(0), cancellationToken, Recent());
        var waitlists = await Read(PendingNewsSql, reader => reader.GetString(0), cancellationToken);
        var clients = await ClientsTheListLacks(cancellationToken);
        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(appointments, options, (id, _) => Wake(() => grains.GetGrain<IAppointmentGrain>(id).Get(), $"appointment {id}"));
        await Parallel.ForEachAsync(waitlists, options, (key, _) => Wake(() => grains.GetGrain<IWaitlistGrain>(key).Entries(), $"waitlist {key}"));
        await Parallel.ForEachAsync(clients, options, (id, _) => Wake(() => grains.GetGrain<IClientGrain>(id).Get(), $"client {id}"));
        if (appointments.Count + waitlists.Count + clients.Count > 0) LogWoken(appointments.Count, waitlists.Count, clients.Count);
        return (appointments, waitlists, clients);
    }

    /// <summary>Clients whose last change the client list does not have: an activation hands it on (see <see cref="ClientState.ProjectedVersion"/>).</summary>
    private async Task<List<Guid>> ClientsTheListLacks(CancellationToken cancellationToken)
    {
        var stored = await Read(
            StoredClientsSql, reader => (Id: GrainStorageKey.GuidKey(reader.GetInt64(0), reader.GetInt64(1)), Version: reader.GetInt64(2)),
            cancellationToken, Recent());
        if (stored.Count == 0) return [];
        var lacking = new List<Guid>();
        await using var command = dataSource.CreateCommand(UnlistedClientsSql);
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = [.. stored.Select(s => s.Id)] });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = [.. stored.Select(s => s.Version)] });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) lacking.Add(reader.GetGuid(0));
        return lacking;
    }

    private static NpgsqlParameter<TimeSpan> Recent() => new() { TypedValue = Window };

    private async Task<List<T>> Read<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params NpgsqlParameter[] more)
    {
        var rows = new List<T>();
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Value.ServiceId });
        command.Parameters.AddRange(more);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    /// <summary>Activates a grain, which then hands on what it stored; failing that, its next call or the next wake does.</summary>
    private async ValueTask Wake(Func<Task> call, string grain)
    {
        try
        {
            await call();
        }
        catch (Exception ex)
        {
            LogNotWoken(ex, grain);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Appointments} appointments whose stored outbox, {Waitlists} waitlists whose stored inbox and {Clients} clients whose last change still held work.")]
    private partial void LogWoken(int appointments, int waitlists, int clients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake {Grain} to hand on what it stored.")]
    private partial void LogNotWoken(Exception exception, string grain);
}
