using System.Text.Json;
using System.Text.Json.Serialization;
using Realtime.Grains.Interfaces.Calendars;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Silo.Storage;

/// <summary>
/// A calendar's reservation as it is stored: <c>["appointment id", "start", "end"]</c>, both instants in UTC. A calendar
/// partition is rewritten whole at each booking of its day, so its reservations are most of the WAL it makes; the object
/// they were written as before (<c>{"AppointmentId":…,"Occupied":{"Start":…,"End":…}}</c>, half as long again) is still
/// read. Reservations compare as instants, so the offset a time was given in is not kept.
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
        var appointmentId = Next(ref reader).GetGuid();
        var start = Next(ref reader).GetDateTimeOffset();
        var end = Next(ref reader).GetDateTimeOffset();
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray) throw new JsonException("A reservation has more than three items.");
        return new Reservation(appointmentId, new TimeRange(start, end));
    }

    public override void Write(Utf8JsonWriter writer, Reservation value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(value.AppointmentId);
        writer.WriteStringValue(value.Occupied.Start.UtcDateTime);
        writer.WriteStringValue(value.Occupied.End.UtcDateTime);
        writer.WriteEndArray();
    }

    private static ref Utf8JsonReader Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String) throw new JsonException("A reservation has fewer than three items.");
        return ref reader;
    }

    private sealed record EarlierReservation(Guid AppointmentId, TimeRange Occupied);
}
