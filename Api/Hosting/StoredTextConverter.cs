using System.Text.Json;
using System.Text.Json.Serialization;

namespace Realtime.Api.Hosting;

/// <summary>
/// Strings in JSON bodies, refused when they hold a NUL character: PostgreSQL text cannot store one, so it would be
/// accepted into grain state and then fail every projection and message that copies it into a table.
/// </summary>
public sealed class StoredTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private static string Checked(string text) =>
        text.Contains('\0') ? throw new JsonException("Text may not contain NUL (\\u0000) characters.") : text;
}
