using System.Security.Claims;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Auth;

/// <summary>The authenticated staff key behind a request: whose data it may see and what it may do.</summary>
public sealed record Caller(Guid KeyId, string KeyName, Guid OrganizationId, StaffRole Role, Guid[]? LocationIds)
{
    public const string OrganizationClaim = "realtime:organization";
    public const string RoleClaim = "realtime:role";
    public const string LocationClaim = "realtime:location";
    public const string KeyIdClaim = "realtime:key";

    public bool IsAdmin => Role is StaffRole.Owner or StaffRole.Admin;

    /// <summary>A key limited to some locations sees nothing of the others.</summary>
    public bool CanAccess(Guid locationId) => LocationIds is null || LocationIds.Contains(locationId);

    public Actor Actor => Actor.Staff(KeyId.ToString(), KeyName);

    public static Caller From(ClaimsPrincipal user)
    {
        var locations = user.FindAll(LocationClaim).Select(c => Guid.Parse(c.Value)).ToArray();
        return new Caller(
            Guid.Parse(user.FindFirstValue(KeyIdClaim)!),
            user.Identity?.Name ?? "staff key",
            Guid.Parse(user.FindFirstValue(OrganizationClaim)!),
            Enum.Parse<StaffRole>(user.FindFirstValue(RoleClaim)!),
            locations.Length == 0 ? null : locations);
    }

    public IEnumerable<Claim> ToClaims()
    {
        yield return new Claim(ClaimTypes.Name, KeyName);
        yield return new Claim(KeyIdClaim, KeyId.ToString());
        yield return new Claim(OrganizationClaim, OrganizationId.ToString());
        yield return new Claim(RoleClaim, Role.ToString());
        foreach (var location in LocationIds ?? []) yield return new Claim(LocationClaim, location.ToString());
    }
}
