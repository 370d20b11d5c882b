namespace Realtime.Grains.Interfaces.Clients;

[GenerateSerializer, Immutable, Alias("realtime.client-profile")]
public sealed record ClientProfile(
    string FirstName, string LastName, string Email, string? Phone, string? Gender,
    DateOnly? BirthDate, string? Note, string Language);

[GenerateSerializer, Immutable, Alias("realtime.blacklist-entry")]
public sealed record BlacklistEntry(string Reason, DateTimeOffset Since, Actor By);

[GenerateSerializer, Immutable, Alias("realtime.client-view")]
public sealed record ClientView(
    Guid Id, Guid OrganizationId, ClientProfile Profile, BlacklistEntry? Blacklist,
    int NoShowCount, Guid[] AppointmentIds, long Version);

[Alias("realtime.client")]
public interface IClientGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<ClientView>> Create(Guid organizationId, ClientProfile profile);

    [Alias("update")]
    Task<Result<ClientView>> Update(ClientProfile profile);

    [Alias("blacklist")]
    Task<Result<ClientView>> AddToBlacklist(string reason, Actor actor);

    [Alias("unblacklist")]
    Task<Result<ClientView>> RemoveFromBlacklist(Actor actor);

    /// <summary>Idempotent: an appointment that names this client is listed once.</summary>
    [Alias("link-appointment")]
    Task LinkAppointment(Guid appointmentId);

    /// <summary>Idempotent per appointment: counts a no-show once and optionally blacklists.</summary>
    [Alias("record-no-show")]
    Task RecordNoShow(Guid appointmentId, bool blacklist, Actor actor);

    /// <summary>Forgets the client's personal data. Appointments keep the id and show the client as deleted.</summary>
    [Alias("delete")]
    Task<Result<bool>> Delete(Actor actor);

    [Alias("get"), ReadOnly]
    Task<ClientView?> Get();
}
