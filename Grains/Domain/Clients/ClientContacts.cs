using System.Security.Cryptography;
using System.Text;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Domain.Clients;

/// <summary>
/// The e-mail address and phone number by which two clients of one organisation count as the same person: an address
/// trimmed and lower-cased, a phone number by its digits alone ("+48 600-100-200" and "0048 600 100 200" are
/// "48600100200"; "600 100 200" is another number, as the country code is not guessed).
/// </summary>
public static class ClientContacts
{
    public const string Email = "email";
    public const string Phone = "phone";

    /// <summary>
    /// How long a claim counts without asking its holder: the holder's create or change is under way and has not yet
    /// recorded the contact. A holder that never recorded it (its write failed) frees the contact after this.
    /// </summary>
    public static readonly TimeSpan PendingClaim = TimeSpan.FromMinutes(1);

    /// <summary>As the client grain stores e-mail addresses: trimmed and lower-cased ("" for none).</summary>
    public static string NormalizeEmail(string? email) => email?.Trim().ToLowerInvariant() ?? "";

    /// <summary>The client's e-mail address and, if it has one with digits, phone number, normalised.</summary>
    public static ClientContact[] Of(ClientProfile? profile)
    {
        if (profile is null) return [];
        var email = new ClientContact(Email, NormalizeEmail(profile.Email));
        return ClientSearchText.PhoneDigitsOf(profile.Phone) is { Length: > 0 } digits ? [email, new ClientContact(Phone, digits)] : [email];
    }

    /// <summary>The contacts <paramref name="after"/> has that <paramref name="before"/> (null: a new client) had not.</summary>
    public static ClientContact[] Added(ClientProfile? before, ClientProfile after) => [.. Of(after).Except(Of(before))];

    /// <summary>The contacts <paramref name="before"/> had that <paramref name="after"/> (null: deleted) has not.</summary>
    public static ClientContact[] Dropped(ClientProfile before, ClientProfile? after) => [.. Of(before).Except(Of(after))];

    /// <summary>
    /// The key of the contact's claim in the organisation (<see cref="IClientContactGrain"/>): the organisation, the field
    /// and a SHA-256 digest of them with the value, never the address or number itself, which as a key would outlive the
    /// client's deletion in the claim's stored row and show wherever grains are named (the dashboard, the logs).
    /// </summary>
    public static string Key(Guid organizationId, ClientContact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{organizationId:N}/{contact.Field}/{contact.Value}"));
        return $"{organizationId:N}/{contact.Field}/{Convert.ToHexStringLower(digest)}";
    }

    /// <summary>Whether a claim made at <paramref name="claimedAt"/> still counts without asking its holder.</summary>
    public static bool IsPending(DateTimeOffset claimedAt, DateTimeOffset now) => now - claimedAt < PendingClaim;

    /// <summary>
    /// The refusal of a create or change whose contacts other clients have (<paramref name="taken"/>, by contact): the
    /// fields, and the id of the client to open instead as <c>existingClientId</c> (the e-mail's holder when the address
    /// and the phone are two clients').
    /// </summary>
    public static DomainError Exists(IReadOnlyList<(ClientContact Contact, Guid ClientId)> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        if (taken.Count == 0) throw new ArgumentException("Nothing is taken.", nameof(taken));
        var ordered = taken.OrderBy(t => t.Contact.Field == Email ? 0 : 1).ToArray();
        var what = ordered.Select(t => t.Contact.Field == Email ? "e-mail address" : "phone number").ToArray();
        // Two holders are two people: saying "a client with this e-mail address and phone number" would send the desk
        // to the e-mail's holder believing it has the phone too.
        var message = ordered.Select(t => t.ClientId).Distinct().Count() > 1
            ? $"A client with this {what[0]} and another with this {what[1]} exist already: open the one with the {what[0]}, "
              + "or save this one anyway if several people share them."
            : $"A client with this {string.Join(" and ", what)} exists already: open that client, or save this one anyway if two people share it.";
        return new DomainError(
            ErrorCodes.ClientExists,
            message,
            [.. ordered.Select((t, i) => new FieldError(t.Contact.Field, $"Another client has this {what[i]}."))],
            new Dictionary<string, string> { ["existingClientId"] = ordered[0].ClientId.ToString() });
    }
}
