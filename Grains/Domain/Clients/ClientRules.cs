using System.Net.Mail;
using Realtime.Grains.Interfaces.Clients;

namespace Realtime.Grains.Domain.Clients;

public static class ClientRules
{
    /// <summary>The languages messages are written in: those of the seeds, and English.</summary>
    public static readonly IReadOnlySet<string> Languages = new HashSet<string>(StringComparer.Ordinal) { "en", "pl", "es", "fr", "lt" };

    public const int MaxNameLength = 100;

    public static FieldError[] Validate(ClientProfile profile, DateOnly today)
    {
        var errors = new List<FieldError>();
        RequireName(profile.FirstName, "firstName", errors);
        RequireName(profile.LastName, "lastName", errors);
        if (!IsEmail(profile.Email)) errors.Add(new("email", "A valid e-mail address is required."));
        if (profile.Phone is { } phone && !IsPhone(phone)) errors.Add(new("phone", "A phone number of 5 to 20 digits, optionally starting with +."));
        if (profile.Gender is { Length: > 30 }) errors.Add(new("gender", "At most 30 characters."));
        if (profile.BirthDate is { } born && (born > today || born < today.AddYears(-130))) errors.Add(new("birthDate", "The birth date cannot be in the future or more than 130 years ago."));
        if (profile.Note is { Length: > 4000 }) errors.Add(new("note", "At most 4000 characters."));
        if (!Languages.Contains(profile.Language)) errors.Add(new("language", $"One of: {string.Join(", ", Languages)}."));
        return [.. errors];
    }

    private static void RequireName(string? name, string field, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors.Add(new(field, $"Required, at most {MaxNameLength} characters."));
        }
    }

    private static bool IsEmail(string? email) =>
        email is { Length: > 2 and <= 254 }
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.');

    private static bool IsPhone(string phone)
    {
        var digits = phone.StartsWith('+') ? phone[1..] : phone;
        digits = digits.Replace(" ", "").Replace("-", "");
        return digits.Length is >= 5 and <= 20 && digits.All(char.IsAsciiDigit);
    }
}
