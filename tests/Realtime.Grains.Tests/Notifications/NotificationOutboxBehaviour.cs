using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;
using Realtime.Silo.Notifications;

namespace Realtime.Grains.Tests.Notifications;

/// <summary>The rules every outbox store keeps: idempotent queueing, claims that are never shared, version order.</summary>
public abstract class NotificationOutboxBehaviour
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Lease = Now.AddMinutes(2);

    protected abstract INotificationOutbox Outbox { get; }

    private static readonly Guid Organization = Guid.NewGuid();

    protected static Notification Message(
        Guid appointmentId, long version, NotificationChannel channel = NotificationChannel.Email, string recipient = "ewa@example.com",
        string kind = "booked", DateTimeOffset? due = null, Guid? organizationId = null) => new()
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = organizationId ?? Organization,
            AppointmentId = appointmentId,
            AppointmentVersion = version,
            Kind = channel == NotificationChannel.Webhook ? "webhook:" + kind : kind,
            Channel = channel,
            Recipient = recipient,
            EndpointId = channel == NotificationChannel.Webhook ? Guid.NewGuid() : null,
            Subject = channel == NotificationChannel.Email ? "Appointment booked" : null,
            Body = $"v{version}",
            NextAttemptAt = due ?? Now,
            CreatedAt = Now,
        };

    private async Task<Notification[]> Claim(DateTimeOffset now, params Guid[] appointments) =>
        [.. (await Outbox.ClaimDue(now, 1000, now.AddMinutes(2), CancellationToken.None)).Where(n => n.AppointmentId is { } id && appointments.Contains(id))];

    [Fact]
    public async Task Queueing_the_same_change_again_keeps_the_first_messages()
    {
        var appointment = Guid.NewGuid();
        Notification[] first =
        [
            Message(appointment, 1),
            Message(appointment, 1, NotificationChannel.Sms, "+48600100200"),
            Message(appointment, 1, NotificationChannel.Webhook, "https://example.com/hook"),
        ];
        Assert.Equal(3, await Outbox.Enqueue(first, CancellationToken.None));

        var again = first.Select(n => n with { Id = Guid.CreateVersion7(), Body = "written again" }).ToArray();
        Assert.Equal(0, await Outbox.Enqueue(again, CancellationToken.None));
        Assert.Equal(1, await Outbox.Enqueue([.. again, Message(appointment, 2)], CancellationToken.None));

        var stored = await Outbox.ForAppointment(Organization, appointment, CancellationToken.None);
        Assert.Equal(4, stored.Length);
        Assert.Equal(first.Select(n => n.Id).Order(), stored.Where(n => n.AppointmentVersion == 1).Select(n => n.Id).Order());
        Assert.All(stored.Where(n => n.AppointmentVersion == 1), n => Assert.Equal("v1", n.Body));
        Assert.All(stored, n => Assert.Equal(NotificationStatus.Pending, n.Status));
    }

    [Fact]
    public async Task A_birthday_greeting_is_queued_once_a_year_per_client_and_channel()
    {
        var client = Guid.NewGuid();
        Notification Greeting(int year) => Message(Guid.Empty, year, kind: "birthday") with { AppointmentId = null, ClientId = client };

        Assert.Equal(1, await Outbox.Enqueue([Greeting(2026)], CancellationToken.None));
        Assert.Equal(0, await Outbox.Enqueue([Greeting(2026)], CancellationToken.None));
        Assert.Equal(1, await Outbox.Enqueue([Greeting(2027)], CancellationToken.None));
    }

    [Fact]
    public async Task A_claim_counts_an_attempt_and_holds_the_message_until_its_lease_ends()
    {
        var appointment = Guid.NewGuid();
        var due = Message(appointment, 1);
        var later = Message(appointment, 1, NotificationChannel.Sms, "+48600100200", due: Now.AddMinutes(5));
        await Outbox.Enqueue([due, later], CancellationToken.None);

        var claimed = Assert.Single(await Claim(Now, appointment));
        Assert.Equal(due.Id, claimed.Id);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal(Now.AddMinutes(2), claimed.NextAttemptAt);

        Assert.Empty(await Claim(Now.AddMinutes(1), appointment));
        var again = await Claim(Now.AddMinutes(6), appointment);
        Assert.Equal(new[] { due.Id, later.Id }.Order(), again.Select(n => n.Id).Order());
        Assert.Equal(2, again.Single(n => n.Id == due.Id).Attempts);
    }

    [Fact]
    public async Task A_later_version_waits_while_an_earlier_one_waits_for_the_same_recipient()
    {
        var appointment = Guid.NewGuid();
        var v1 = Message(appointment, 1, NotificationChannel.Webhook, "https://a.example.com/hook", "booked");
        var v2 = Message(appointment, 2, NotificationChannel.Webhook, "https://a.example.com/hook", "confirmed");
        var v3 = Message(appointment, 3, NotificationChannel.Webhook, "https://a.example.com/hook", "arrived");
        var otherEndpoint = Message(appointment, 2, NotificationChannel.Webhook, "https://b.example.com/hook", "confirmed");
        await Outbox.Enqueue([v3, v2, v1, otherEndpoint], CancellationToken.None);

        Assert.Equal(new[] { v1.Id, otherEndpoint.Id }.Order(), (await Claim(Now, appointment)).Select(n => n.Id).Order());

        await Outbox.MarkFailed(v1.Id, "500", Now.AddMinutes(1), CancellationToken.None);
        Assert.Empty(await Claim(Now.AddSeconds(30), appointment));

        await Outbox.MarkSent(v1.Id, Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal([v2.Id], (await Claim(Now.AddMinutes(1), appointment)).Select(n => n.Id));

        // A dead message no longer holds the next one back.
        await Outbox.MarkFailed(v2.Id, "gave up", null, CancellationToken.None);
        Assert.Equal([v3.Id], (await Claim(Now.AddMinutes(1), appointment)).Select(n => n.Id));
    }

    [Fact]
    public async Task Claims_made_at_the_same_time_never_share_a_message()
    {
        var appointments = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToArray();
        await Outbox.Enqueue([.. appointments.Select(a => Message(a, 1))], CancellationToken.None);

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Outbox.ClaimDue(Now, 30, Lease, CancellationToken.None))));
        var mine = claims.SelectMany(c => c).Where(n => n.AppointmentId is { } id && appointments.Contains(id)).Select(n => n.Id).ToArray();

        Assert.Equal(40, mine.Length);
        Assert.Equal(mine.Length, mine.Distinct().Count());
    }

    [Fact]
    public async Task Outcomes_are_recorded()
    {
        var appointment = Guid.NewGuid();
        var sent = Message(appointment, 1);
        var retrying = Message(appointment, 1, NotificationChannel.Sms, "+48600100200");
        var dead = Message(appointment, 1, NotificationChannel.Webhook, "https://example.com/hook");
        await Outbox.Enqueue([sent, retrying, dead], CancellationToken.None);
        await Claim(Now, appointment);

        await Outbox.MarkSent(sent.Id, Now.AddSeconds(1), CancellationToken.None);
        await Outbox.MarkFailed(retrying.Id, "The SMS gateway answered 503 Service Unavailable.", Now.AddSeconds(20), CancellationToken.None);
        await Outbox.MarkFailed(dead.Id, "The webhook endpoint was removed.", null, CancellationToken.None);

        var stored = (await Outbox.ForAppointment(Organization, appointment, CancellationToken.None)).ToDictionary(n => n.Id);
        Assert.Equal(NotificationStatus.Sent, stored[sent.Id].Status);
        Assert.Equal(Now.AddSeconds(1), stored[sent.Id].SentAt);
        Assert.Null(stored[sent.Id].LastError);
        Assert.Equal(NotificationStatus.FailedRetrying, stored[retrying.Id].Status);
        Assert.Equal(Now.AddSeconds(20), stored[retrying.Id].NextAttemptAt);
        Assert.Equal("The SMS gateway answered 503 Service Unavailable.", stored[retrying.Id].LastError);
        Assert.Equal(NotificationStatus.Dead, stored[dead.Id].Status);
        Assert.All(stored.Values, n => Assert.Equal(1, n.Attempts));
    }

    [Fact]
    public async Task An_organisation_sees_only_its_own_messages()
    {
        var appointment = Guid.NewGuid();
        await Outbox.Enqueue([Message(appointment, 1)], CancellationToken.None);

        Assert.Single(await Outbox.ForAppointment(Organization, appointment, CancellationToken.None));
        Assert.Empty(await Outbox.ForAppointment(Guid.NewGuid(), appointment, CancellationToken.None));
    }
}

public sealed class InMemoryNotificationOutboxTests : NotificationOutboxBehaviour
{
    protected override INotificationOutbox Outbox { get; } = new InMemoryNotificationOutbox();
}

/// <summary>
/// The shared behaviour against PostgreSQL, on the database of the PostgreSQL cluster collection: run one after another
/// with the other tests of that collection (no database of its own to create while they measure what they write).
/// </summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class PostgresNotificationOutboxTests(PostgresClusterFixture cluster) : NotificationOutboxBehaviour
{
    protected override INotificationOutbox Outbox { get; } = new PostgresNotificationOutbox(cluster.DataSource);
}
