using System.Net.Mail;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>Where staff messages go: an optional e-mail address, and one of the message languages.</summary>
public static class NotificationSettingsRules
{
    public const int MaxEmailLength = 254;

    public static FieldError[] Validate(NotificationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<FieldError>();
        if (settings.StaffEmail is { } email && !string.IsNullOrWhiteSpace(email) && !IsEmail(email.Trim()))
        {
            errors.Add(new FieldError("staffEmail", "An e-mail address, such as desk@example.com."));
        }

        if (!MessageLanguages.All.Contains(settings.StaffLanguage?.Trim().ToLowerInvariant()))
        {
            errors.Add(new FieldError("staffLanguage", $"One of: {string.Join(", ", MessageLanguages.All)}."));
        }

        return [.. errors];
    }

    public static NotificationSettings Normalize(NotificationSettings settings) => new(
        string.IsNullOrWhiteSpace(settings.StaffEmail) ? null : settings.StaffEmail.Trim(),
        MessageLanguages.Normalize(settings.StaffLanguage));

    private static bool IsEmail(string value) =>
        value.Length <= MaxEmailLength && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('@');
}
