using System.Net.Http.Headers;
using System.Text;

namespace Realtime.Api.Auth;

/// <summary>HTTP Basic (RFC 7617), for the pages a person opens in a browser, which asks for it and sends it on.</summary>
public static class BasicCredentials
{
    private const string Scheme = "Basic";

    /// <summary>The password of <c>Authorization: Basic base64(user:password)</c>, whatever the user; null if it is not that.</summary>
    public static string? Password(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !Scheme.Equals(header.Scheme, StringComparison.OrdinalIgnoreCase)
            || header.Parameter is not { Length: > 0 } encoded)
        {
            return null;
        }

        var bytes = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, bytes, out var length)) return null;
        var pair = Encoding.UTF8.GetString(bytes, 0, length);
        var colon = pair.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : pair[(colon + 1)..];
    }

    /// <summary>The <c>WWW-Authenticate</c> challenge that makes a browser ask for a user and password.</summary>
    public static string Challenge(string realm) => $"{Scheme} realm=\"{realm}\", charset=\"UTF-8\"";
}
