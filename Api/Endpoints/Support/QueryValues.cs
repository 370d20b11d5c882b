using System.Globalization;

namespace Realtime.Api.Endpoints.Support;

/// <summary>Query-string values parsed strictly, each failure named by its parameter.</summary>
internal static class QueryValues
{
    public static DateTimeOffset? Instant(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        var hasOffset = value.Length > 10 && (value.EndsWith('Z') || value[^6] is '+' or '-');
        if (hasOffset && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)) return instant;
        fields.Add(name, "An ISO 8601 date and time with an offset, such as 2026-11-23T10:00:00+01:00.");
        return null;
    }

    public static DateOnly? LocalDate(this RequestFields fields, string? value, string name)
    {
        if (string.IsNullOrEmpty(value)) return null;
        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        fields.Add(name, "A date such as 2026-11-23.");
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
