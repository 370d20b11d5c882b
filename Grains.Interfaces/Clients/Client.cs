namespace Realtime.Grains.Interfaces.Clients;

[GenerateSerializer, Immutable, Alias("realtime.client-profile")]
public sealed record ClientProfile(
    string FirstName, string LastName, string Email, string? Phone, string? Gender,
    DateOnly? BirthDate, string? Note, string Language);

/// <summary>
/// A way of reaching a client that no two clients of one organisation share unless asked to: <see cref="Field"/>
/// <c>email</c> (trimmed, lower-cased) or <c>phone</c> (its digits), as <c>ClientContacts</c> normalises them.
/// </summary>
[GenerateSerializer, Immutable, Alias("realtime.client-contact")]
public sealed record ClientContact(string Field, string Value);

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
    /// <summary>
    /// Refused with <c>client_exists</c> when another client of the organisation has the e-mail address or phone number,
    /// unless <paramref name="allowDuplicate"/> (a parent and child sharing a phone); see <see cref="IClientContactGrain"/>.
    /// </summary>
    [Alias("create")]
    Task<Result<ClientRecord>> Create(Guid organizationId, ClientProfile profile, bool allowDuplicate = false);

    /// <summary>As <see cref="Create"/> for an e-mail address or phone number the client did not have.</summary>
    [Alias("update")]
    Task<Result<ClientRecord>> Update(ClientProfile profile, bool allowDuplicate = false);

    /// <summary>
    /// Whether the client (not deleted) has the contact now, for a claim on it that asks; interleaves, as the claim may be
    /// asked while this client waits on a claim of its own.
    /// </summary>
    [Alias("has-contact"), AlwaysInterleave]
    Task<bool> HasContact(ClientContact contact);

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

/// <summary>
/// The claim on one e-mail address or phone number within one organisation (key: <c>ClientContacts.Key</c>): the single
/// writer of which clients have it, so that two clients created or changed at the same instant cannot both take it.
/// </summary>
[Alias("realtime.client-contact-claim")]
public interface IClientContactGrain : IGrainWithStringKey
{
    /// <summary>
    /// Makes <paramref name="clientId"/> a holder of the contact, which with <paramref name="organizationId"/> must be
    /// what the key was made of (the key keeps only a digest of it). Null when granted; otherwise the id of a client that
    /// holds it (one whose create or change is under way included), and nothing changes — unless
    /// <paramref name="allowDuplicate"/>, which is always granted.
    /// </summary>
    [Alias("claim")]
    Task<Guid?> Claim(Guid organizationId, ClientContact contact, Guid clientId, bool allowDuplicate);

    /// <summary>The client no longer has the contact (changed, deleted, or its create refused).</summary>
    [Alias("release")]
    Task Release(Guid clientId);
}
