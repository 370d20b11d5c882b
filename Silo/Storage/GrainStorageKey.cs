using System.Text;
using Orleans.Runtime;
using Orleans.Storage;

namespace Realtime.Silo.Storage;

/// <summary>
/// The key of a grain's row in <c>orleansstorage</c>, laid out as Orleans' ADO.NET provider lays it out (the grain key
/// as a hash, two 64-bit halves and a string extension; the state name as a hash and the string), so that rows written
/// before <see cref="PostgresGrainStorage"/> replaced that provider, or by a node still running it, are the same rows.
/// </summary>
internal readonly record struct GrainStorageKey(int IdHash, long N0, long N1, string? Extension, int StateHash, string StateName)
{
    private static readonly OrleansDefaultHasher Hasher = new();

    public static GrainStorageKey Of(string stateName, GrainId grainId)
    {
        // The provider strips generic arguments from the name it is given; Realtime names its states with plain words.
        if (stateName.Contains('`', StringComparison.Ordinal)) throw new ArgumentException($"State name '{stateName}' has generic arguments.", nameof(stateName));
        var stateHash = Hasher.Hash(Encoding.UTF8.GetBytes(stateName));

        if (grainId.TryGetGuidKey(out var guid, out var guidExtension))
        {
            var bytes = guid.ToByteArray();
            return new(HashOf(bytes, guidExtension), BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), guidExtension, stateHash, stateName);
        }
        if (grainId.TryGetIntegerKey(out var integer, out var integerExtension))
        {
            return new(HashOf(BitConverter.GetBytes(integer), integerExtension), 0, integer, integerExtension, stateHash, stateName);
        }
        var key = grainId.Key.ToString()!;
        return new(HashOf([], key), 0, 0, key, stateHash, stateName);
    }

    /// <summary>The Guid key whose two halves <see cref="Of"/> stored as <see cref="N0"/> and <see cref="N1"/>.</summary>
    public static Guid GuidKey(long n0, long n1)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, n0);
        BitConverter.TryWriteBytes(bytes[8..], n1);
        return new Guid(bytes);
    }

    /// <summary>The key's bytes then the extension's, reversed on a little-endian machine, as the provider hashes them.</summary>
    private static int HashOf(byte[] keyBytes, string? extension)
    {
        byte[] bytes = [.. keyBytes, .. extension is null ? [] : Encoding.UTF8.GetBytes(extension)];
        if (BitConverter.IsLittleEndian) Array.Reverse(bytes);
        return Hasher.Hash(bytes);
    }
}
