namespace Realtime.Api.Tests.Infrastructure;

/// <summary>What the served OpenAPI document (<c>/openapi/v1.json</c>) says of one operation.</summary>
public static class OpenApiOperations
{
    public static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);

    public static bool NamesHeader(JsonElement document, string path, string method, string header) =>
        Operation(document, path, method).TryGetProperty("parameters", out var parameters)
        && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == header && p.GetProperty("in").GetString() == "header");
}
