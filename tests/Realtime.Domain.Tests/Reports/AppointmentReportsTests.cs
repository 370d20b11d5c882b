using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Organizations;
using Realtime.Grains.Interfaces.Resources;
using Realtime.Grains.Projections;
using static Realtime.Domain.Tests.Schedules.ScheduleData;

namespace Realtime.Domain.Tests.Reports;

public class AppointmentReportsTests
{
    private const string Warsaw = "Europe/Warsaw";

    // Monday 2026-06-08 in Warsaw (UTC+02): 2026-06-07T22:00Z to 2026-06-08T22:00Z.
    private static readonly TimeRange Monday = Range("2026-06-07T22:00Z", "2026-06-08T22:00Z");

    private static readonly Guid Anna = Guid.Parse("a0000000-0000-4000-8000-000000000001");
    private static readonly Guid Bella = Guid.Parse("b0000000-0000-4000-8000-000000000002");
    private static readonly Guid Room = Guid.Parse("c0000000-0000-4000-8000-000000000003");
    private static readonly Guid Gone = Guid.Parse("d0000000-0000-4000-8000-000000000004");

    private static ReportAppointment Visit(
        string startUtc, int minutes, AppointmentStatus status = AppointmentStatus.Booked, string? source = "phone",
        CancellationReason? reason = null, AppointmentKind kind = AppointmentKind.Appointment, decimal? price = null, Guid[]? services = null,
        params Guid[] resources)
    {
        var start = Utc(startUtc);
        return new ReportAppointment(
            Guid.NewGuid(), kind, status, source, reason, resources.Length == 0 ? [Anna] : resources, start, start.AddMinutes(minutes),
            services ?? [], price);
    }

    private static readonly Guid Cut = Guid.Parse("e0000000-0000-4000-8000-000000000005");
    private static readonly Guid Colour = Guid.Parse("e0000000-0000-4000-8000-000000000006");
    private static readonly Guid Retired = Guid.Parse("e0000000-0000-4000-8000-000000000007");

    private static ServiceView Service(Guid id, string name, decimal price) =>
        new(id, Guid.Empty, new ServiceDefinition(name, 60, price, 0, 0, 1, [], null), 1);

    private static readonly ServiceView[] Services = [Service(Cut, "Cut", 100m), Service(Colour, "Colour", 150m)];

    private static readonly ResourceView[] People = [Resource(Anna, "Anna", []), Resource(Bella, "Bella", []), Resource(Room, "Room", [])];

    // Monday 2026-06-08 and Tuesday 2026-06-09 in Warsaw (UTC+02).
    private static readonly ReportDateRange MondayAndTuesday = ReportDateRange.Parse("2026-06-08", "2026-06-09").Value!;

    private static ResourceView Resource(Guid id, string name, WeeklyHours[] hours, params ScheduleException[] exceptions) =>
        new(id, Guid.Empty, name, ResourceKind.Staff, hours, exceptions, 1);

    // ---- sources ----

    [Fact]
    public void Sources_count_appointments_starting_in_the_period_with_shares_most_frequent_first()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T08:00Z", 60, source: "phone"),
            Visit("2026-06-08T09:00Z", 60, source: " Phone "), // same source, other spelling
            Visit("2026-06-08T10:00Z", 60, source: "online", status: AppointmentStatus.Cancelled, reason: CancellationReason.Client),
            Visit("2026-06-08T11:00Z", 60, source: null),
            Visit("2026-06-08T12:00Z", 60, source: "   "),
            Visit("2026-06-08T13:00Z", 60, source: "walk-in", status: AppointmentStatus.NoShow),
            Visit("2026-06-08T14:00Z", 60, source: "sms campaign", kind: AppointmentKind.Break), // a break is no booking
            Visit("2026-06-07T21:30Z", 60, source: "ad"),     // started the evening before (local), overlaps only
            Visit("2026-06-08T22:00Z", 60, source: "ad"),     // starts at the end: the next day
        ];

        var report = AppointmentReports.BySource(appointments, Monday);

        Assert.Equal(6, report.Appointments);
        Assert.Equal(
            [
                new SourceCount("phone", 2, 0.3333),
                new SourceCount("unknown", 2, 0.3333),
                new SourceCount("online", 1, 0.1667),
                new SourceCount("walk-in", 1, 0.1667),
            ],
            report.Sources);
    }

    [Fact]
    public void Sources_of_a_period_without_appointments_are_empty()
    {
        var report = AppointmentReports.BySource([], Monday);

        Assert.Equal(0, report.Appointments);
        Assert.Empty(report.Sources);
    }

    [Fact]
    public void An_appointment_starting_exactly_at_the_start_of_the_period_counts()
    {
        Assert.Equal(1, AppointmentReports.BySource([Visit("2026-06-07T22:00Z", 30)], Monday).Appointments);
    }

    // ---- outcomes ----

    [Fact]
    public void Outcomes_count_and_rate_each_ending_of_the_appointments_starting_in_the_period()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T07:00Z", 60, AppointmentStatus.Completed),
            Visit("2026-06-08T08:00Z", 60, AppointmentStatus.Completed),
            Visit("2026-06-08T09:00Z", 60, AppointmentStatus.Completed),
            Visit("2026-06-08T10:00Z", 60, AppointmentStatus.NoShow),
            Visit("2026-06-08T11:00Z", 60, AppointmentStatus.Cancelled, reason: CancellationReason.Business),
            Visit("2026-06-08T12:00Z", 60, AppointmentStatus.Cancelled, reason: CancellationReason.Client),
            Visit("2026-06-08T13:00Z", 60, AppointmentStatus.Cancelled, reason: CancellationReason.Client),
            Visit("2026-06-08T14:00Z", 60, AppointmentStatus.Booked),
            Visit("2026-06-08T15:00Z", 60, AppointmentStatus.Arrived),
            Visit("2026-06-08T16:00Z", 60, AppointmentStatus.Past),
            Visit("2026-06-08T17:00Z", 60, AppointmentStatus.Completed, kind: AppointmentKind.Break), // not an appointment
            Visit("2026-06-09T08:00Z", 60, AppointmentStatus.NoShow),                                 // another day
            // Restored after a cancellation: the old reason no longer counts.
            Visit("2026-06-08T18:00Z", 60, AppointmentStatus.Completed, reason: CancellationReason.Client),
        ];

        var outcomes = AppointmentReports.Outcomes(appointments, Monday);

        Assert.Equal(11, outcomes.Appointments);
        Assert.Equal(new OutcomeCount(4, 0.3636), outcomes.Completed);
        Assert.Equal(new OutcomeCount(1, 0.0909), outcomes.NoShow);
        Assert.Equal(new OutcomeCount(1, 0.0909), outcomes.CancelledByBusiness);
        Assert.Equal(new OutcomeCount(2, 0.1818), outcomes.CancelledByClient);
        Assert.Equal(new OutcomeCount(3, 0.2727), outcomes.WithoutOutcome);
    }

    [Fact]
    public void Outcome_rates_are_zero_without_appointments()
    {
        var outcomes = AppointmentReports.Outcomes([Visit("2026-06-08T08:00Z", 60, kind: AppointmentKind.Break)], Monday);

        Assert.Equal(0, outcomes.Appointments);
        Assert.Equal(new OutcomeCount(0, 0), outcomes.Completed);
        Assert.Equal(new OutcomeCount(0, 0), outcomes.CancelledByClient);
    }

    // ---- utilisation ----

    [Fact]
    public void Utilisation_sets_booked_time_that_holds_the_calendar_against_working_time_per_resource()
    {
        ResourceView[] resources =
        [
            Resource(Anna, "Anna", EveryDay("09:00", "17:00")),                               // 8 h on Monday
            Resource(Bella, "Bella", [Weekly(DayOfWeek.Monday, "10:00", "14:00")],             // 4 h, minus 1 h off
                TimeOff("2026-06-08", "12:00", "13:00")),
            Resource(Room, "Room 1", EveryDay("08:00", "20:00", LocationB)),                   // works elsewhere only
        ];
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T07:00Z", 60, AppointmentStatus.Completed, resources: [Anna, Room]), // 09:00 local
            Visit("2026-06-08T08:00Z", 30, AppointmentStatus.Arrived, resources: [Anna]),
            Visit("2026-06-08T08:30Z", 30, AppointmentStatus.Past, resources: [Anna]),
            Visit("2026-06-08T09:00Z", 60, AppointmentStatus.Booked, kind: AppointmentKind.Break, resources: [Anna]),
            Visit("2026-06-08T10:00Z", 60, AppointmentStatus.Cancelled, reason: CancellationReason.Client, resources: [Anna]),
            Visit("2026-06-08T11:00Z", 60, AppointmentStatus.NoShow, resources: [Anna]),
            Visit("2026-06-08T08:00Z", 90, AppointmentStatus.Booked, resources: [Bella]),
            Visit("2026-06-08T21:30Z", 60, AppointmentStatus.Booked, resources: [Bella]),         // half inside the period
        ];

        var report = AppointmentReports.Utilisation(appointments, resources, LocationA, Warsaw, Monday);

        Assert.Equal(
            [
                new ResourceUtilisation(Anna, "Anna", 480, 180, 0.375),
                new ResourceUtilisation(Bella, "Bella", 180, 120, 0.6667),
                new ResourceUtilisation(Room, "Room 1", 0, 60, null), // booked here without working hours here
            ],
            report.Resources);
        Assert.Equal(660, report.WorkingMinutes);
        Assert.Equal(360, report.BookedMinutes);
        Assert.Equal(0.5455, report.Ratio);
    }

    [Fact]
    public void A_resource_working_at_the_location_without_bookings_is_listed_idle()
    {
        var report = AppointmentReports.Utilisation([], [Resource(Anna, "Anna", EveryDay("09:00", "17:00"))], LocationA, Warsaw, Monday);

        Assert.Equal([new ResourceUtilisation(Anna, "Anna", 480, 0, 0)], report.Resources);
    }

    [Fact]
    public void Extra_hours_at_the_location_make_a_resource_work_there()
    {
        var anna = Resource(Anna, "Anna", EveryDay("09:00", "17:00", LocationB), Extra("2026-06-08", "18:00", "20:00"));

        var report = AppointmentReports.Utilisation([], [anna], LocationA, Warsaw, Monday);

        Assert.Equal([new ResourceUtilisation(Anna, "Anna", 120, 0, 0)], report.Resources);
    }

    [Fact]
    public void A_resource_no_longer_known_is_listed_last_without_a_name()
    {
        var report = AppointmentReports.Utilisation(
            [Visit("2026-06-08T08:00Z", 45, resources: [Gone])],
            [Resource(Bella, "bella", EveryDay("09:00", "10:00")), Resource(Anna, "Anna", EveryDay("09:00", "10:00"))],
            LocationA, Warsaw, Monday);

        Assert.Equal([Anna, Bella, Gone], report.Resources.Select(r => r.ResourceId));
        Assert.Equal(new ResourceUtilisation(Gone, null, 0, 45, null), report.Resources[^1]);
    }

    [Fact]
    public void Overlapping_bookings_of_one_resource_are_counted_once()
    {
        // Never allowed by the calendars, but a report must not count time twice if the list ever shows it.
        var report = AppointmentReports.Utilisation(
            [Visit("2026-06-08T08:00Z", 60, resources: [Anna]), Visit("2026-06-08T08:30Z", 60, resources: [Anna, Anna])],
            [Resource(Anna, "Anna", EveryDay("09:00", "17:00"))],
            LocationA, Warsaw, Monday);

        Assert.Equal(90, report.Resources.Single().BookedMinutes);
    }

    [Fact]
    public void Working_time_follows_the_local_day_across_daylight_saving()
    {
        // 2026-10-25 in Warsaw lasts 25 hours; 00:00-00:00 working hours give 25 working hours.
        var day = ReportDateRange.Parse("2026-10-25", "2026-10-25").Value!.ToInstants(Warsaw);
        var report = AppointmentReports.Utilisation(
            [Visit("2026-10-24T22:00Z", 24 * 60, resources: [Anna])],
            [Resource(Anna, "Anna", EveryDay("00:00", "00:00"))],
            LocationA, Warsaw, day);

        Assert.Equal(new ResourceUtilisation(Anna, "Anna", 25 * 60, 24 * 60, 0.96), report.Resources.Single());
    }

    // ---- revenue ----

    [Fact]
    public void Revenue_sums_the_stored_totals_of_completed_visits_only_and_counts_those_without_a_price_apart()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T08:00Z", 60, AppointmentStatus.Completed, price: 100m, services: [Cut]),
            Visit("2026-06-08T10:00Z", 60, AppointmentStatus.Completed, price: 80.50m, services: [Cut]), // discounted
            Visit("2026-06-08T12:00Z", 60, AppointmentStatus.Completed, price: null),                   // no price
            Visit("2026-06-08T14:00Z", 60, AppointmentStatus.Booked, price: 100m, services: [Cut]),
            Visit("2026-06-08T15:00Z", 60, AppointmentStatus.Cancelled, price: 100m, services: [Cut]),
            Visit("2026-06-08T16:00Z", 60, AppointmentStatus.NoShow, price: 100m, services: [Cut]),
            Visit("2026-06-08T17:00Z", 60, AppointmentStatus.Completed, kind: AppointmentKind.Break, price: 100m),
            Visit("2026-06-07T21:30Z", 60, AppointmentStatus.Completed, price: 999m, services: [Cut]), // Sunday, local
        ];

        var report = AppointmentReports.Revenue(appointments, Services, People, MondayAndTuesday, Warsaw);

        Assert.Equal((180.50m, 3, 2, 1), (report.Revenue, report.CompletedVisits, report.PricedVisits, report.VisitsWithoutPrice));
        Assert.Equal([new ServiceRevenue(Cut, "Cut", 180.50m, 2)], report.Services);
        Assert.Equal([new ResourceRevenue(Anna, "Anna", 180.50m, 2)], report.Resources);
    }

    [Fact]
    public void Revenue_is_listed_for_every_local_date_by_the_start_in_the_locations_time_zone()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T21:30Z", 60, AppointmentStatus.Completed, price: 50m, services: [Cut]), // Monday 23:30 in Warsaw, Tuesday in UTC
            Visit("2026-06-08T22:00Z", 60, AppointmentStatus.Completed, price: 70m, services: [Cut]), // Tuesday 00:00
            Visit("2026-06-09T21:59Z", 60, AppointmentStatus.Completed, price: 30m, services: [Cut]), // Tuesday 23:59
        ];

        var report = AppointmentReports.Revenue(appointments, Services, People, MondayAndTuesday, Warsaw);

        Assert.Equal(
            [new DayRevenue(new DateOnly(2026, 6, 8), 50m, 1), new DayRevenue(new DateOnly(2026, 6, 9), 100m, 2)],
            report.Days);
        Assert.Equal([new DayRevenue(new DateOnly(2026, 6, 8), 0m, 0), new DayRevenue(new DateOnly(2026, 6, 9), 0m, 0)],
            AppointmentReports.Revenue([], Services, People, MondayAndTuesday, Warsaw).Days);
    }

    [Fact]
    public void A_visit_counts_in_full_for_each_of_its_resources_with_the_most_revenue_first_and_unknown_ones_last()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T08:00Z", 60, AppointmentStatus.Completed, price: 100m, services: [Cut], resources: [Anna, Room]),
            Visit("2026-06-08T10:00Z", 60, AppointmentStatus.Completed, price: 150m, services: [Colour], resources: [Bella, Room]),
            Visit("2026-06-08T12:00Z", 60, AppointmentStatus.Completed, price: 500m, services: [Colour], resources: [Gone]),
        ];

        var report = AppointmentReports.Revenue(appointments, Services, People, MondayAndTuesday, Warsaw);

        Assert.Equal(750m, report.Revenue);
        Assert.Equal(
            [
                new ResourceRevenue(Room, "Room", 250m, 2),
                new ResourceRevenue(Bella, "Bella", 150m, 1),
                new ResourceRevenue(Anna, "Anna", 100m, 1),
                new ResourceRevenue(Gone, null, 500m, 1),
            ],
            report.Resources);
    }

    [Fact]
    public void Several_services_get_their_list_prices_only_when_those_add_up_to_the_total_else_the_total_is_unattributed()
    {
        ReportAppointment[] appointments =
        [
            Visit("2026-06-08T08:00Z", 60, AppointmentStatus.Completed, price: 250m, services: [Cut, Colour]),    // 100 + 150
            Visit("2026-06-08T10:00Z", 60, AppointmentStatus.Completed, price: 200m, services: [Cut, Colour]),    // discounted: no split
            Visit("2026-06-08T12:00Z", 60, AppointmentStatus.Completed, price: 160m, services: [Cut, Retired]),   // a price unknown
            Visit("2026-06-08T14:00Z", 60, AppointmentStatus.Completed, price: 40m),                              // no services
            Visit("2026-06-08T16:00Z", 60, AppointmentStatus.Completed, price: 90m, services: [Retired]),         // one service, gone
        ];

        var report = AppointmentReports.Revenue(appointments, Services, People, MondayAndTuesday, Warsaw);

        Assert.Equal(
            [
                new ServiceRevenue(Colour, "Colour", 150m, 1),
                new ServiceRevenue(Cut, "Cut", 100m, 1),
                new ServiceRevenue(Retired, null, 90m, 1),
                new ServiceRevenue(null, null, 400m, 3),
            ],
            report.Services);
        Assert.Equal(report.Revenue, report.Services.Sum(s => s.Revenue));
    }
}
