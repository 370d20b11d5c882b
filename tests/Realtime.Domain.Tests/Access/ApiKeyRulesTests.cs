using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;

namespace Realtime.Domain.Tests.Access;

public sealed class ApiKeyRulesTests
{
    private static readonly Guid A = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid B = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    [Fact]
    public void A_named_key_with_a_role_is_valid_with_or_without_locations()
    {
        Assert.Empty(ApiKeyRules.Validate("Front desk", StaffRole.FrontDesk, null));
        Assert.Empty(ApiKeyRules.Validate("Front desk", StaffRole.FrontDesk, [A, B]));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_name_is_required(string? name) =>
        Assert.Equal("name", Assert.Single(ApiKeyRules.Validate(name, StaffRole.Admin, null)).Field);

    [Fact]
    public void Names_longer_than_100_characters_and_unknown_roles_are_refused()
    {
        Assert.Equal("name", Assert.Single(ApiKeyRules.Validate(new string('x', 101), StaffRole.Admin, null)).Field);
        Assert.Equal("role", Assert.Single(ApiKeyRules.Validate("x", (StaffRole)7, null)).Field);
    }

    [Fact]
    public void An_empty_location_list_is_refused_because_it_would_mean_every_location()
    {
        Assert.Equal("locationIds", Assert.Single(ApiKeyRules.Validate("x", StaffRole.FrontDesk, [])).Field);
        Assert.Equal("locationIds", Assert.Single(ApiKeyRules.Validate("x", StaffRole.FrontDesk, [Guid.Empty])).Field);
        Assert.Equal("locationIds", Assert.Single(ApiKeyRules.Validate("x", StaffRole.FrontDesk, [.. Enumerable.Range(0, 101).Select(_ => Guid.NewGuid())])).Field);
    }

    [Fact]
    public void Locations_are_deduplicated_and_sorted()
    {
        Assert.Null(ApiKeyRules.NormalizeLocations(null));
        Assert.Equal([A, B], ApiKeyRules.NormalizeLocations([B, A, B])!);
    }

    [Fact]
    public void A_limited_key_covers_only_keys_limited_to_its_own_locations()
    {
        Assert.True(ApiKeyRules.CoversLocations(null, null));
        Assert.True(ApiKeyRules.CoversLocations(null, [A]));
        Assert.True(ApiKeyRules.CoversLocations([A, B], [A]));
        Assert.False(ApiKeyRules.CoversLocations([A], null));
        Assert.False(ApiKeyRules.CoversLocations([A], [A, B]));
    }

    [Theory]
    [InlineData(StaffRole.Owner, StaffRole.Owner, true)]
    [InlineData(StaffRole.Owner, StaffRole.Admin, true)]
    [InlineData(StaffRole.Owner, StaffRole.FrontDesk, true)]
    [InlineData(StaffRole.Admin, StaffRole.Owner, false)]
    [InlineData(StaffRole.Admin, StaffRole.Admin, true)]
    [InlineData(StaffRole.Admin, StaffRole.FrontDesk, true)]
    [InlineData(StaffRole.FrontDesk, StaffRole.FrontDesk, false)]
    public void Only_owners_manage_owner_keys_and_the_front_desk_manages_none(StaffRole caller, StaffRole key, bool may) =>
        Assert.Equal(may, ApiKeyRules.MayManage(caller, key));
}
