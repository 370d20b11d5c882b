using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Errors;

/// <summary>RFC 9457 problem details with a stable <c>code</c> and the failing fields.</summary>
public static class Problems
{
    public const string MalformedRequest = "malformed_request";
    public const string PayloadTooLarge = "payload_too_large";
    public const string UriTooLong = "uri_too_long";
    public const string RequestHeadersTooLarge = "request_headers_too_large";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string IdempotencyMismatch = "idempotency_key_reused";
    public const string IdempotencyInProgress = "idempotency_request_in_progress";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string TemporarilyUnavailable = "temporarily_unavailable";
    public const string InvalidIfMatch = "if_match_invalid";

    /// <summary>
    /// The refusal as a problem, its <see cref="DomainError.Facts"/> as members. A taken slot's names the resource and what
    /// has the time, never whose it is nor its id (a hold's id lets whoever has it book the held time), so client routes
    /// give it as it is.
    /// </summary>
    /// <param name="numbers">What the refusal rests on, as members of the problem (e.g. <c>noticeHours</c>), in place of its facts.</param>
    public static ProblemHttpResult From(DomainError error, IReadOnlyDictionary<string, object?>? numbers = null) =>
        Create(StatusOf(error.Code), error.Code, error.Message, error.Fields,
            numbers ?? error.Facts?.ToDictionary(fact => fact.Key, fact => (object?)fact.Value));

    public static ProblemHttpResult Validation(params FieldError[] fields) => From(DomainError.Validation(fields));

    public static ProblemHttpResult NotFound(string what) => From(DomainError.NotFound(what));

    public static ProblemHttpResult Create(
        int status, string code, string detail, IEnumerable<FieldError>? fields = null, IReadOnlyDictionary<string, object?>? members = null)
    {
        var extensions = new Dictionary<string, object?>(members ?? new Dictionary<string, object?>()) { ["code"] = code };
        var errors = (fields ?? []).GroupBy(f => f.Field).ToDictionary(g => g.Key, g => g.Select(f => f.Message).ToArray());
        if (errors.Count > 0) extensions["errors"] = errors;
        return TypedResults.Problem(detail, statusCode: status, title: Title(code), type: $"https://realtime.dev/problems/{code}", extensions: extensions);
    }

    public static int StatusOf(string code) => code switch
    {
        ErrorCodes.ValidationFailed or MalformedRequest or ErrorCodes.LinkInvalid => StatusCodes.Status400BadRequest,
        Unauthorized => StatusCodes.Status401Unauthorized,
        Forbidden or ErrorCodes.ClientBlacklisted => StatusCodes.Status403Forbidden,
        ErrorCodes.NotFound => StatusCodes.Status404NotFound,
        MethodNotAllowed => StatusCodes.Status405MethodNotAllowed,
        ErrorCodes.SlotTaken or ErrorCodes.InvalidTransition or ErrorCodes.AlreadyExists
            or ErrorCodes.GroupFull or ErrorCodes.NotAGroup or ErrorCodes.OfferGone
            or ErrorCodes.ClientHasUpcomingAppointments or ErrorCodes.TooManyHolds or ErrorCodes.ClientBusy
            or ErrorCodes.VisitNotStarted or ErrorCodes.ClientExists => StatusCodes.Status409Conflict,
        ErrorCodes.LinkExpired or ErrorCodes.LinkUsed => StatusCodes.Status410Gone,
        ErrorCodes.AppointmentChanged => StatusCodes.Status412PreconditionFailed,
        PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        UriTooLong => StatusCodes.Status414UriTooLong,
        RequestHeadersTooLarge => StatusCodes.Status431RequestHeaderFieldsTooLarge,
        ErrorCodes.RateLimited => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    private static string Title(string code) => code switch
    {
        ErrorCodes.ValidationFailed => "The request is not valid.",
        MalformedRequest => "The request could not be read.",
        ErrorCodes.NotFound => "Not found.",
        ErrorCodes.SlotTaken => "The time is already taken.",
        ErrorCodes.InvalidTransition => "That action is not possible in the current status.",
        ErrorCodes.OutsideWorkingHours => "Outside working hours.",
        ErrorCodes.AppointmentChanged => "Someone else changed this appointment meanwhile.",
        ErrorCodes.VisitNotStarted => "The visit has not begun yet.",
        InvalidIfMatch => "The If-Match header could not be read.",
        UriTooLong => "The request's address is too long.",
        RequestHeadersTooLarge => "The request's headers are too large.",
        _ => string.Concat(code.Replace('_', ' ').Select((c, i) => i == 0 ? char.ToUpperInvariant(c) : c)) + ".",
    };
}
