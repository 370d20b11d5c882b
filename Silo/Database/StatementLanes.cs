using Npgsql;

namespace Realtime.Silo.Database;

/// <summary>A statement that answers with one row or none, sent in a batch with others.</summary>
internal interface IBatchedStatement
{
    /// <summary>A new command each time: a failed batch's statements run again one by one.</summary>
    NpgsqlBatchCommand Command();

    /// <summary>Takes the statement's row, or none; a statement run again after its batch failed takes its new answer.</summary>
    void Answered(NpgsqlDataReader? row);
}

/// <summary>
/// The reads and writes that grains make at the same moment share a round trip and a commit
/// (<see cref="BatchedWrites{T}"/>), whichever table they go to. A few batches are in flight at once, each on a
/// connection of the shared pool, so that PostgreSQL can use several cores; a statement's lane follows its key.
/// </summary>
internal sealed class StatementLanes : IAsyncDisposable
{
    private static readonly int Count = Math.Clamp(Environment.ProcessorCount, 2, 4);

    private readonly NpgsqlDataSource dataSource;
    private readonly BatchedWrites<IBatchedStatement>[] lanes;

    public StatementLanes(NpgsqlDataSource dataSource)
    {
        this.dataSource = dataSource;
        lanes = [.. Enumerable.Range(0, Count).Select(_ => new BatchedWrites<IBatchedStatement>(Execute))];
    }

    /// <returns>The statement, once it has taken its answer.</returns>
    public async Task<TStatement> Run<TStatement>(TStatement statement, uint key) where TStatement : IBatchedStatement
    {
        await lanes[key % (uint)lanes.Length].Write(statement);
        return statement;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var lane in lanes) await lane.DisposeAsync();
    }

    private async Task Execute(IReadOnlyList<IBatchedStatement> statements, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var statement in statements) batch.BatchCommands.Add(statement.Command());
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        foreach (var statement in statements)
        {
            statement.Answered(await reader.ReadAsync(cancellationToken) ? reader : null);
            await reader.NextResultAsync(cancellationToken);
        }
    }
}
