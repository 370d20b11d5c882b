using Realtime.Grains.Caching;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Schedules;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;

namespace Realtime.Grains.Appointments;

/// <summary>The configuration an appointment is checked against, all of one organisation.</summary>
internal sealed record BookingContext(LocationView Location, ServiceView[] Services, ResourceView[] Resources, ClientView? Client)
{
    public static async Task<Result<BookingContext>> Load(
        IGrainFactory grains, DefinitionCache definitions, Guid organizationId, Guid locationId, Guid[] resourceIds, Guid[] serviceIds,
        Guid? clientId)
    {
        var location = definitions.Location(locationId);
        var services = Task.WhenAll(serviceIds.Select(definitions.Service));
        var resources = Task.WhenAll(resourceIds.Select(definitions.Resource));
        var client = clientId is { } id ? grains.GetGrain<IClientGrain>(id).Get() : Task.FromResult<ClientView?>(null);
        await Task.WhenAll(location, services, resources, client);

        var missing = new List<FieldError>();
        if (location.Result?.OrganizationId != organizationId) missing.Add(new("locationId", "Unknown location."));
        missing.AddRange(Unknown(services.Result, s => s?.OrganizationId, organizationId, "serviceIds"));
        missing.AddRange(Unknown(resources.Result, r => r?.OrganizationId, organizationId, "resourceIds"));
        if (clientId is not null && client.Result?.OrganizationId != organizationId) missing.Add(new("clientId", "Unknown client."));
        if (missing.Count > 0) return new DomainError(ErrorCodes.NotFound, "Something the appointment refers to does not exist.", [.. missing]);

        return new BookingContext(location.Result!, services.Result!, resources.Result!, client.Result);
    }

    /// <summary>What binds the clients of these services here (<see cref="ClientPolicyRules.Effective"/>).</summary>
    public ClientPolicy ClientPolicy =>
        ClientPolicyRules.Effective(Services.Select(s => s.Definition), Location.Definition.Policy.ClientPolicy);

    public bool ClientBlacklisted => Client?.Blacklist is not null;

    public int Capacity => GroupSeats.CapacityOf(Services.Select(s => s.Definition));

    public AppointmentTiming Timing(int? durationMinutes) =>
        BookingRules.Timing(Services.Select(s => s.Definition).ToList(), durationMinutes);

    public FieldError[] CheckRequiredKinds() =>
        BookingRules.CheckRequiredKinds(Services.Select(s => s.Definition), Resources.Select(r => r.Kind));

    /// <summary>Every resource works at this location for the whole visit (buffers may fall outside); a refusal names <paramref name="field"/>.</summary>
    public DomainError? CheckWorkingHours(TimeRange visit, string field)
    {
        var away = Resources
            .Where(r => !WorkingTime.Covers(r.WorkingHours, r.Exceptions, Location.Id, Location.Definition.TimeZone, visit))
            .Select(r => new FieldError(field, $"{r.Name} does not work at {Location.Definition.Name} at that time."))
            .ToArray();
        return away.Length == 0
            ? null
            : new DomainError(ErrorCodes.OutsideWorkingHours, "The time is outside working hours.", away);
    }

    private static IEnumerable<FieldError> Unknown<T>(T?[] found, Func<T?, Guid?> organizationOf, Guid organizationId, string field) =>
        found.Select((item, i) => (item, i))
            .Where(x => organizationOf(x.item) != organizationId)
            .Select(x => new FieldError($"{field}[{x.i}]", "Unknown id."));
}
