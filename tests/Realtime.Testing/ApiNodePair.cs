namespace Realtime.Testing;

/// <summary>
/// Two API nodes of one cluster on one database, both ready, with the same bootstrap owner key (so either node may
/// create the organisation). Disposing stops both.
/// </summary>
public sealed class ApiNodePair : IAsyncDisposable
{
    private ApiNodePair(ApiNodeProcess a, ApiNodeProcess b) => (A, B) = (a, b);

    public ApiNodeProcess A { get; }

    public ApiNodeProcess B { get; }

    public static async Task<ApiNodePair> Start(PostgresDatabase database, string operatorKey, string ownerKey)
    {
        var pair = new ApiNodePair(
            ApiNodeProcess.Start(ApiNodeSettings.For(database, operatorKey, ownerKey)),
            ApiNodeProcess.Start(ApiNodeSettings.For(database, operatorKey, ownerKey)));
        try
        {
            await Task.WhenAll(pair.A.WaitUntilReady(ApiNodeProcess.Startup), pair.B.WaitUntilReady(ApiNodeProcess.Startup));
            return pair;
        }
        catch
        {
            await pair.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
