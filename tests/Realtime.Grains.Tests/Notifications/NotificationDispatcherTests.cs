using Microsoft.Extensions.Time.Testing;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Realtime.Grains.Domain.Notifications;
using Realtime.Grains.Notifications;
using Realtime.Silo.Notifications;

namespace Realtime.Grains.Tests.Notifications;

/// <summary>The dispatcher's bookkeeping with a clock the test moves and senders that fail on cue.</summary>
public sealed class NotificationDispatcherTests
{
    private static readonly DateTimeOffset Start = new(2026, 10, 25, 0, 30, 0, TimeSpan.Zero);
    private readonly InMemoryNotificationOutbox outbox = new();
    private readonly FakeTimeProvider clock = new(Start);
    private readonly ScriptedSender email = new(NotificationChannel.Email);
    private readonly ScriptedSender webhook = new(NotificationChannel.Webhook);

    private NotificationDispatcher Dispatcher(int maxAttempts = 3) => new(
        outbox, [email, webhook], new NotificationSignal(),
        Options.Create(new NotificationDispatcherOptions
        {
            MaxAttempts = maxAttempts,
            InitialRetryDelay = TimeSpan.FromSeconds(10),
            MaxRetryDelay = TimeSpan.FromMinutes(1),
            Lease = TimeSpan.FromMinutes(2),
        }),
        clock, NullLogger<NotificationDispatcher>.Instance);

    private async Task<Notification> Queue(NotificationChannel channel, long version = 1, Guid? appointment = null, string recipient = "ewa@example.com")
    {
        var notification = new Notification
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Guid.NewGuid(),
            AppointmentId = appointment ?? Guid.NewGuid(),
            AppointmentVersion = version,
            Kind = channel == NotificationChannel.Webhook ? "webhook:booked" : "booked",
            Channel = channel,
            Recipient = recipient,
            EndpointId = channel == NotificationChannel.Webhook ? Guid.NewGuid() : null,
            Body = $"v{version}",
            NextAttemptAt = clock.GetUtcNow(),
            CreatedAt = clock.GetUtcNow(),
        };
        await outbox.Enqueue([notification], CancellationToken.None);
        return notification;
    }

    private Notification Stored(Guid id) => outbox.All().Single(n => n.Id == id);

    [Fact]
    public async Task A_delivered_message_is_sent()
    {
        var message = await Queue(NotificationChannel.Email);

        Assert.Equal(1, await Dispatcher().DispatchOnce(CancellationToken.None));

        var stored = Stored(message.Id);
        Assert.Equal(NotificationStatus.Sent, stored.Status);
        Assert.Equal(Start, stored.SentAt);
        Assert.Equal(1, stored.Attempts);
        Assert.Equal([message.Id], email.Delivered);
    }

    [Fact]
    public async Task A_failed_delivery_is_tried_again_with_growing_delays_until_it_succeeds()
    {
        var message = await Queue(NotificationChannel.Webhook);
        webhook.FailNext(message.Id, 2);
        var dispatcher = Dispatcher(maxAttempts: 5);

        await dispatcher.DispatchOnce(CancellationToken.None);
        var first = Stored(message.Id);
        Assert.Equal((NotificationStatus.FailedRetrying, 1), (first.Status, first.Attempts));
        Assert.Equal("The endpoint answered 500 Internal Server Error.", first.LastError);
        Assert.InRange(first.NextAttemptAt - Start, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));

        Assert.Equal(0, await dispatcher.DispatchOnce(CancellationToken.None));
        clock.SetUtcNow(first.NextAttemptAt);
        await dispatcher.DispatchOnce(CancellationToken.None);
        var second = Stored(message.Id);
        Assert.Equal((NotificationStatus.FailedRetrying, 2), (second.Status, second.Attempts));
        Assert.InRange(second.NextAttemptAt - clock.GetUtcNow(), TimeSpan.FromSeconds(16), TimeSpan.FromSeconds(24));

        clock.SetUtcNow(second.NextAttemptAt);
        await dispatcher.DispatchOnce(CancellationToken.None);
        var third = Stored(message.Id);
        Assert.Equal((NotificationStatus.Sent, 3), (third.Status, third.Attempts));
        Assert.Null(third.LastError);
    }

    [Fact]
    public async Task After_the_last_attempt_the_message_is_dead()
    {
        var message = await Queue(NotificationChannel.Email);
        email.FailNext(message.Id, int.MaxValue);
        var dispatcher = Dispatcher(maxAttempts: 3);

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Equal(1, await dispatcher.DispatchOnce(CancellationToken.None));
            clock.SetUtcNow(Stored(message.Id).NextAttemptAt);
        }

        var dead = Stored(message.Id);
        Assert.Equal((NotificationStatus.Dead, 3), (dead.Status, dead.Attempts));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await dispatcher.DispatchOnce(CancellationToken.None));
    }

    [Fact]
    public async Task A_failure_retrying_cannot_fix_is_dead_at_once()
    {
        var message = await Queue(NotificationChannel.Webhook);
        webhook.FailPermanently(message.Id);

        await Dispatcher().DispatchOnce(CancellationToken.None);

        var dead = Stored(message.Id);
        Assert.Equal((NotificationStatus.Dead, 1), (dead.Status, dead.Attempts));
        Assert.Equal("The webhook endpoint was removed.", dead.LastError);
    }

    [Fact]
    public async Task A_channel_without_sender_is_dead_at_once()
    {
        var message = await Queue(NotificationChannel.Sms);

        await Dispatcher().DispatchOnce(CancellationToken.None);

        Assert.Equal(NotificationStatus.Dead, Stored(message.Id).Status);
    }

    [Fact]
    public async Task Deliveries_to_an_endpoint_keep_the_order_of_the_changes_through_failures()
    {
        var appointment = Guid.NewGuid();
        var v1 = await Queue(NotificationChannel.Webhook, 1, appointment, "https://a.example.com/hook");
        var v2 = await Queue(NotificationChannel.Webhook, 2, appointment, "https://a.example.com/hook");
        var v3 = await Queue(NotificationChannel.Webhook, 3, appointment, "https://a.example.com/hook");
        webhook.FailNext(v1.Id, 2);
        var dispatcher = Dispatcher(maxAttempts: 5);

        for (var round = 0; round < 10 && outbox.All().Any(n => n.Status != NotificationStatus.Sent); round++)
        {
            await dispatcher.DispatchOnce(CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal([v1.Id, v2.Id, v3.Id], webhook.Delivered);
        Assert.Equal(3, Stored(v1.Id).Attempts);
    }

    [Fact]
    public async Task A_message_whose_dispatcher_vanished_is_sent_after_its_lease()
    {
        var message = await Queue(NotificationChannel.Email);
        Assert.Single(await outbox.ClaimDue(clock.GetUtcNow(), 10, clock.GetUtcNow() + TimeSpan.FromMinutes(2), CancellationToken.None));

        Assert.Equal(0, await Dispatcher().DispatchOnce(CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Dispatcher().DispatchOnce(CancellationToken.None));

        Assert.Equal((NotificationStatus.Sent, 2), (Stored(message.Id).Status, Stored(message.Id).Attempts));
    }

    private sealed class ScriptedSender(NotificationChannel channel) : INotificationSender
    {
        private readonly ConcurrentDictionary<Guid, int> failures = new();
        private readonly ConcurrentDictionary<Guid, bool> permanent = new();
        private readonly ConcurrentQueue<Guid> delivered = new();

        public NotificationChannel Channel => channel;

        public Guid[] Delivered => [.. delivered];

        public void FailNext(Guid id, int times) => failures[id] = times;

        public void FailPermanently(Guid id) => permanent[id] = true;

        public Task Send(Notification notification, CancellationToken ct)
        {
            if (permanent.ContainsKey(notification.Id)) throw new DeliveryException("The webhook endpoint was removed.", permanent: true);
            if (failures.TryGetValue(notification.Id, out var left) && left > 0)
            {
                failures[notification.Id] = left - 1;
                throw new DeliveryException("The endpoint answered 500 Internal Server Error.");
            }

            delivered.Enqueue(notification.Id);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Two silos' dispatchers on one PostgreSQL outbox: every message is sent, and sent once.</summary>
[Collection(PostgresClusterCollection.Name)]
public sealed class TwoDispatchersTests(PostgresClusterFixture cluster)
{
    [Fact]
    public async Task Dispatchers_of_two_silos_share_the_work_without_sending_anything_twice()
    {
        var outbox = new PostgresNotificationOutbox(cluster.DataSource);
        var sent = new ConcurrentBag<Guid>();
        var now = DateTimeOffset.UtcNow;
        var queued = Enumerable.Range(0, 60).Select(i => new Notification
        {
            Id = Guid.CreateVersion7(),
            OrganizationId = Guid.NewGuid(),
            AppointmentId = Guid.NewGuid(),
            AppointmentVersion = 1,
            Kind = "booked",
            Channel = NotificationChannel.Email,
            Recipient = $"client{i}@example.com",
            Body = "",
            NextAttemptAt = now,
            CreatedAt = now,
        }).ToArray();
        await outbox.Enqueue(queued, CancellationToken.None);

        NotificationDispatcher Dispatcher() => new(
            outbox, [new CountingSender(sent)], new NotificationSignal(),
            Options.Create(new NotificationDispatcherOptions { BatchSize = 7, Parallelism = 3 }), TimeProvider.System,
            NullLogger<NotificationDispatcher>.Instance);
        var dispatchers = new[] { Dispatcher(), Dispatcher() };

        await Task.WhenAll(dispatchers.Select(d => Task.Run(async () =>
        {
            while (await d.DispatchOnce(CancellationToken.None) > 0)
            {
            }
        })));

        var mine = queued.Select(n => n.Id).ToHashSet();
        Assert.Equal(mine.Order(), sent.Where(mine.Contains).Order());
    }

    private sealed class CountingSender(ConcurrentBag<Guid> sent) : INotificationSender
    {
        public NotificationChannel Channel => NotificationChannel.Email;

        public async Task Send(Notification notification, CancellationToken ct)
        {
            await Task.Yield();
            sent.Add(notification.Id);
        }
    }
}
