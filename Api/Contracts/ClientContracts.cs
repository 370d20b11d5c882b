using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Contracts;

/// <summary>
/// A client's profile to create or replace. <c>allowDuplicate: true</c> keeps an e-mail address or phone number another
/// client has (a parent and child sharing a phone); without it that is refused (409 <c>client_exists</c>).
/// </summary>
public sealed record ClientRequest(
    string? FirstName, string? LastName, string? Email, string? Phone, string? Gender, DateOnly? BirthDate, string? Note, string? Language,
    bool? AllowDuplicate = null)
{
    public ClientProfile ToProfile() => new(FirstName ?? "", LastName ?? "", Email ?? "", Phone, Gender, BirthDate, Note, Language ?? "en");
}

public sealed record BlacklistRequest(string? Reason);

public sealed record ClientResponse(
    Guid Id, string FirstName, string LastName, string Email, string? Phone, string? Gender, DateOnly? BirthDate, string? Note,
    string Language, bool Blacklisted, string? BlacklistReason, DateTimeOffset? BlacklistedSince, int NoShowCount,
    Guid[] AppointmentIds, long Version)
{
    public static ClientResponse From(ClientRecord record)
    {
        var (view, p) = (record.Client, record.Client.Profile);
        return new(view.Id, p.FirstName, p.LastName, p.Email, p.Phone, p.Gender, p.BirthDate, p.Note, p.Language,
            view.Blacklist is not null, view.Blacklist?.Reason, view.Blacklist?.Since, view.NoShowCount, record.AppointmentIds, view.Version);
    }
}

/// <summary>One page of the client list (<c>GET /api/clients</c>) and how many clients match in all.</summary>
public sealed record ClientListResponse(int Total, int Page, int PageSize, ClientListItemResponse[] Items)
{
    public static ClientListResponse From(Grains.Projections.Clients.ClientListPage page) =>
        new(page.Total, page.Page, page.PageSize, [.. page.Items.Select(ClientListItemResponse.From)]);
}

/// <summary>
/// A client as the list shows it. <c>lastAppointmentAt</c> is the start (UTC) of the client's latest appointment that
/// is not cancelled, past or future; null when there is none.
/// </summary>
public sealed record ClientListItemResponse(
    Guid Id, string FirstName, string LastName, string Email, string? Phone, string? Note, bool Blacklisted,
    DateTimeOffset? LastAppointmentAt)
{
    public static ClientListItemResponse From(Grains.Projections.Clients.ClientListItem item) =>
        new(item.Id, item.FirstName, item.LastName, item.Email, item.Phone, item.Note, item.Blacklisted, item.LastAppointmentAt);
}

/// <summary>
/// <c>POST /api/clients/bulk-delete</c>: the clients to delete, the explicit confirmation (seed 004), and what becomes of
/// their visits ahead (<c>keep</c> or <c>cancel</c>; without it, clients with such visits are not deleted).
/// </summary>
public sealed record BulkDeleteClientsRequest(Guid[]? Ids, bool? Confirm, string? Upcoming = null);

/// <summary>
/// What a bulk delete did, per id asked for (each once, in the order asked): deleted; not found — which is also the
/// answer for an id of another organisation or of a client deleted before; or kept, as the client has upcoming
/// appointments and the request made no choice for them.
/// </summary>
public sealed record BulkDeleteClientsResponse(Guid[] Deleted, Guid[] NotFound, Guid[] HasUpcomingAppointments);
