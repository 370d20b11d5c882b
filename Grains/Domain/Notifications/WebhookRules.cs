using System.Net;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Grains.Domain.Notifications;

/// <summary>What a webhook endpoint may be.</summary>
public static class WebhookRules
{
    public const int MaxEndpointsPerOrganization = 20;
    public const int MaxUrlLength = 2000;

    /// <summary>
    /// An absolute https URL of a public address, or, where <paramref name="allowPrivateNetworks"/> (development on one
    /// machine), https anywhere and http to this machine (<c>localhost</c>, <c>127.0.0.1</c>, <c>[::1]</c>); no user name
    /// or password in it and no fragment. At least one event, each known, none twice.
    /// </summary>
    public static FieldError[] Validate(string? url, WebhookEvent[]? events, bool allowPrivateNetworks)
    {
        var errors = new List<FieldError>();
        if (UrlProblem(url, allowPrivateNetworks) is { } problem) errors.Add(new FieldError("url", problem));
        if (events is null || events.Length == 0)
        {
            errors.Add(new FieldError("events", $"List at least one event: {string.Join(", ", Enum.GetValues<WebhookEvent>().Select(NotificationNames.Of))}."));
        }
        else if (events.Any(e => !Enum.IsDefined(e)))
        {
            errors.Add(new FieldError("events", "An event is not known."));
        }
        else if (events.Distinct().Count() != events.Length)
        {
            errors.Add(new FieldError("events", "An event is listed twice."));
        }

        return [.. errors];
    }

    public static string Normalize(string url) => new Uri(url.Trim(), UriKind.Absolute).AbsoluteUri;

    private static string? UrlProblem(string? url, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Required.";
        if (url.Length > MaxUrlLength) return $"At most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc) return "An absolute URL, such as https://example.com/hooks/realtime.";
        if (uri.UserInfo.Length > 0) return "The URL may not contain a user name or password.";
        if (uri.Fragment.Length > 0) return "The URL may not contain a fragment (#...).";
        if (!allowPrivateNetworks)
        {
            if (uri.Scheme != Uri.UriSchemeHttps) return "Use https.";
            return IsThisMachine(uri) || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !WebhookAddresses.IsPublic(address))
                ? "The URL must reach a public address: private, loopback and link-local addresses are refused."
                : null;
        }

        if (uri.Scheme == Uri.UriSchemeHttps) return null;
        if (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)) return null;
        return "Use https (http only for localhost or 127.0.0.1).";
    }

    private static bool IsThisMachine(Uri uri) =>
        uri.IsLoopback || uri.Host == "localhost" || uri.Host.EndsWith(".localhost", StringComparison.Ordinal);

    /// <summary>This machine by name or loopback address (<see cref="Uri.Host"/> is lower case, IPv6 in brackets).</summary>
    private static bool IsLoopback(Uri uri) => uri.IsLoopback && uri.Host is "localhost" or "127.0.0.1" or "[::1]";
}
