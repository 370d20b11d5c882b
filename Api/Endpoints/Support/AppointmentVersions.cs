using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Endpoints.Support;

/// <summary>
/// An appointment's version as its HTTP entity tag (<c>"7"</c>), and the <c>If-Match</c> a staff change may carry to say
/// which version it was made on. The check itself is the appointment grain's (it alone writes the appointment).
/// </summary>
internal static class AppointmentVersions
{
    public static string ETagOf(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version an <c>If-Match</c> asks for: null without one and for <c>*</c> (any current appointment: one that is not
    /// there is not found anyway). Anything but one strong tag of ours is refused with <see cref="Problems.InvalidIfMatch"/>.
    /// </summary>
    public static bool TryReadIfMatch(HttpRequest request, out long? expectedVersion, out ProblemHttpResult? malformed)
    {
        expectedVersion = null;
        malformed = null;
        var values = request.Headers[HeaderNames.IfMatch];
        if (values.Count == 0) return true;
        var value = values.Count == 1 ? values[0]?.Trim() : null;
        if (value == "*") return true;
        if (value is ['"', .. var digits, '"']
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            expectedVersion = version;
            return true;
        }

        malformed = Problems.Create(
            StatusCodes.Status400BadRequest, Problems.InvalidIfMatch,
            "If-Match takes the ETag the appointment was answered with (e.g. \"7\", quotes included), or *.",
            [new FieldError(HeaderNames.IfMatch, "Not an ETag of this appointment.")]);
        return false;
    }

    /// <summary>The answer to a change: its new version's ETag on success; on <c>appointment_changed</c>, 412 with the version it is at now.</summary>
    public static ProblemHttpResult Refusal(HttpResponse response, DomainError error)
    {
        if (error.Code != ErrorCodes.AppointmentChanged
            || error.Facts?.GetValueOrDefault(AppointmentChanges.CurrentVersionFact) is not { } fact
            || !long.TryParse(fact, NumberStyles.None, CultureInfo.InvariantCulture, out var current)) return Problems.From(error);
        response.Headers.ETag = ETagOf(current);
        return Problems.From(error, new Dictionary<string, object?> { [AppointmentChanges.CurrentVersionFact] = current });
    }
}
