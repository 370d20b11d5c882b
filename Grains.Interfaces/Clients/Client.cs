namespace Realtime.Grains.Interfaces.Clients;

[GenerateSerializer, Immutable, Alias("realtime.client-profile")]
public sealed record ClientProfile(
    string FirstName, string LastName, string Email, string? Phone, string? Gender,
    DateOnly? BirthDate, string? Note, string Language);

[GenerateSerializer, Immutable, Alias("realtime.blacklist-entry")]
public sealed record BlacklistEntry(string Reason, DateTimeOffset Since, Actor By);

/// <summary>
/// The client as bookings, messages and sign-ins read them: without their appointments, a list that grows with every
/// visit (<see cref="ClientRecord"/> has it).
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.client-view")]
public sealed record ClientView(
    Guid Id, Guid OrganizationId, ClientProfile Profile, BlacklistEntry? Blacklist, int NoShowCount, long Version);

/// <summary>The client with every appointment ever theirs (a class they left included), for the few who show or decide on them.</summary>
[GenerateSerializer, Immutable, Alias("realtime.client-record")]
public sealed record ClientRecord(ClientView Client, Guid[] AppointmentIds);

/// <summary>What a client answers an appointment that names them (<see cref="IClientGrain.LinkAppointment"/>).</summary>
public enum AppointmentLink
{
    /// <summary>The appointment is the client's (or a tombstone from before refusals existed, which cannot tell, leaves it be).</summary>
    Linked,

    /// <summary>The client was deleted before the appointment became theirs: the appointment gives up their place.</summary>
    Refused,
}

[Alias("realtime.client")]
public interface IClientGrain : IGrainWithGuidKey
{
    [Alias("create")]
    Task<Result<ClientRecord>> Create(Guid organizationId, ClientProfile profile);

    [Alias("update")]
    Task<Result<ClientRecord>> Update(ClientProfile profile);

    [Alias("blacklist")]
    Task<Result<ClientRecord>> AddToBlacklist(string reason, Actor actor);

    [Alias("unblacklist")]
    Task<Result<ClientRecord>> RemoveFromBlacklist(Actor actor);

    /// <summary>
    /// Makes an appointment that names this client theirs: listed once, however often asked. A client deleted before the
    /// appointment got here refuses it, as a booking for them would be refused; once listed, it stays linked.
    /// </summary>
    [Alias("link-appointment")]
    Task<AppointmentLink> LinkAppointment(Guid appointmentId);

    /// <summary>Idempotent per appointment: counts a no-show once (until taken back) and optionally blacklists.</summary>
    [Alias("record-no-show")]
    Task RecordNoShow(Guid appointmentId, bool blacklist, Actor actor);

    /// <summary>
    /// Takes back the appointment's no-show (restored, completed, deleted): counted no more, and a blacklisting it made is
    /// lifted. Nothing for a no-show not counted, so it may be told again.
    /// </summary>
    [Alias("take-back-no-show")]
    Task TakeBackNoShow(Guid appointmentId);

    /// <summary>
    /// Forgets the client's personal data; appointments keep the id and show the client as deleted, and an appointment
    /// not linked by then is refused (<see cref="LinkAppointment"/>). Given <paramref name="decidedAppointmentIds"/>, the
    /// appointments whose fate the caller decided on, a client with another one linked since is not deleted: false, for
    /// the caller to decide again. Null: whatever is linked stays as it is.
    /// </summary>
    [Alias("delete")]
    Task<Result<bool>> Delete(Actor actor, Guid[]? decidedAppointmentIds);

    [Alias("get"), ReadOnly]
    Task<ClientView?> Get();

    [Alias("get-record"), ReadOnly]
    Task<ClientRecord?> GetRecord();
}
