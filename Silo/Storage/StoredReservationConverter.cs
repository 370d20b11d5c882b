using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Silo.Storage;

/// <summary>
/// A calendar's reservation as it is stored: <c>["appointment id", "start", minutes]</c>, the start in UTC and the length
/// in whole minutes (or, for a length that is not, the end instant in its place). A calendar partition is rewritten whole
/// at each booking of its day, so its reservations are most of the WAL it makes. The forms written before are still
/// read: the end instant always in third place, and before that an object
/// (<c>{"AppointmentId":…,"Occupied":{"Start":…,"End":…}}</c>). Reservations compare as instants, so the offset a time was
/// given in is not kept.
/// </summary>
internal sealed class StoredReservationConverter : JsonConverter<Reservation>
{
    public override Reservation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var earlier = JsonSerializer.Deserialize<EarlierReservation>(ref reader, options) ?? throw new JsonException("A reservation is null.");
            return new Reservation(earlier.AppointmentId, earlier.Occupied);
        }
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException($"A reservation is a {reader.TokenType}, not an array.");
        var appointmentId = Next(ref reader, JsonTokenType.String).GetGuid();
        var start = Next(ref reader, JsonTokenType.String).GetDateTimeOffset();
        Next(ref reader, JsonTokenType.Number, JsonTokenType.String);
        var end = reader.TokenType == JsonTokenType.Number ? start.AddMinutes(reader.GetInt32()) : reader.GetDateTimeOffset();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new JsonException("A reservation has more than three items.");
        return new Reservation(appointmentId, new TimeRange(start, end));
    }

    public override void Write(Utf8JsonWriter writer, Reservation value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.AppointmentId);
        writer.WriteStringValue(value.Occupied.Start.UtcDateTime);
        var length = value.Occupied.End - value.Occupied.Start;
        if (length.Ticks % TimeSpan.TicksPerMinute == 0) writer.WriteNumberValue((int)length.TotalMinutes);
        else writer.WriteStringValue(value.Occupied.End.UtcDateTime);
        writer.WriteEndArray();
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader, params ReadOnlySpan<JsonTokenType> expected)
    {
        if (!reader.Read() || !expected.Contains(reader.TokenType)) throw new JsonException("A reservation has fewer than three items, or one of the wrong kind.");
        return ref reader;
    }

    private sealed record EarlierReservation(Guid AppointmentId, TimeRange Occupied);
}
