using Realtime.Grains.Interfaces.Access;

namespace Realtime.Grains.Domain.Access;

public static class ApiKeyRules
{
    public const int MaxNameLength = 100;
    public const int MaxLocations = 100;

    public static FieldError[] Validate(string? name, StaffRole role, Guid[]? locationIds)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > MaxNameLength)
        {
            errors.Add(new("name", $"A name of 1 to {MaxNameLength} characters is required."));
        }

        if (!Enum.IsDefined(role)) errors.Add(new("role", "One of: owner, admin, frontDesk."));
        if (locationIds is not null)
        {
            // An empty list would read back as "no limit" (every location): say which is meant.
            if (locationIds.Length == 0) errors.Add(new("locationIds", "Leave it out for every location, or list at least one."));
            else if (locationIds.Length > MaxLocations) errors.Add(new("locationIds", $"At most {MaxLocations} locations."));
            else if (locationIds.Contains(Guid.Empty)) errors.Add(new("locationIds", "Not a location id."));
        }

        return [.. errors];
    }

    /// <summary>Trimmed name; locations de-duplicated and sorted, null kept as "every location".</summary>
    public static Guid[]? NormalizeLocations(Guid[]? locationIds) =>
        locationIds is null ? null : [.. locationIds.Distinct().Order()];

    /// <summary>
    /// Whether a key limited to <paramref name="callerLocations"/> (null: every location) may hand out or manage a key
    /// limited to <paramref name="keyLocations"/>: only within its own locations, never beyond them.
    /// </summary>
    public static bool CoversLocations(Guid[]? callerLocations, Guid[]? keyLocations) =>
        callerLocations is null || (keyLocations is not null && keyLocations.All(callerLocations.Contains));

    /// <summary>Only an owner may create or revoke an owner key; owners and admins may do so for the other roles.</summary>
    public static bool MayManage(StaffRole caller, StaffRole key) =>
        caller switch
        {
            StaffRole.Owner => true,
            StaffRole.Admin => key is not StaffRole.Owner,
            _ => false,
        };
}
