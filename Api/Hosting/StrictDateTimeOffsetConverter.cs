using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Grains.Domain.Schedules;

namespace Realtime.Api.Hosting;

/// <summary>Instants in JSON, read as <see cref="IsoInstant"/> says.</summary>
public sealed class StrictDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (!IsoInstant.TryParse(text, out var instant))
        {
            throw new JsonException($"'{text}' is not an ISO 8601 date and time with an offset, such as 2026-11-23T10:00:00+01:00.");
        }

        return instant;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(InstantText.Iso(value));
}
