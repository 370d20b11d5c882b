using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Notifications;

namespace Realtime.Domain.Tests.Notifications;

public class NotificationPlannerTests
{
    private static PlannedMessage[] Plan(
        AppointmentChangeKind change, ActorKind actor = ActorKind.Staff, bool notifyClient = false, bool notifyResource = false,
        AppointmentKind kind = AppointmentKind.Appointment, AppointmentStatus status = AppointmentStatus.Booked, bool hasClient = true) =>
        NotificationPlanner.Messages(new ChangeFacts(change, actor, notifyClient, notifyResource, kind, status, hasClient));

    private static readonly PlannedMessage ToClient = new(MessageKind.Booked, Audience.Client);

    [Fact]
    public void Staff_booking_tells_the_client_only_when_asked()
    {
        Assert.Empty(Plan(AppointmentChangeKind.Booked));
        Assert.Equal([ToClient], Plan(AppointmentChangeKind.Booked, notifyClient: true));
    }

    [Fact]
    public void A_clients_own_booking_is_confirmed_to_them_and_told_to_the_staff() =>
        Assert.Equal(
            [ToClient, new PlannedMessage(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Booked)],
            Plan(AppointmentChangeKind.Booked, ActorKind.Client));

    [Fact]
    public void A_move_tells_the_client_when_asked()
    {
        Assert.Empty(Plan(AppointmentChangeKind.Rescheduled));
        Assert.Equal([new PlannedMessage(MessageKind.Rescheduled, Audience.Client)], Plan(AppointmentChangeKind.Rescheduled, notifyClient: true));
        Assert.Equal(
            [new PlannedMessage(MessageKind.Rescheduled, Audience.Client), new PlannedMessage(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Rescheduled)],
            Plan(AppointmentChangeKind.Rescheduled, ActorKind.Client));
    }

    [Theory]
    [InlineData(false, false, new MessageKind[0], new Audience[0])]
    [InlineData(true, false, new[] { MessageKind.Cancelled }, new[] { Audience.Client })]
    [InlineData(false, true, new[] { MessageKind.Cancelled }, new[] { Audience.Staff })]
    [InlineData(true, true, new[] { MessageKind.Cancelled, MessageKind.Cancelled }, new[] { Audience.Client, Audience.Staff })]
    public void A_staff_cancellation_goes_to_the_client_and_or_the_resource_as_chosen(
        bool notifyClient, bool notifyResource, MessageKind[] kinds, Audience[] audiences)
    {
        var plan = Plan(AppointmentChangeKind.Cancelled, notifyClient: notifyClient, notifyResource: notifyResource);
        Assert.Equal(kinds, plan.Select(p => p.Kind));
        Assert.Equal(audiences, plan.Select(p => p.Audience));
    }

    [Fact]
    public void A_clients_own_cancellation_tells_the_staff_once()
    {
        var plan = Plan(AppointmentChangeKind.Cancelled, ActorKind.Client, notifyResource: true);
        Assert.Equal(
            [new PlannedMessage(MessageKind.Cancelled, Audience.Client), new PlannedMessage(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Cancelled)],
            plan);
    }

    [Fact]
    public void A_clients_confirmation_is_told_to_the_staff()
    {
        Assert.Equal(
            [new PlannedMessage(MessageKind.ClientChange, Audience.Staff, ClientChangeKind.Confirmed)],
            Plan(AppointmentChangeKind.Confirmed, ActorKind.Client));
        Assert.Empty(Plan(AppointmentChangeKind.Confirmed));
    }

    [Theory]
    [InlineData(AppointmentStatus.Booked, true)]
    [InlineData(AppointmentStatus.Cancelled, false)]
    [InlineData(AppointmentStatus.Arrived, false)]
    public void The_reminder_goes_to_the_client_while_the_appointment_is_booked(AppointmentStatus status, bool sent) =>
        Assert.Equal(sent, Plan(AppointmentChangeKind.Reminded, ActorKind.System, status: status).Contains(new PlannedMessage(MessageKind.Reminder, Audience.Client)));

    [Fact]
    public void A_reminder_handed_on_after_the_start_is_not_sent() =>
        Assert.Empty(NotificationPlanner.Messages(new ChangeFacts(
            AppointmentChangeKind.Reminded, ActorKind.System, false, false, AppointmentKind.Appointment, AppointmentStatus.Booked, HasClient: true, Begun: true)));

    [Fact]
    public void Breaks_and_appointments_without_client_get_no_client_messages()
    {
        Assert.Empty(Plan(AppointmentChangeKind.Booked, notifyClient: true, kind: AppointmentKind.Break, hasClient: false));
        Assert.Empty(Plan(AppointmentChangeKind.Reminded, hasClient: false));
        Assert.Equal(
            [new PlannedMessage(MessageKind.Cancelled, Audience.Staff)],
            Plan(AppointmentChangeKind.Cancelled, notifyClient: true, notifyResource: true, kind: AppointmentKind.Break, hasClient: false));
    }

    [Fact]
    public void Every_change_but_the_reminder_is_a_webhook_event_of_the_same_name()
    {
        foreach (var change in Enum.GetValues<AppointmentChangeKind>())
        {
            if (change == AppointmentChangeKind.Reminded) Assert.Null(NotificationPlanner.WebhookEventOf(change));
            else Assert.Equal(change.ToString(), NotificationPlanner.WebhookEventOf(change)?.ToString());
        }
    }

    [Fact]
    public void The_previous_start_comes_from_the_moves_history_entry()
    {
        var at = DateTimeOffset.Parse("2026-10-24T08:00:00Z");
        var view = new AppointmentView(
            Guid.NewGuid(), 2, Guid.NewGuid(), Guid.NewGuid(), AppointmentKind.Appointment, AppointmentStatus.Booked, [], [], null,
            DateTimeOffset.Parse("2026-10-25T01:30:00Z"), 60, 0, 0, false, null, [], [], null, false, false, null, false, 0, null,
            [
                new HistoryEntry(1, at, Actor.Scheduler, "booked", null),
                new HistoryEntry(2, at, Actor.Scheduler, "rescheduled", "2026-10-24T08:00:00.0000000+00:00 -> 2026-10-25T01:30:00.0000000+00:00"),
            ],
            at, at, [], 1);

        Assert.Equal(DateTimeOffset.Parse("2026-10-24T08:00:00Z"), NotificationPlanner.PreviousStart(view, 2));
        Assert.Null(NotificationPlanner.PreviousStart(view, 1));
    }
}
