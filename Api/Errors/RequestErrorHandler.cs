using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Realtime.Api.Hosting;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Errors;

/// <summary>
/// Turns what the framework throws on unreadable requests into problem details, and a failure of the cluster or the
/// database that passes by itself (a silo dying, its grains moving, PostgreSQL restarting) into 503 with
/// <c>Retry-After</c>: the request may be sent again (with its Idempotency-Key, so that it is not applied twice). Everything else stays a 500.
/// </summary>
public sealed class RequestErrorHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => RequestLimits.BodyTooLarge(),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json, BodyType(context)),
            BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when LacksItsBody(context, bad) =>
                Problems.Create(StatusCodes.Status400BadRequest, Problems.MalformedRequest, "This request needs a JSON body.",
                    [new FieldError("body", "A JSON body is required.")]),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, Problems.MalformedRequest, bad.Message),
            JsonException json => Malformed(json, BodyType(context)),
            _ when IsTransient(exception) => Unavailable(context),
            _ => null,
        };
        if (problem is null) return false;
        await problem.ExecuteAsync(context);
        return true;
    }

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    private static bool IsTransient(Exception exception) =>
        exception switch
        {
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException or InconsistentStateException => true,
            NpgsqlException { IsTransient: true } => true,
            AggregateException aggregate => aggregate.InnerExceptions.Any(IsTransient),
            _ => exception.InnerException is { } inner && IsTransient(inner),
        };

    /// <summary>
    /// The endpoint reads a body and none came, or JSON's <c>null</c> (the framework's own words for either are meant
    /// for developers).
    /// </summary>
    private static bool LacksItsBody(HttpContext context, BadHttpRequestException bad) =>
        BodyType(context) is not null
        && (bad.Message.StartsWith("Implicit body inferred", StringComparison.Ordinal)
            || bad.Message.EndsWith("was not provided from body.", StringComparison.Ordinal)
            || (context.Request.ContentLength is null or 0
                && !context.Request.Headers.TransferEncoding.Any(t => t?.Contains("chunked", StringComparison.OrdinalIgnoreCase) == true)));

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Unavailable(HttpContext context)
    {
        context.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Create(
            StatusCodes.Status503ServiceUnavailable, Problems.TemporarilyUnavailable,
            "The cluster is recovering from a failure, so the request may or may not have been applied. Send it again in a moment, with the same Idempotency-Key.");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Malformed(JsonException json, Type? bodyType)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var message = json.Message.Split(" Path:")[0];
        // The serializer's own words name .NET types; a caller is better told what the field takes.
        if (message.StartsWith("The JSON value could not be converted to ", StringComparison.Ordinal))
        {
            message = FieldType(bodyType, field) is { IsEnum: true } names
                ? $"Expected one of: {string.Join(", ", Enum.GetNames(names).Select(JsonNamingPolicy.CamelCase.ConvertName))}."
                : "Not a value of the type this field takes.";
        }

        return Problems.Create(
            StatusCodes.Status400BadRequest, Problems.MalformedRequest, "The body is not valid JSON of the expected shape.",
            [new FieldError(field, message)]);
    }

    private static Type? BodyType(HttpContext context) =>
        context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;

    /// <summary>The declared type at a JSON path of the body ("nextVisit.start", "items[2].kind"), without nullability.</summary>
    private static Type? FieldType(Type? bodyType, string path)
    {
        var type = bodyType;
        foreach (var segment in path.Split('.'))
        {
            if (type is null) return null;
            var name = segment.Split('[')[0];
            if (name.Length > 0) type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
            if (segment.Contains('[', StringComparison.Ordinal)) type = type?.IsArray == true ? type.GetElementType() : null;
        }

        return type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
    }
}
