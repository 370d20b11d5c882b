using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Api.Hosting;

/// <summary>Clock times as people write them: "09:00" (seconds allowed, written as "HH:mm").</summary>
public sealed class LocalTimeConverter : JsonConverter<TimeOnly>
{
    private static readonly string[] Formats = ["HH:mm", "HH:mm:ss"];

    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeOnly.TryParseExact(reader.GetString(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new JsonException($"'{reader.GetString()}' is not a time of day such as 09:00.");

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString(value.Second == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture));
}
