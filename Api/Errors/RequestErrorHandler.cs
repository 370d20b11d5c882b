using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Api.Errors;

/// <summary>Turns what the framework throws on unreadable requests into problem details; everything else stays a 500.</summary>
public sealed class RequestErrorHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                Problems.Create(StatusCodes.Status413PayloadTooLarge, Problems.PayloadTooLarge, "The request body is too large."),
            BadHttpRequestException { InnerException: JsonException json } => Malformed(json),
            BadHttpRequestException bad => Problems.Create(bad.StatusCode, Problems.MalformedRequest, bad.Message),
            JsonException json => Malformed(json),
            _ => null,
        };
        if (problem is null) return false;
        await problem.ExecuteAsync(context);
        return true;
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Malformed(JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        return Problems.Create(
            StatusCodes.Status400BadRequest, Problems.MalformedRequest, "The body is not valid JSON of the expected shape.",
            [new FieldError(field, json.Message.Split(" Path:")[0])]);
    }
}
