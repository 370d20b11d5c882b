using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Primitives;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Hosting;

/// <summary>
/// How large a request may be: the one place that says so. A request over a limit is refused with a problem naming
/// what was too large, before anything else reads it.
/// </summary>
public static class RequestLimits
{
    /// <summary>The request target as sent: path and query.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>All header lines, each counted as <c>name: value</c> and its line break (as Kestrel counts them).</summary>
    public const int MaxHeadersBytes = 32 * 1024;

    public const int MaxHeaderCount = 100;

    public const long MaxBodyBytes = 256 * 1024;

    /// <summary>
    /// Kestrel refuses a request line or headers over its own limits before the app sees the request, with an empty 414
    /// or 431; so its limits sit well above ours, for ours to answer. A body Kestrel refuses only while the app reads
    /// it, so that limit is ours.
    /// </summary>
    public static void Configure(KestrelServerLimits kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.MaxRequestLineSize = 8 * MaxTargetBytes;
        kestrel.MaxRequestHeadersTotalSize = 4 * MaxHeadersBytes;
        kestrel.MaxRequestHeaderCount = 10 * MaxHeaderCount;
        kestrel.MaxRequestBodySize = MaxBodyBytes;
    }

    /// <summary>Refuses a request over a limit; the body's is also set for servers other than Kestrel.</summary>
    public static Task Enforce(HttpContext context, RequestDelegate next)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body) body.MaxRequestBodySize = MaxBodyBytes;
        return Refusal(context) is { } problem ? problem.ExecuteAsync(context) : next(context);
    }

    public static ProblemHttpResult BodyTooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, Problems.PayloadTooLarge, $"The request body may be at most {MaxBodyBytes / 1024} KiB.");

    private static ProblemHttpResult? Refusal(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw ? raw : request.GetEncodedPathAndQuery();
        if (target.Length > MaxTargetBytes)
        {
            var part = request.QueryString.Value?.Length > request.Path.Value?.Length ? Longest(request.Query, "query") : "path";
            return Problems.Create(
                StatusCodes.Status414UriTooLong, Problems.UriTooLong,
                $"The request's path and query are {Bytes(target.Length)}; at most {Bytes(MaxTargetBytes)} are accepted.",
                [new FieldError(part, part == "path" ? "The path is too long." : "The largest part of the query.")]);
        }

        var count = request.Headers.Sum(h => h.Value.Count);
        if (count > MaxHeaderCount)
        {
            return Problems.Create(
                StatusCodes.Status431RequestHeaderFieldsTooLarge, Problems.RequestHeadersTooLarge,
                $"The request has {count} headers; at most {MaxHeaderCount} are accepted.");
        }

        var headersBytes = request.Headers.Sum(LineBytes);
        if (headersBytes > MaxHeadersBytes)
        {
            return Problems.Create(
                StatusCodes.Status431RequestHeaderFieldsTooLarge, Problems.RequestHeadersTooLarge,
                $"The request's headers are {Bytes(headersBytes)}; at most {Bytes(MaxHeadersBytes)} are accepted.",
                [new FieldError(Longest(request.Headers, "headers"), "The largest header.")]);
        }

        return request.ContentLength > MaxBodyBytes ? BodyTooLarge() : null;
    }

    private static int LineBytes(KeyValuePair<string, StringValues> header) =>
        header.Value.Sum(value => header.Key.Length + ": ".Length + (value?.Length ?? 0) + "\r\n".Length);

    /// <summary>The name of the largest of <paramref name="parts"/>, unless the name itself is absurd (then <paramref name="otherwise"/>).</summary>
    private static string Longest(IEnumerable<KeyValuePair<string, StringValues>> parts, string otherwise) =>
        parts.MaxBy(LineBytes).Key is { Length: > 0 and <= 64 } name ? name : otherwise;

    private static string Bytes(int count) => count.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
