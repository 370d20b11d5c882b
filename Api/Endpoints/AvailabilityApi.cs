using Microsoft.AspNetCore.Http.HttpResults;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Auth;
using Realtime.Api.Errors;
using Realtime.Grains.Domain.Availability;
using Realtime.Grains.Interfaces.Availability;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Api.Endpoints;

public static class AvailabilityApi
{
    /// <summary>The free slots; <c>start</c> and <c>end</c> are in the location's local offset.</summary>
    public sealed record AvailabilityResponse(AvailableSlot[] Slots);

    public static IEndpointRouteBuilder MapAvailabilityApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/locations/{id:guid}/availability", Find)
            .WithTags("Availability")
            .WithSummary("Free slots for a service at a location, optionally with one resource.")
            .WithDescription(
                "from and to are ISO 8601 instants with an offset (slots starting in [from, to)) or local dates of the location, " +
                "yyyy-MM-dd (from: the start of that day; to: the end of that day). At most 31 days; only future starts; " +
                "slots start on the location's local quarter-hours; at most 1,000 slots, the earliest first.")
            .RequireAuthorization(Policies.Staff);
        return app;
    }

    private static async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> Find(
        Guid id, string? serviceId, string? resourceId, string? from, string? to, HttpContext http, IGrainFactory grains)
    {
        var caller = Caller.From(http.User);
        var location = await grains.GetGrain<ILocationGrain>(id).Get();
        if (location is null || location.OrganizationId != caller.OrganizationId || !caller.CanAccess(id))
        {
            return Problems.NotFound("The location");
        }

        return await Search(grains, location, serviceId, resourceId, from, to, forClient: false);
    }

    /// <summary>
    /// The search at a location the caller may see; for clients with their booking notice and horizon applied (staff are
    /// never bound by them), for staff with the time of waitlist offers free (their booking takes it).
    /// </summary>
    internal static async Task<Results<Ok<AvailabilityResponse>, ProblemHttpResult>> Search(
        IGrainFactory grains, LocationView location, string? serviceId, string? resourceId, string? from, string? to, bool forClient)
    {
        var errors = new List<FieldError>();
        var service = ParseId(serviceId, "serviceId", required: true, errors);
        var resource = ParseId(resourceId, "resourceId", required: false, errors);
        var timeZone = location.Definition.TimeZone;
        var start = ParseBound(from, "from", timeZone, endOfDay: false, errors);
        var end = ParseBound(to, "to", timeZone, endOfDay: true, errors);
        if (errors.Count > 0) return Problems.Validation([.. errors]);

        var query = new AvailabilityQuery(
            location.OrganizationId, location.Id, service!.Value, resource, start!.Value, end!.Value,
            ApplyClientPolicy: forClient, TakesOfferHolds: !forClient);
        var found = await grains.GetGrain<IAvailabilityGrain>(IAvailabilityGrain.Key).Find(query);
        return found.IsSuccess ? TypedResults.Ok(new AvailabilityResponse(found.Value!)) : Problems.From(found.Error!);
    }

    internal static Guid? ParseId(string? value, string field, bool required, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(new FieldError(field, "Required."));
            return null;
        }

        if (QueryValues.TryId(value, out var id)) return id;
        errors.Add(new FieldError(field, "Not a valid id."));
        return null;
    }

    /// <summary>
    /// An instant with an offset, or a local date of the location: its first instant, or for the end of a range the
    /// first instant of the next day (so the date is included).
    /// </summary>
    internal static DateTimeOffset? ParseBound(string? value, string field, string timeZone, bool endOfDay, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "Required: a date such as 2026-11-23 or an instant such as 2026-11-23T10:00:00+01:00."));
            return null;
        }

        if (QueryValues.TryLocalDate(value, out var date))
        {
            // Only guards the conversion; the search itself refuses anything beyond five years of today.
            if (date.Year is < 2 or > 9998)
            {
                errors.Add(new FieldError(field, "The date must lie within five years of today."));
                return null;
            }

            return AvailabilityRules.StartOfLocalDay(timeZone, endOfDay ? date.AddDays(1) : date);
        }

        if (QueryValues.TryInstant(value, out var instant)) return instant;

        errors.Add(new FieldError(field, "A date such as 2026-11-23 or an ISO 8601 instant with an offset such as 2026-11-23T10:00:00+01:00."));
        return null;
    }
}
