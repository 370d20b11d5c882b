using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Realtime.Api.Hosting;

namespace Realtime.Api.Tests.Fuzzing;

/// <summary>One generated request, as sent and as reported when it fails.</summary>
internal sealed record FuzzRequest(string Method, string Url, string Caller, byte[]? Body, string? ContentType)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Body is null) return message;
        message.Content = new ByteArrayContent(Body);
        if (ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        return message;
    }

    public override string ToString()
    {
        var body = Body is null ? "none" : Shorten(Encoding.UTF8.GetString(Body));
        return $"{Method} {Shorten(Url)} as {Caller}, Content-Type: {ContentType ?? "none"}, body: {body}";
    }

    /// <summary>Long enough to recognise, short enough for a failure message.</summary>
    public static string Shorten(string text) => text.Length > 600 ? $"{text[..600]}... ({text.Length} characters)" : text;
}

/// <summary>Builds malformed and edge-case requests for a route from a seeded generator, so every request replays.</summary>
internal static partial class FuzzRequests
{
    private const string Json = "application/json";

    private static readonly string[] ContentTypes =
        ["text/plain", "application/xml", "application/json; charset=iso-8859-1", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "*/*"];

    private static readonly string[] Callers = ["owner", "frontDesk", "otherOrganization", "client", "manageLink", "operator", "garbage", "none"];

    private static readonly string[] HostileTexts =
    [
        "", " ", "abc", "-1", "0", "2147483648", "99999999999999999999", "1e309", "NaN", "0001-01-01", "9999-12-31", "2026-02-30",
        "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-11-23T10:00:00", "2026-11-23T10:00:00+25:00",
        "00000000-0000-0000-0000-000000000000", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "{{7*7}}",
        "zażółć gęślą jaźń 🦄", "\u202e\u0000\uffff", "ewa\ufffe", "\u001b[31m", new string('x', 10_000),
    ];

    /// <summary>JSON values put where a valid body has something else.</summary>
    private static readonly string[] HostileJson =
    [
        "null", "true", "0", "-1", "-2147483649", "2147483648", "9223372036854775808", "79228162514264337593543950336", "1e400",
        "-0.0000001", "1.5", "\"\"", "\" \"", "\"sixty\"", "\"2026-11-23T10:00:00\"", "\"2026-11-23\"", "\"0001-01-01T00:00:00+14:00\"",
        "\"9999-12-31T23:59:59.9999999-14:00\"", "\"24:00\"", "\"-01:00\"", "\"00000000-0000-0000-0000-000000000000\"",
        "\"not-a-guid\"", "\"' OR 1=1 --\"", "\"<script>alert(1)</script>\"", "\"zażółć 🦄\"", "\"\\u0000\\u202e\"", "\"ewa\\ufffe\"", "[]", "[null]",
        "[\"\"]", "{}", "{\"$type\":\"System.IO.FileInfo\"}", "[[[]]]",
    ];

    public static FuzzRequest Build(Random random, FuzzRoute route, FuzzTenant tenant)
    {
        var url = Path(random, route, tenant) + Query(random, route, tenant);
        var caller = random.Next(10) < 7 ? FittingCaller(route) : Callers[random.Next(Callers.Length)];
        var (body, contentType) = Body(random, route, tenant);
        return new FuzzRequest(route.Method, url, caller, body, contentType);
    }

    private static string FittingCaller(FuzzRoute route) =>
        route.Pattern.StartsWith("/api/client/", StringComparison.Ordinal) ? "client"
        : route.Pattern == "/api/organizations" ? "operator"
        : "owner";

    private static string Path(Random random, FuzzRoute route, FuzzTenant tenant)
    {
        var segments = route.Pattern.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = RouteParameter().Replace(segments[i], parameter =>
                PathValue(random, tenant, KindOf(parameter.Groups[1].Value, i > 0 ? segments[i - 1] : "")));
        }

        return string.Join('/', segments);
    }

    private static string PathValue(Random random, FuzzTenant tenant, string kind) => random.Next(12) switch
    {
        < 6 => (tenant.Ids.TryGetValue(kind, out var id) ? id : Guid.NewGuid()).ToString(),
        6 => Guid.NewGuid().ToString(),
        7 => Guid.Empty.ToString(),
        8 => "not-a-guid",
        9 => new string('9', 5_000),
        10 => "..%2F..%2Fetc%2Fpasswd",
        _ => Uri.EscapeDataString(random.Next(2) == 0 ? "zażółć-🦄" : ""),
    };

    /// <summary>"id" after "appointments" is an appointment; "clientId" is a client.</summary>
    private static string KindOf(string parameter, string previousSegment) =>
        parameter == "id" ? previousSegment.TrimEnd('s') : parameter.EndsWith("Id", StringComparison.Ordinal) ? parameter[..^2] : parameter;

    private static string Query(Random random, FuzzRoute route, FuzzTenant tenant)
    {
        var pairs = new List<string>();
        foreach (var name in route.QueryParameters)
        {
            var roll = random.Next(10);
            if (roll < 3) continue;
            var value = roll < 7 ? PlausibleQueryValue(random, name, tenant) : HostileTexts[random.Next(HostileTexts.Length)];
            pairs.Add($"{name}={Uri.EscapeDataString(value)}");
            if (random.Next(10) == 0) pairs.Add($"{name}={Uri.EscapeDataString(HostileTexts[random.Next(HostileTexts.Length)])}");
        }

        if (random.Next(10) == 0) pairs.Add("unexpected=%27%3B--&=&&x");
        return pairs.Count == 0 ? "" : "?" + string.Join('&', pairs);
    }

    private static string PlausibleQueryValue(Random random, string name, FuzzTenant tenant) => name switch
    {
        _ when name.EndsWith("Id", StringComparison.Ordinal) =>
            (tenant.Ids.TryGetValue(name[..^2], out var id) ? id : Guid.NewGuid()).ToString(),
        "from" or "to" or "date" => random.Next(2) == 0
            ? Local(random.Next(-3, 10), 0).ToString("yyyy-MM-dd")
            : Local(random.Next(-3, 10), 9).ToString("yyyy-MM-dd'T'HH:mm:sszzz"),
        "status" => "booked,cancelled",
        "when" => random.Next(2) == 0 ? "upcoming" : "past",
        "page" => random.Next(1, 4).ToString(),
        "pageSize" => random.Next(1, 300).ToString(),
        "sort" => random.Next(2) == 0 ? "lastName" : "-lastAppointment",
        "delimiter" => ";",
        "columns" => "firstName,email",
        _ => "ewa",
    };

    private static (byte[]? Body, string? ContentType) Body(Random random, FuzzRoute route, FuzzTenant tenant)
    {
        var example = ExampleBodies.ByRoute.GetValueOrDefault(route.Name) ?? (route.TakesJson ? "{}" : null);
        if (example is null)
        {
            return random.Next(5) == 0 ? (Encoding.UTF8.GetBytes(HostileJson[random.Next(HostileJson.Length)]), ContentType(random)) : (null, null);
        }

        var valid = tenant.Fill(example, random.Next(1, 30));
        var body = random.Next(10) switch
        {
            0 => Encoding.UTF8.GetBytes(valid),
            < 6 => Encoding.UTF8.GetBytes(Mutated(random, valid)),
            _ => Replaced(random, valid),
        };
        return (body, ContentType(random));
    }

    private static string? ContentType(Random random) =>
        random.Next(5) > 0 ? Json : random.Next(4) == 0 ? null : ContentTypes[random.Next(ContentTypes.Length)];

    /// <summary>The valid body with one to three of its values replaced, removed, or joined by unexpected ones.</summary>
    private static string Mutated(Random random, string valid)
    {
        var root = JsonNode.Parse(valid)!;
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var containers = Containers(root).ToList();
            switch (containers[random.Next(containers.Count)])
            {
                case JsonObject { Count: > 0 } obj when random.Next(4) > 0:
                    var key = obj.ElementAt(random.Next(obj.Count)).Key;
                    if (random.Next(4) == 0) obj.Remove(key);
                    else obj[key] = Hostile(random);
                    break;
                case JsonObject obj:
                    obj[random.Next(2) == 0 ? "unexpected" : "$type"] = Hostile(random);
                    break;
                case JsonArray { Count: > 0 } array when random.Next(3) > 0:
                    array[random.Next(array.Count)] = Hostile(random);
                    break;
                case JsonArray array:
                    if (random.Next(2) == 0) array.Clear();
                    for (var i = random.Next(2) == 0 ? 1 : 20_000; i > 0; i--) array.Add(JsonValue.Create(Guid.NewGuid()));
                    break;
            }
        }

        return root.ToJsonString();
    }

    private static IEnumerable<JsonNode> Containers(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Containers).Prepend(obj),
        JsonArray array => array.OfType<JsonNode>().SelectMany(Containers).Prepend(array),
        _ => [],
    };

    private static JsonNode? Hostile(Random random) => random.Next(12) switch
    {
        0 => JsonValue.Create(new string('x', random.Next(2) == 0 ? 200_000 : 300_000)),
        _ => JsonNode.Parse(HostileJson[random.Next(HostileJson.Length)]),
    };

    /// <summary>A body that is not the valid one's shape at all: broken, nested too deep, too big, not UTF-8, not JSON.</summary>
    private static byte[] Replaced(Random random, string valid)
    {
        var limit = (int)RequestLimits.MaxBodyBytes;
        var text = random.Next(9) switch
        {
            0 => valid[..random.Next(valid.Length)],
            1 => new string('[', 5_000) + new string(']', 5_000),
            2 => string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000),
            3 => valid.TrimEnd('}') + $",\"notes\":\"{new string('n', limit - valid.Length - 64)}\"}}",
            4 => valid.TrimEnd('}') + $",\"notes\":\"{new string('n', limit + 1_024)}\"}}",
            5 => "book me a haircut please",
            6 => "",
            7 => HostileJson[random.Next(HostileJson.Length)],
            _ => null,
        };
        if (text is not null) return Encoding.UTF8.GetBytes(text);

        // Invalid UTF-8 inside a string value: a lone continuation byte and a truncated sequence.
        var bytes = Encoding.UTF8.GetBytes(valid).ToList();
        var quote = bytes.IndexOf((byte)'"', random.Next(bytes.Count));
        bytes.InsertRange(quote < 0 ? 1 : quote + 1, new byte[] { 0x80, 0xC3, 0x28, 0xFF });
        return [.. bytes];
    }

    [GeneratedRegex(@"\{\**(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
