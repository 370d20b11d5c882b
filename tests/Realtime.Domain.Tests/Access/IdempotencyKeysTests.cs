using Realtime.Grains.Domain.Access;

namespace Realtime.Domain.Tests.Access;

public sealed class IdempotencyKeysTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("3f1c2a9e-7b8d-4e5f-9a0b-1c2d3e4f5a6b")]
    [InlineData("order 42 / retry ~!@#$%^&*()")]
    public void Printable_ascii_keys_are_accepted(string key) => Assert.Empty(IdempotencyKeys.Validate(key));

    [Fact]
    public void Two_hundred_characters_are_the_limit()
    {
        Assert.Empty(IdempotencyKeys.Validate(new string('k', 200)));
        Assert.Equal("Idempotency-Key", Assert.Single(IdempotencyKeys.Validate(new string('k', 201))).Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\tinside")]
    [InlineData("new\nline")]
    [InlineData("zażółć")]
    [InlineData("\u007f")]
    public void Empty_control_and_non_ascii_keys_are_refused(string key) =>
        Assert.Equal("Idempotency-Key", Assert.Single(IdempotencyKeys.Validate(key)).Field);

    [Fact]
    public void Keys_are_scoped_to_the_organisation_or_one_client_of_it()
    {
        var organization = Guid.Parse("0123456789abcdef0123456789abcdef");
        var client = Guid.Parse("fedcba9876543210fedcba9876543210");
        var staffKey = IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(organization), "abc");
        Assert.Equal("staff/0123456789abcdef0123456789abcdef/abc", staffKey);
        Assert.NotEqual(staffKey, IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(Guid.NewGuid()), "abc"));
        Assert.Equal(
            "client/0123456789abcdef0123456789abcdef/fedcba9876543210fedcba9876543210/abc",
            IdempotencyKeys.GrainKey(IdempotencyKeys.ClientScope(organization, client), "abc"));
        Assert.NotEqual(staffKey, IdempotencyKeys.GrainKey(IdempotencyKeys.OperatorScope, "abc"));
        // A staff key cannot spell a client's key, nor the operator's.
        Assert.NotEqual(
            IdempotencyKeys.GrainKey(IdempotencyKeys.ClientScope(organization, client), "abc"),
            IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(organization), $"client/{organization:N}/{client:N}/abc"));
        Assert.NotEqual(
            IdempotencyKeys.GrainKey(IdempotencyKeys.ClientScope(organization, client), "abc"),
            IdempotencyKeys.GrainKey(IdempotencyKeys.OrganizationScope(organization), $"client/{client:N}/abc"));
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, true)]
    [InlineData(204, true)]
    [InlineData(400, true)]
    [InlineData(404, true)]
    [InlineData(409, true)]
    [InlineData(422, true)]
    [InlineData(408, false)]
    [InlineData(429, false)]
    [InlineData(500, false)]
    [InlineData(503, false)]
    public void Success_and_refusals_are_kept_failures_and_try_again_later_are_not(int status, bool final) =>
        Assert.Equal(final, IdempotencyKeys.IsFinal(status));

    [Fact]
    public void An_attempt_holds_its_key_until_its_lease_ends_or_its_node_is_dead()
    {
        var now = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        var leaseUntil = now + IdempotencyKeys.Lease;
        Assert.True(IdempotencyKeys.StillHolds(leaseUntil, runnerDead: false, now));
        Assert.True(IdempotencyKeys.StillHolds(leaseUntil, runnerDead: false, leaseUntil.AddTicks(-1)));
        Assert.False(IdempotencyKeys.StillHolds(leaseUntil, runnerDead: false, leaseUntil));
        Assert.False(IdempotencyKeys.StillHolds(leaseUntil, runnerDead: true, now));
    }

    [Fact]
    public void Outcomes_are_kept_for_24_hours()
    {
        var first = new DateTimeOffset(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
        Assert.False(IdempotencyKeys.IsExpired(first, first));
        Assert.False(IdempotencyKeys.IsExpired(first, first.AddHours(24).AddTicks(-1)));
        Assert.True(IdempotencyKeys.IsExpired(first, first.AddHours(24)));
    }
}
