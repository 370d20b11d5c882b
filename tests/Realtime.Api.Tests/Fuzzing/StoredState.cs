using Npgsql;

namespace Realtime.Api.Tests.Fuzzing;

/// <summary>
/// A cheap digest of everything a request may persist: grain state, the read models and the notification outbox (count and
/// md5 per table). Columns that background work changes by itself are left out: the storage's modification time and the
/// outbox's delivery progress (status, attempts, retry times), which the dispatcher moves on its own schedule.
/// </summary>
internal sealed class StoredState(string connectionString)
{
    private const string Digest = """
        SELECT string_agg(t.name || '=' || t.digest, ' ' ORDER BY t.name) FROM (
            SELECT 'grains' AS name, count(*) || ':' || md5(coalesce(string_agg(r, ',' ORDER BY r), '')) AS digest FROM (
                SELECT row(grainidhash, grainidn0, grainidn1, graintypestring, grainidextensionstring, version, md5(payloadbinary))::text AS r
                FROM orleansstorage) s
            UNION ALL
            SELECT 'appointments', count(*) || ':' || md5(coalesce(string_agg(a::text, ',' ORDER BY a::text), '')) FROM appointment_list a
            UNION ALL
            SELECT 'clients', count(*) || ':' || md5(coalesce(string_agg(c::text, ',' ORDER BY c::text), '')) FROM client_list c
            UNION ALL
            SELECT 'outbox', count(*) || ':' || md5(coalesce(string_agg(r, ',' ORDER BY r), '')) FROM (
                SELECT row(id, appointment_id, appointment_version, client_id, kind, channel, recipient, subject, md5(body))::text AS r
                FROM notifications) n
        ) t
        """;

    public async Task<string> Read()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Digest, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The digest once background work has settled: the same over a quiet spell, or a failure at the deadline.</summary>
    public async Task<string> Settled()
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        var last = await Read();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(QuietSpell);
            var next = await Read();
            if (next == last) return next;
            last = next;
        }

        throw new TimeoutException("The stored state kept changing for 15 s after a request.");
    }

    private static readonly TimeSpan QuietSpell = TimeSpan.FromMilliseconds(150);
}
