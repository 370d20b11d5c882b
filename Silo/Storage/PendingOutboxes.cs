using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Realtime.Grains.Appointments;
using Realtime.Grains.Interfaces.Appointments;

namespace Realtime.Silo.Storage;

/// <summary>
/// Side effects a dead silo left behind. An appointment stores its outbox with each change and hands it on in a later
/// turn; a silo killed in between leaves the change out of the list, unplanned and unannounced until the appointment is
/// next called, which may be never. <see cref="WakeAsync"/> calls every appointment whose stored state, written within
/// <see cref="Window"/>, still holds an outbox that the appointment list has not seen: its activation reads the state
/// and hands the outbox on (at least once, as every effect expects). One still active somewhere answers from memory and
/// changes nothing. <see cref="OutboxRecovery"/> decides when.
/// </summary>
public sealed partial class PendingOutboxes(
    NpgsqlDataSource dataSource, IGrainFactory grains, IOptions<ClusterOptions> cluster, ILogger<PendingOutboxes> logger)
{
    /// <summary>Longer than any idle activation lives (15 minutes by default) and any outage one would sit out.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(2);

    private const int Concurrency = 8;

    // A sequential scan: it runs when the cluster starts or loses a silo, never per request. The list is the last effect
    // but the live feed, so an outbox whose version the list already has was handed on; waking it would only repeat that.
    private const string PendingSql = $"""
        WITH stored AS (
            SELECT convert_from(payloadbinary, 'UTF8')::jsonb AS state
              FROM orleansstorage
             WHERE graintypestring = '{AppointmentGrain.StateName}' AND serviceid = $1 AND modifiedon > now() - $2)
        SELECT (stored.state ->> '{nameof(AppointmentState.Id)}')::uuid
          FROM stored
          LEFT JOIN appointment_list listed ON listed.id = (stored.state ->> '{nameof(AppointmentState.Id)}')::uuid
         WHERE jsonb_array_length(stored.state -> '{nameof(AppointmentState.Outbox)}') > 0
           AND (listed.version IS NULL OR listed.version < (stored.state ->> '{nameof(AppointmentState.Version)}')::bigint)
        """;

    /// <returns>The appointments called.</returns>
    public async Task<IReadOnlyList<Guid>> WakeAsync(CancellationToken cancellationToken)
    {
        var pending = new List<Guid>();
        await using (var command = dataSource.CreateCommand(PendingSql))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = cluster.Value.ServiceId });
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Window });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken)) pending.Add(reader.GetGuid(0));
        }

        var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(pending, options, async (id, _) =>
        {
            try
            {
                await grains.GetGrain<IAppointmentGrain>(id).Get();
            }
            catch (Exception ex)
            {
                // Its next call, or the next wake, hands it on.
                LogNotWoken(ex, id);
            }
        });
        if (pending.Count > 0) LogWoken(pending.Count);
        return pending;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Woke {Count} appointments whose stored outbox still held side effects.")]
    private partial void LogWoken(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not wake appointment {AppointmentId} to hand on its outbox.")]
    private partial void LogNotWoken(Exception exception, Guid appointmentId);
}
