using Npgsql;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;

namespace Realtime.Silo.Notifications;

/// <summary>
/// Birthdays from the client list (table <c>client_list</c> of schema script 0004, kept by the client projection):
/// clients neither deleted nor blacklisted whose birth date has the month and day asked for. Reads only.
/// </summary>
public sealed class PostgresBirthdayClients : IBirthdayClients
{
    private const string Sql = """
        SELECT id, organization_id, first_name, email, phone, language, birth_date
        FROM client_list
        WHERE NOT deleted AND NOT blacklisted AND birth_date IS NOT NULL AND birth_date <= $1
          AND (extract(month FROM birth_date)::integer, extract(day FROM birth_date)::integer) IN (SELECT * FROM unnest($2::integer[], $3::integer[]))
        ORDER BY organization_id, id
        """;

    private readonly NpgsqlDataSource dataSource;

    /// <summary>Birthdays read through a data source that the caller owns (and disposes).</summary>
    public PostgresBirthdayClients(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        this.dataSource = dataSource;
    }

    public async Task<BirthdayClient[]> WithBirthdayOn(DateOnly date, CancellationToken ct)
    {
        var days = BirthdayRules.BirthDaysOn(date);
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = date });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. days.Select(d => d.Month)] });
        command.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. days.Select(d => d.Day)] });
        var clients = new List<BirthdayClient>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            clients.Add(new BirthdayClient(
                reader.GetGuid(0), reader.GetGuid(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateOnly>(6)));
        }

        return [.. clients];
    }
}
