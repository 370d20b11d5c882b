using System.Net;
using System.Text.Json;

namespace Realtime.Api.Tests.Infrastructure;

public static class ProblemAssert
{
    /// <summary>A problem-details answer with the status and stable code expected (and the field, when given).</summary>
    public static async Task<JsonElement> Is(HttpResponseMessage response, HttpStatusCode status, string code, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status} {code}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (field is not null)
        {
            Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"expected a field error for '{field}': {text}");
        }

        return problem;
    }
}
