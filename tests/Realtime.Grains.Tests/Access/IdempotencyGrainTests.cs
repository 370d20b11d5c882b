using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;

namespace Realtime.Grains.Tests.Access;

[Collection(MemoryClusterCollection.Name)]
public sealed class IdempotencyGrainTests(MemoryClusterFixture fixture)
{
    private static readonly StoredResponse Created = new(201, "application/json", "/api/clients/1", [1, 2, 3]);

    private IIdempotencyGrain NewKey() =>
        fixture.Grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(Guid.NewGuid()), "key"));

    [Fact]
    public async Task The_first_attempt_runs_and_its_answer_is_replayed_under_the_same_request_id()
    {
        var key = NewKey();
        var attempt = Guid.NewGuid();

        var run = await key.Begin("request", attempt, null);
        await key.Complete(attempt, Created);
        var retry = await key.Begin("request", Guid.NewGuid(), null);

        Assert.Equal(IdempotencyDecision.Run, run.Decision);
        Assert.Equal(IdempotencyDecision.Replay, retry.Decision);
        Assert.Equal(run.RequestId, retry.RequestId);
        Assert.Equal((201, "/api/clients/1"), (retry.Response!.StatusCode, retry.Response.Location));
        Assert.Equal(Created.Body, retry.Response.Body);
    }

    [Fact]
    public async Task While_an_attempt_runs_others_are_told_so_and_the_same_attempt_may_ask_again()
    {
        var key = NewKey();
        var attempt = Guid.NewGuid();
        await key.Begin("request", attempt, null);

        var others = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => key.Begin("request", Guid.NewGuid(), null)));

        Assert.All(others, claim => Assert.Equal(IdempotencyDecision.InProgress, claim.Decision));
        Assert.Equal(IdempotencyDecision.Run, (await key.Begin("request", attempt, null)).Decision);
    }

    [Fact]
    public async Task Another_request_under_the_key_is_refused_running_or_done()
    {
        var key = NewKey();
        var attempt = Guid.NewGuid();
        await key.Begin("request", attempt, null);

        Assert.Equal(IdempotencyDecision.KeyReused, (await key.Begin("other", Guid.NewGuid(), null)).Decision);
        await key.Complete(attempt, Created);
        Assert.Equal(IdempotencyDecision.KeyReused, (await key.Begin("other", Guid.NewGuid(), null)).Decision);
    }

    [Fact]
    public async Task An_abandoned_attempt_frees_the_key_for_a_retry_of_the_same_request_under_the_same_id()
    {
        var key = NewKey();
        var first = Guid.NewGuid();
        var run = await key.Begin("request", first, null);

        await key.Abandon(first);
        var retry = Guid.NewGuid();
        var again = await key.Begin("request", retry, null);

        Assert.Equal(IdempotencyDecision.Run, again.Decision);
        Assert.Equal(run.RequestId, again.RequestId);
        Assert.Equal(IdempotencyDecision.KeyReused, (await key.Begin("other", Guid.NewGuid(), null)).Decision);
    }

    [Fact]
    public async Task Only_the_attempt_that_holds_the_key_stores_or_frees_it()
    {
        var key = NewKey();
        var holder = Guid.NewGuid();
        await key.Begin("request", holder, null);

        var stranger = Guid.NewGuid();
        await key.Complete(stranger, Created with { StatusCode = 400 });
        await key.Abandon(stranger);
        Assert.Equal(IdempotencyDecision.InProgress, (await key.Begin("request", Guid.NewGuid(), null)).Decision);

        await key.Complete(holder, Created);
        await key.Complete(holder, Created with { StatusCode = 400 });
        Assert.Equal(201, (await key.Begin("request", Guid.NewGuid(), null)).Response!.StatusCode);
    }

    [Fact]
    public async Task Keys_of_different_scopes_never_share_an_answer()
    {
        var organization = Guid.NewGuid();
        var staff = fixture.Grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(organization), "same"));
        var client = fixture.Grains.GetGrain<IIdempotencyGrain>(
            IdempotencyKeys.GrainKey(IdempotencyKeys.ClientScope(organization, Guid.NewGuid()), "same"));
        var attempt = Guid.NewGuid();
        await staff.Begin("request", attempt, null);
        await staff.Complete(attempt, Created);

        Assert.Equal(IdempotencyDecision.Run, (await client.Begin("request", Guid.NewGuid(), null)).Decision);
    }

    [Fact]
    public void The_state_survives_the_storage_serializer()
    {
        var state = new IdempotencyState
        {
            Fingerprint = "f", FirstSeenAt = DateTimeOffset.UtcNow, RequestId = Guid.NewGuid(), Attempt = Guid.NewGuid(),
            LeaseUntil = DateTimeOffset.UtcNow.AddMinutes(1), Runner = "127.0.0.1:11111@1", Response = Created,
        };

        var back = StoredState.RoundTrip(fixture, state);

        Assert.Equal(StoredState.Json(fixture, state), StoredState.Json(fixture, back));
        Assert.Equal(Created.Body, back.Response!.Body);
        Assert.Equal((state.RequestId, state.Attempt, state.Runner), (back.RequestId, back.Attempt, back.Runner));
    }
}
