using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Realtime.Silo.Database;

namespace Realtime.Silo.Storage;

/// <summary>
/// Grain state in PostgreSQL's <c>orleansstorage</c> table, with one prepared statement per read or write. The reads
/// and writes that grains make at the same moment share a round trip and a commit (<see cref="BatchedWrites{T}"/>),
/// each keeping its own version check: the row's version is the ETag, and a writer holding a stale one matches no row
/// and fails alone with <see cref="InconsistentStateException"/>. A batch that PostgreSQL refuses is retried one
/// statement at a time; one lost with its connection fails every write in it, and each of those grains then reads the
/// truth (<see cref="DistrustingGrainStorage"/>). Rows are those of Orleans' ADO.NET provider
/// (<see cref="GrainStorageKey"/>), which this replaces because its generic command layer cost a tenth of Realtime's
/// CPU under load and committed every write alone. That provider still reads and writes them, but since the key index
/// leads with <c>grain_key_order</c>, which its statements do not name, by scanning the table.
/// </summary>
internal sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    /// <summary>The row's key, led by what the key index leads with (schema script 0014), so that lookups use it.</summary>
    private const string Key = """
        grain_key_order(grainidn0) = grain_key_order($3)
        AND grainidhash = $1 AND graintypehash = $2 AND grainidn0 = $3 AND grainidn1 = $4 AND serviceid = $5
        AND graintypestring = $6 AND grainidextensionstring IS NOT DISTINCT FROM $7
        """;

    internal const string ReadSql = $"SELECT payloadbinary, version FROM orleansstorage WHERE {Key}";

    /// <summary>
    /// A first write inserts unless the row exists, without <c>ON CONFLICT</c> for the reason
    /// <see cref="SqlWrites.CheckedUpsert"/> gives. A grain's writes all go through one lane, one batch after another,
    /// so only a second activation on another silo can race the check, and then the unique key refuses the later insert
    /// (see <see cref="Execute"/>).
    /// </summary>
    private const string InsertSql = $"""
        INSERT INTO orleansstorage
            (grainidhash, graintypehash, grainidn0, grainidn1, serviceid, graintypestring, grainidextensionstring, payloadbinary, version)
        SELECT $1, $2, $3, $4, $5, $6, $7, $8, 1
        WHERE NOT EXISTS (SELECT FROM orleansstorage WHERE {Key})
        RETURNING version
        """;

    private const string UpdateSql =
        $"UPDATE orleansstorage SET payloadbinary = $8, modifiedon = now(), version = version + 1 WHERE {Key} AND version = $9 RETURNING version";

    /// <summary>Clearing keeps the row and its version, so the ETag chain goes on.</summary>
    private const string ClearSql =
        $"UPDATE orleansstorage SET payloadbinary = NULL, modifiedon = now(), version = version + 1 WHERE {Key} AND version = $8 RETURNING version";

    /// <summary>Batches in flight at once, each on a connection of the shared pool, so that PostgreSQL can use several cores.</summary>
    private static readonly int Lanes = Math.Clamp(Environment.ProcessorCount, 2, 4);

    private readonly NpgsqlDataSource dataSource;
    private readonly IGrainStorageSerializer serializer;
    private readonly IActivatorProvider activators;
    private readonly string serviceId;
    private readonly BatchedWrites<Statement>[] lanes;

    public PostgresGrainStorage(NpgsqlDataSource dataSource, IGrainStorageSerializer serializer, IActivatorProvider activators, string serviceId)
    {
        this.dataSource = dataSource;
        this.serializer = serializer;
        this.activators = activators;
        this.serviceId = serviceId;
        lanes = [.. Enumerable.Range(0, Lanes).Select(_ => new BatchedWrites<Statement>(Execute))];
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var read = await Run(new Statement(ReadSql, GrainStorageKey.Of(stateName, grainId), serviceId));
        grainState.State = read.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : New<T>();
        grainState.ETag = Etag(read.Version);
        grainState.RecordExists = read.Payload is not null;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = GrainStorageKey.Of(stateName, grainId);
        var payload = new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = serializer.Serialize(grainState.State).ToMemory() };
        var statement = string.IsNullOrWhiteSpace(grainState.ETag)
            ? new Statement(InsertSql, key, serviceId, payload)
            : new Statement(UpdateSql, key, serviceId, payload, Version(grainState.ETag));
        var written = await Run(statement);
        grainState.ETag = Etag(written.Version) ?? throw Conflict("write", stateName, grainId, grainState.ETag);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists) return;
        }
        var key = GrainStorageKey.Of(stateName, grainId);
        var cleared = await Run(new Statement(ClearSql, key, serviceId, Version(grainState.ETag!)));
        grainState.ETag = Etag(cleared.Version) ?? throw Conflict("clear", stateName, grainId, grainState.ETag);
        grainState.RecordExists = false;
        grainState.State = New<T>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes) await lane.DisposeAsync();
    }

    private async Task<Statement> Run(Statement statement)
    {
        await lanes[(uint)statement.Key.IdHash % (uint)lanes.Length].Write(statement);
        return statement;
    }

    /// <summary>
    /// A first write that lost a race to the unique key, run alone (its batch failed), is answered as a conflict, as a
    /// write naming a version that is no longer stored is.
    /// </summary>
    private async Task Execute(IReadOnlyList<Statement> statements, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in statements) batch.BatchCommands.Add(statement.Command());
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            foreach (var statement in statements)
            {
                statement.Answered(await reader.ReadAsync(cancellationToken) ? reader : null);
                await reader.NextResultAsync(cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation && statements.Count == 1)
        {
            statements[0].Answered(null);
        }
    }

    private T New<T>() => activators.GetActivator<T>().Create();

    /// <summary>$1 to $7 of every statement: the row's key, as <see cref="Key"/> names it.</summary>
    internal static void AddKey(NpgsqlParameterCollection parameters, GrainStorageKey key, string serviceId)
    {
        parameters.Add(new NpgsqlParameter<int> { TypedValue = key.IdHash });
        parameters.Add(new NpgsqlParameter<int> { TypedValue = key.StateHash });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N0 });
        parameters.Add(new NpgsqlParameter<long> { TypedValue = key.N1 });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = serviceId });
        parameters.Add(new NpgsqlParameter<string> { TypedValue = key.StateName });
        parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)key.Extension ?? DBNull.Value });
    }

    private static string? Etag(int? version) => version?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static NpgsqlParameter<int> Version(string etag) =>
        new() { TypedValue = int.Parse(etag, System.Globalization.CultureInfo.InvariantCulture) };

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? etag) =>
        new($"Version conflict ({operation}): service {serviceId}, state {stateName}, grain {grainId}, ETag {etag ?? "none"}: another writer got there first.");

    /// <summary>One statement of a batch, and what its row said.</summary>
    private sealed class Statement(string sql, GrainStorageKey key, string serviceId, params NpgsqlParameter[] extra)
    {
        public GrainStorageKey Key { get; } = key;

        /// <summary>The row's version (its last column), null when the statement matched no row.</summary>
        public int? Version { get; private set; }

        /// <summary>The stored state, for a read of a row that holds one.</summary>
        public byte[]? Payload { get; private set; }

        /// <summary>Takes the statement's row, or none; a statement run again after its batch failed takes its new answer.</summary>
        public void Answered(NpgsqlDataReader? row)
        {
            Version = row?.GetInt32(row.FieldCount - 1);
            Payload = row is { FieldCount: 2 } && !row.IsDBNull(0) ? row.GetFieldValue<byte[]>(0) : null;
        }

        /// <summary>A new command each time: a failed batch's statements run again one by one.</summary>
        public NpgsqlBatchCommand Command()
        {
            var command = new NpgsqlBatchCommand(sql);
            AddKey(command.Parameters, Key, serviceId);
            foreach (var parameter in extra) command.Parameters.Add(parameter.Clone());
            return command;
        }
    }
}
