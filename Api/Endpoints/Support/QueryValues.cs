using Realtime.Api.Hosting;
using System.Globalization;

namespace Realtime.Api.Endpoints.Support;

/// <summary>Query-string values parsed strictly, each failure named by its parameter.</summary>
internal static class QueryValues
{
    /// <summary>An <see cref="IsoInstant"/>; the '+' of an offset that arrived as a space (an unencoded query string) counts.</summary>
    public static bool TryInstant(string value, out DateTimeOffset instant)
    {
        value = value.Trim();
        if (value.Length > 16 && value[^6] == ' ') value = string.Concat(value.AsSpan(0, value.Length - 6), "+", value.AsSpan(value.Length - 5));
        return IsoInstant.TryParse(value, out instant);
    }

    public static bool TryLocalDate(string value, out DateOnly date) =>
        DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static DateTimeOffset? Instant(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (TryInstant(value, out var instant)) return instant;
        fields.Add(name, "An ISO 8601 date and time with an offset, such as 2026-11-23T10:00:00+01:00.");
        return null;
    }

    /// <summary>An id: a GUID other than the empty one.</summary>
    public static bool TryId(string value, out Guid id) => Guid.TryParse(value.Trim(), out id) && id != Guid.Empty;

    public static Guid? Id(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (TryId(value, out var id)) return id;
        fields.Add(name, "Not a valid id (a GUID).");
        return null;
    }

    public static int? Number(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number;
        fields.Add(name, "A whole number, such as 2.");
        return null;
    }

    public static DateOnly? LocalDate(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        // Years 1 and 9999 are out too: a day's first instant in a zone far from UTC lies beyond DateTimeOffset's range.
        if (TryLocalDate(value, out var date) && date.Year is > 1 and < 9999) return date;
        fields.Add(name, "A date such as 2026-11-23, in the years 2 to 9998.");
        return null;
    }

    public static TEnum[]? Enums<TEnum>(this RequestFields fields, string? value, string name) where TEnum : struct, Enum
    {
        if (string.IsNullOrEmpty(value)) return null;
        var parts = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var parsed = parts.Select(p => (Ok: Enum.TryParse<TEnum>(p, ignoreCase: true, out var e) && !int.TryParse(p, out _), Value: e)).ToArray();
        if (parsed.All(p => p.Ok)) return [.. parsed.Select(p => p.Value)];
        fields.Add(name, $"One or more of: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => char.ToLowerInvariant(n[0]) + n[1..]))}.");
        return null;
    }
}
