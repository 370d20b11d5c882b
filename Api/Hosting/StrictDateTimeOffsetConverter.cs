using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Api.Hosting;

/// <summary>An instant must say its offset ("Z" or "+01:00"): a bare local time would silently take the server's zone.</summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is null || !HasOffset(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 date and time with an offset, such as 2026-11-23T10:00:00+01:00.");
        }

        return instant;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture));

    private static bool HasOffset(string text) =>
        text.Length > 10 && text.Contains('T') && (text.EndsWith('Z') || text.EndsWith('z') || text[^6] is '+' or '-');
}
