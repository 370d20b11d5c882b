using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Realtime.Grains.Domain.Clients;
using Realtime.Grains.Projections.Clients;
using Realtime.Silo.Database;

namespace Realtime.Silo.ReadModel.Clients;

/// <summary>
/// The client list in PostgreSQL (table <c>client_list</c>, created by schema script 0004). Each <see cref="Apply"/>
/// is one upsert that only a newer version wins, so repeated and out-of-order deliveries are harmless; the same rules
/// as <see cref="ClientListRules"/>, stated in SQL. The last appointment date is read from <c>appointment_list</c> of the
/// same database, for the listed clients only.
/// </summary>
public sealed class PostgresClientReadModel : IClientReadModel
{
    /// <summary>How many clients an export reads per query (keyset paging on the sort order), unless told otherwise.</summary>
    public const int DefaultExportBatchSize = 500;

    private const string UpsertSql = """
        INSERT INTO client_list AS target
            (id, organization_id, version, deleted, first_name, last_name, email, phone, gender, birth_date, note, language,
             blacklisted, search_text, phone_digits, sort_last_name, sort_first_name)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
        ON CONFLICT (id) DO UPDATE SET
            organization_id = excluded.organization_id,
            version = excluded.version,
            deleted = excluded.deleted,
            first_name = excluded.first_name,
            last_name = excluded.last_name,
            email = excluded.email,
            phone = excluded.phone,
            gender = excluded.gender,
            birth_date = excluded.birth_date,
            note = excluded.note,
            language = excluded.language,
            blacklisted = excluded.blacklisted,
            search_text = excluded.search_text,
            phone_digits = excluded.phone_digits,
            sort_last_name = excluded.sort_last_name,
            sort_first_name = excluded.sort_first_name,
            projected_at = now()
        WHERE target.version < excluded.version
           OR (target.version = excluded.version AND excluded.deleted AND NOT target.deleted)
        """;

    /// <summary>
    /// The columns of a listed client, from the page's rows <c>p</c>; the last one is the ClientListRules rule
    /// (latest start among the client's appointments that are not cancelled) on the partial index
    /// <c>appointment_list_client_last_start</c>, whose predicate these conditions repeat.
    /// </summary>
    private const string ItemColumns = """
        p.id, p.first_name, p.last_name, p.email, p.phone, p.gender, p.birth_date, p.note, p.language, p.blacklisted, p.version,
        p.sort_last_name, p.sort_first_name,
        (SELECT max(a.starts_at) FROM appointment_list a
          WHERE a.organization_id = p.organization_id AND a.client_id = p.id
            AND NOT a.deleted AND a.client_id IS NOT NULL AND a.status <> 'Cancelled') AS last_appointment_at
        """;

    private readonly NpgsqlDataSource dataSource;
    private readonly int exportBatchSize;

    /// <summary>A read model on a data source that the caller owns (and disposes).</summary>
    /// <param name="exportBatchSize">How many clients an export reads per query; tests make it small.</param>
    public PostgresClientReadModel(NpgsqlDataSource dataSource, int exportBatchSize = DefaultExportBatchSize)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentOutOfRangeException.ThrowIfLessThan(exportBatchSize, 1);
        this.dataSource = dataSource;
        this.exportBatchSize = exportBatchSize;
    }

    public async Task Apply(ClientListEntry entry, CancellationToken ct)
    {
        ClientListRules.ThrowIfInvalid(entry);
        var profile = entry.Deleted ? null : entry.Profile;
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entry.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entry.OrganizationId });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = entry.Version });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = entry.Deleted });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = profile?.FirstName ?? "" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = profile?.LastName ?? "" });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = profile?.Email ?? "" });
        command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.Text, profile?.Phone));
        command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.Text, profile?.Gender));
        command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.Date, profile?.BirthDate));
        command.Parameters.Add(SqlWrites.Nullable(NpgsqlDbType.Text, profile?.Note));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = profile?.Language ?? "" });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = profile is not null && entry.Blacklisted });
        command.Parameters.Add(new NpgsqlParameter<string>
        {
            TypedValue = profile is null ? "" : ClientSearchText.SearchTextOf(profile.FirstName, profile.LastName, profile.Email),
        });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClientSearchText.PhoneDigitsOf(profile?.Phone) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClientSearchText.SortKeyOf(profile?.LastName) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = ClientSearchText.SortKeyOf(profile?.FirstName) });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<ClientListPage> Query(ClientListQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.ThrowIfInvalid();

        var filter = Filter(query);
        await using var batch = dataSource.CreateBatch();

        var count = new NpgsqlBatchCommand($"SELECT count(*) FROM client_list c WHERE {filter.Sql}");
        count.Parameters.AddRange(filter.Parameters());
        batch.BatchCommands.Add(count);

        // The page is chosen first, so the last appointment is looked up for its clients only.
        var order = OrderBy(query.Sort);
        var page = new NpgsqlBatchCommand(
            $"SELECT {ItemColumns} FROM (SELECT * FROM client_list c WHERE {filter.Sql} ORDER BY {order("c")} " +
            $"LIMIT ${filter.Count + 1} OFFSET ${filter.Count + 2}) p ORDER BY {order("p")}");
        page.Parameters.AddRange(filter.Parameters());
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.PageSize });
        page.Parameters.Add(new NpgsqlParameter<long> { TypedValue = query.Offset });
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var total = checked((int)reader.GetInt64(0));
        await reader.NextResultAsync(ct);
        var items = new List<ClientListItem>(query.PageSize);
        while (await reader.ReadAsync(ct)) items.Add(ReadItem(reader).Item);
        return new ClientListPage(total, query.Page, query.PageSize, [.. items]);
    }

    public async IAsyncEnumerable<ClientListItem> Export(ClientListQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        query = query.WithoutPaging();
        query.ThrowIfInvalid();

        var filter = Filter(query);
        var order = OrderBy(query.Sort);
        // Keyset paging: each batch starts after the last row of the one before, in the same order; each is a short
        // query of its own, so a slow download holds no connection. A client renamed during the export may appear
        // twice or not at all, as with any list that changes while it is read.
        var after = query.Sort == ClientListSort.NameDescending ? "<" : ">";
        var first = $"SELECT {ItemColumns} FROM (SELECT * FROM client_list c WHERE {filter.Sql} ORDER BY {order("c")} " +
                    $"LIMIT {exportBatchSize}) p ORDER BY {order("p")}";
        var next = $"SELECT {ItemColumns} FROM (SELECT * FROM client_list c WHERE {filter.Sql} " +
                   $"AND (c.sort_last_name, c.sort_first_name, c.id) {after} (${filter.Count + 1}, ${filter.Count + 2}, ${filter.Count + 3}) " +
                   $"ORDER BY {order("c")} LIMIT {exportBatchSize}) p ORDER BY {order("p")}";

        ClientListSortKey? last = null;
        while (true)
        {
            var batch = new List<(ClientListItem Item, ClientListSortKey Key)>(exportBatchSize);
            await using (var command = dataSource.CreateCommand(last is null ? first : next))
            {
                command.Parameters.AddRange(filter.Parameters());
                if (last is { } key)
                {
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.LastName });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key.FirstName });
                    command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = key.Id });
                }

                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct)) batch.Add(ReadItem(reader));
            }

            foreach (var (item, _) in batch) yield return item;
            if (batch.Count < exportBatchSize) yield break;
            last = batch[^1].Key;
        }
    }

    /// <summary>On the index <c>client_list_email</c> (schema script 0007).</summary>
    public Task<ClientListEntry[]> FindByEmail(Guid organizationId, string normalizedEmail, CancellationToken ct) =>
        Find("email", organizationId, normalizedEmail, ct);

    /// <remarks>Never matches a client without a phone, whose digits are '': a claim is never made on none.</remarks>
    public Task<ClientListEntry[]> FindByPhone(Guid organizationId, string phoneDigits, CancellationToken ct) =>
        Find("phone_digits", organizationId, phoneDigits, ct);

    /// <param name="column">A column compared as it is stored: <c>email</c> or <c>phone_digits</c> (a constant, never input).</param>
    private async Task<ClientListEntry[]> Find(string column, Guid organizationId, string value, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT id, version, first_name, last_name, email, phone, gender, birth_date, note, language, blacklisted
            FROM client_list
            WHERE organization_id = $1 AND {column} = $2 AND {column} <> '' AND NOT deleted
            ORDER BY id
            """);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = organizationId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = value });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<ClientListEntry>();
        while (await reader.ReadAsync(ct))
        {
            var profile = new Grains.Interfaces.Clients.ClientProfile(
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.GetString(9));
            found.Add(new ClientListEntry(reader.GetGuid(0), organizationId, reader.GetInt64(1), Deleted: false, profile, reader.GetBoolean(10)));
        }

        return [.. found];
    }

    private static Func<string, string> OrderBy(ClientListSort sort)
    {
        var direction = sort == ClientListSort.NameDescending ? "DESC" : "ASC";
        return alias => $"{alias}.sort_last_name {direction}, {alias}.sort_first_name {direction}, {alias}.id {direction}";
    }

    private static (ClientListItem Item, ClientListSortKey Key) ReadItem(NpgsqlDataReader reader)
    {
        var id = reader.GetGuid(0);
        var item = new ClientListItem(
            id,
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.GetString(8),
            reader.GetBoolean(9),
            reader.GetInt64(10),
            reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13));
        return (item, new ClientListSortKey(reader.GetString(11), reader.GetString(12), id));
    }

    /// <summary>The WHERE clause of a query on <c>client_list c</c>: the organisation, then the search as <see cref="ClientSearch.Matches"/> states it.</summary>
    private static SqlFilter Filter(ClientListQuery query)
    {
        var filter = new SqlFilter("NOT c.deleted")
            .And("c.organization_id = {0}", () => new NpgsqlParameter<Guid> { TypedValue = query.OrganizationId });
        if (ClientSearch.Parse(query.Search) is not { } search) return filter;

        var words = search.Words
            .Select(word => $"c.search_text LIKE {filter.Add(() => new NpgsqlParameter<string> { TypedValue = Contains(word) })}")
            .ToArray();
        var allWords = words.Length == 0 ? "TRUE" : string.Join(" AND ", words);
        if (search.PhoneDigits is { Length: > 0 } digits)
        {
            var phone = filter.Add(() => new NpgsqlParameter<string> { TypedValue = Contains(digits) });
            return filter.And($"(c.phone_digits LIKE {phone} OR ({allWords}))");
        }

        return filter.And(allWords);
    }

    /// <summary>A LIKE pattern for "contains <paramref name="text"/>", its wildcards escaped (the default escape is \).</summary>
    private static string Contains(string text) =>
        "%" + text.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";
}
