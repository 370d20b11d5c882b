using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Faults;

/// <summary>Every operation of the run, kept in memory for the invariants and appended to a JSON-lines file as it ends.</summary>
public sealed class OperationLog(string path) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly StreamWriter file = new(path) { AutoFlush = true };
    private readonly ConcurrentQueue<Operation> operations = new();
    private long sequence;

    public string Path => path;

    public IReadOnlyCollection<Operation> Operations => operations;

    /// <summary>The order in which operations started, across clients.</summary>
    public long NextSequence() => Interlocked.Increment(ref sequence);

    public void Add(Operation operation)
    {
        operations.Enqueue(operation);
        var line = JsonSerializer.Serialize(operation, Json);
        lock (file) file.WriteLine(line);
    }

    public void Dispose()
    {
        lock (file) file.Dispose();
    }
}
