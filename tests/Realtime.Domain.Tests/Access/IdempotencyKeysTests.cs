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
    public void Keys_are_scoped_to_the_organisation()
    {
        var organization = Guid.Parse("0123456789abcdef0123456789abcdef");
        Assert.Equal("0123456789abcdef0123456789abcdef/abc", IdempotencyKeys.GrainKey(organization, "abc"));
        Assert.NotEqual(IdempotencyKeys.GrainKey(organization, "abc"), IdempotencyKeys.GrainKey(Guid.NewGuid(), "abc"));
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
