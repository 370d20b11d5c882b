using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Grains.Domain.Text;

namespace Realtime.Api.Hosting;

/// <summary>Strings in JSON bodies, refused when <see cref="StoredText"/> does not allow them.</summary>
public sealed class StoredTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Checked(string text) => StoredText.IsAllowed(text) ? text : throw new JsonException(StoredText.Refusal);
}
