using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Api.Contracts;

public sealed record ClientRequest(
    string? FirstName, string? LastName, string? Email, string? Phone, string? Gender, DateOnly? BirthDate, string? Note, string? Language)
{
    public ClientProfile ToProfile() => new(FirstName ?? "", LastName ?? "", Email ?? "", Phone, Gender, BirthDate, Note, Language ?? "en");
}

public sealed record BlacklistRequest(string? Reason);

public sealed record ClientResponse(
    Guid Id, string FirstName, string LastName, string Email, string? Phone, string? Gender, DateOnly? BirthDate, string? Note,
    string Language, bool Blacklisted, string? BlacklistReason, DateTimeOffset? BlacklistedSince, int NoShowCount,
    Guid[] AppointmentIds, long Version)
{
    public static ClientResponse From(ClientView view)
    {
        var p = view.Profile;
        return new(view.Id, p.FirstName, p.LastName, p.Email, p.Phone, p.Gender, p.BirthDate, p.Note, p.Language,
            view.Blacklist is not null, view.Blacklist?.Reason, view.Blacklist?.Since, view.NoShowCount, view.AppointmentIds, view.Version);
    }
}
