using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Realtime.Api.Errors;

namespace Realtime.Api.Tests.Endpoints;

/// <summary>
/// A request caught by a failure that passes by itself (a silo dying, PostgreSQL restarting) is answered 503 with
/// Retry-After and a stable code, so clients retry; anything else is left to the 500 handler.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TransientFailureTests(ApiFixture api)
{
    public static TheoryData<Exception> Transient() =>
    [
        new SiloUnavailableException("the silo hosting the grain died"),
        new TimeoutException("the grain call timed out"),
        new InconsistentStateException("a stale activation lost its write"),
        new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01"),
        new AggregateException(new SiloUnavailableException("wrapped")),
        new InvalidOperationException("wrapped", new TimeoutException("inner")),
    ];

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_failure_that_passes_by_itself_is_503_with_retry_after(Exception exception)
    {
        var (handled, context) = await Handle(exception);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("temporarily_unavailable", problem.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Any_other_failure_is_left_to_the_500_handler()
    {
        var (handled, context) = await Handle(new InvalidOperationException("a bug"));

        Assert.False(handled);
        Assert.False(context.Response.Headers.ContainsKey("Retry-After"));
    }

    private async Task<(bool Handled, DefaultHttpContext Context)> Handle(Exception exception)
    {
        var context = new DefaultHttpContext { RequestServices = api.Factory.Services };
        context.Response.Body = new MemoryStream();
        var handled = await new RequestErrorHandler().TryHandleAsync(context, exception, CancellationToken.None);
        return (handled, context);
    }
}
