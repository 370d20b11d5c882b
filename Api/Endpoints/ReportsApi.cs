using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Realtime.Api.Auth;
using Realtime.Api.Endpoints.Support;
using Realtime.Api.Errors;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Projections;

namespace Realtime.Api.Endpoints;

/// <summary>
/// Reports of one location over whole local dates, from the appointment list (read model):
/// where bookings come from, how appointments ended, how busy each resource was, and what completed visits brought in.
/// </summary>
public static class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Staff);
        reports.MapGet("/sources", Sources)
            .WithSummary("Appointments by source (phone, walk-in, online, ...); none counts as \"unknown\".");
        reports.MapGet("/outcomes", Outcomes)
            .WithSummary("Completed, no-show and cancellation (by business, by client) counts and rates.");
        reports.MapGet("/utilisation", Utilisation)
            .WithSummary("Booked against working minutes per resource working at the location.");
        reports.MapGet("/revenue", Revenue)
            .WithSummary("What completed visits brought in (their stored total cost): in all, by local day, by resource and by service.")
            .WithDescription(
                "Completed visits (not breaks) starting on the local dates from `from` through `to`. Amounts are the visits' totals as "
                + "stored, in the business's own currency (no currency is kept, so none is named); visits without a price are counted "
                + "in `visitsWithoutPrice` and left out of every sum and every row (the `visits` of a day, resource or service count "
                + "its priced visits only, so a day's may be fewer than the visits completed on it). By resource, each visit counts in full for every resource it "
                + "used (a staff member and a room both), so those rows may add up to more than `revenue`. By service, a visit's total "
                + "goes to its one service; with several services each gets its current list price only when those prices add up "
                + "to the total exactly, and otherwise the total goes to the row with `serviceId: null` (unattributed), as does a "
                + "visit without services; these rows add up to `revenue`.");
        return app;
    }

    private static async Task<Results<Ok<SourcesReportResponse>, ProblemHttpResult>> Sources(
        string? locationId, string? from, string? to, HttpContext http, IGrainFactory grains, [FromServices] IAppointmentReadModel readModel)
    {
        var report = await Load(locationId, from, to, http, grains, readModel);
        if (report.Problem is { } problem) return problem;
        var (location, dates, period, appointments) = report.Value!;
        var bySource = AppointmentReports.BySource(appointments, period);
        return TypedResults.Ok(new SourcesReportResponse(
            location.Id, location.Definition.TimeZone, dates.From, dates.To, bySource.Appointments, bySource.Sources));
    }

    private static async Task<Results<Ok<OutcomesReportResponse>, ProblemHttpResult>> Outcomes(
        string? locationId, string? from, string? to, HttpContext http, IGrainFactory grains, [FromServices] IAppointmentReadModel readModel)
    {
        var report = await Load(locationId, from, to, http, grains, readModel);
        if (report.Problem is { } problem) return problem;
        var (location, dates, period, appointments) = report.Value!;
        var outcomes = AppointmentReports.Outcomes(appointments, period);
        return TypedResults.Ok(new OutcomesReportResponse(
            location.Id, location.Definition.TimeZone, dates.From, dates.To, outcomes.Appointments,
            outcomes.Completed, outcomes.NoShow, outcomes.CancelledByBusiness, outcomes.CancelledByClient, outcomes.WithoutOutcome));
    }

    private static async Task<Results<Ok<UtilisationReportResponse>, ProblemHttpResult>> Utilisation(
        string? locationId, string? from, string? to, HttpContext http, IGrainFactory grains, [FromServices] IAppointmentReadModel readModel)
    {
        var report = await Load(locationId, from, to, http, grains, readModel);
        if (report.Problem is { } problem) return problem;
        var (location, dates, period, appointments) = report.Value!;
        var caller = Caller.From(http.User);
        var resources = await grains.All(caller, directory => directory.ResourceIds, id => grains.Resource(caller, id));
        var utilisation = AppointmentReports.Utilisation(appointments, resources, location.Id, location.Definition.TimeZone, period);
        return TypedResults.Ok(new UtilisationReportResponse(
            location.Id, location.Definition.TimeZone, dates.From, dates.To,
            utilisation.WorkingMinutes, utilisation.BookedMinutes, utilisation.Ratio, utilisation.Resources));
    }

    private static async Task<Results<Ok<RevenueReportResponse>, ProblemHttpResult>> Revenue(
        string? locationId, string? from, string? to, HttpContext http, IGrainFactory grains, [FromServices] IAppointmentReadModel readModel)
    {
        var report = await Load(locationId, from, to, http, grains, readModel);
        if (report.Problem is { } problem) return problem;
        var (location, dates, _, appointments) = report.Value!;
        var caller = Caller.From(http.User);
        var services = await grains.All(caller, directory => directory.ServiceIds, id => grains.Service(caller, id));
        var resources = await grains.All(caller, directory => directory.ResourceIds, id => grains.Resource(caller, id));
        var revenue = AppointmentReports.Revenue(appointments, services, resources, dates, location.Definition.TimeZone);
        return TypedResults.Ok(new RevenueReportResponse(
            location.Id, location.Definition.TimeZone, dates.From, dates.To, revenue.Revenue, revenue.CompletedVisits, revenue.PricedVisits,
            revenue.VisitsWithoutPrice, revenue.Days, revenue.Resources, revenue.Services));
    }

    /// <summary>
    /// Checks the query (400 with every bad field), then the location (404 unless the caller's organisation owns it
    /// and the key may see it), and reads the location's appointments overlapping the dates.
    /// </summary>
    private static async Task<(ReportInput? Value, ProblemHttpResult? Problem)> Load(
        string? locationId, string? from, string? to, HttpContext http, IGrainFactory grains, IAppointmentReadModel readModel)
    {
        var errors = new List<FieldError>();
        Guid location = default;
        if (string.IsNullOrWhiteSpace(locationId))
        {
            errors.Add(new FieldError("locationId", "Required."));
        }
        else if (!Guid.TryParse(locationId, out location))
        {
            errors.Add(new FieldError("locationId", "Not a location id (a GUID)."));
        }
        var dates = ReportDateRange.Parse(from, to);
        errors.AddRange(dates.Error?.Fields ?? []);
        if (errors.Count > 0) return (null, Problems.Validation([.. errors]));

        var caller = Caller.From(http.User);
        if (await grains.Location(caller, location) is not { } view) return (null, Problems.NotFound("The location"));

        var period = dates.Value!.ToInstants(view.Definition.TimeZone);
        var appointments = await readModel.ListForReports(caller.OrganizationId, location, period, http.RequestAborted);
        return (new ReportInput(view, dates.Value, period, appointments), null);
    }

    private sealed record ReportInput(
        LocationView Location, ReportDateRange Dates, TimeRange Period, IReadOnlyList<ReportAppointment> Appointments);
}

/// <summary>Appointments (not breaks) starting from <c>from</c> through <c>to</c>, local dates of the location, by source.</summary>
public sealed record SourcesReportResponse(
    Guid LocationId, string TimeZone, DateOnly From, DateOnly To, int Appointments, SourceCount[] Sources);

/// <summary>How the appointments (not breaks) starting from <c>from</c> through <c>to</c> ended; rates are shares of <c>appointments</c>.</summary>
public sealed record OutcomesReportResponse(
    Guid LocationId, string TimeZone, DateOnly From, DateOnly To, int Appointments,
    OutcomeCount Completed, OutcomeCount NoShow, OutcomeCount CancelledByBusiness, OutcomeCount CancelledByClient,
    OutcomeCount WithoutOutcome);

/// <summary>Booked minutes (appointments and breaks that hold time) against working minutes, from <c>from</c> through <c>to</c>.</summary>
public sealed record UtilisationReportResponse(
    Guid LocationId, string TimeZone, DateOnly From, DateOnly To, int WorkingMinutes, int BookedMinutes, double? Ratio,
    ResourceUtilisation[] Resources);

/// <summary>What completed visits starting from <c>from</c> through <c>to</c> brought in (see <see cref="RevenueReport"/>).</summary>
public sealed record RevenueReportResponse(
    Guid LocationId, string TimeZone, DateOnly From, DateOnly To, decimal Revenue, int CompletedVisits, int PricedVisits,
    int VisitsWithoutPrice, DayRevenue[] Days, ResourceRevenue[] Resources, ServiceRevenue[] Services);
