using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Realtime.Grains.Appointments;
using Realtime.Grains.Clients;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Domain.Waitlist;
using Realtime.Grains.Hosting;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Clients;
using Realtime.Grains.Interfaces.Common;
using Realtime.Grains.Interfaces.Waitlist;
using Realtime.Grains.Projections;
using Realtime.Grains.Waitlist;
using Realtime.Silo.Storage;

namespace Realtime.Grains.Tests.Hosting;

[Collection(PostgresClusterCollection.Name)]
public sealed class PendingOutboxesTests(PostgresClusterFixture fixture)
{
    private const string AppointmentList = "appointment_list";
    private const string ClientList = "client_list";

    [Fact]
    public async Task An_appointment_a_killed_silo_left_with_its_outbox_is_woken_and_reaches_the_list()
    {
        var (left, handedOn, listed, twoListed) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        // What a silo killed between writing a booking and handing it on leaves behind; what a finished one leaves; an
        // outbox not yet forgotten in storage whose change the list already has (it was handed on); and an outbox of two
        // changes, which the list holds at the last version as soon as the first is handed on.
        await Store(Booked(left, pending: true));
        await Store(Booked(handedOn, pending: false));
        await Store(Booked(listed, pending: true));
        await fixture.Grains.GetGrain<IAppointmentGrain>(listed).Get();
        await WaitUntilListed(listed);
        var confirmed = Confirmed(Booked(twoListed, pending: true));
        await Store(confirmed);
        await Services.GetRequiredService<IAppointmentReadModel>().Apply(confirmed.ToView(), deleted: false, default);

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Null(await ListedVersion(left));

        var (woken, _, _) = await ActivatorUtilities.CreateInstance<PendingOutboxes>(Services).WakeAsync(CancellationToken.None);

        Assert.Contains(left, woken);
        Assert.Contains(twoListed, woken);
        Assert.DoesNotContain(handedOn, woken);
        Assert.DoesNotContain(listed, woken);
        await WaitUntilListed(left);
    }

    [Fact]
    public async Task Freed_time_a_waitlist_took_in_before_its_silo_was_killed_is_offered_once_the_waitlist_is_woken()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var start = chain.Local(daysFromToday: 3, hour: 10);
        var key = WaitlistRules.Key(chain.LocationId, service);
        var waitlist = fixture.Grains.GetGrain<IWaitlistGrain>(key);
        var idle = fixture.Grains.GetGrain<IWaitlistGrain>(WaitlistRules.Key(chain.LocationId, Guid.NewGuid()));
        // What a silo killed between storing the news and acting on it leaves behind: a client waiting, and the news.
        await LeftBehind(waitlist, chain, service, client, chain.FreedHour(staff, start), null, Guid.NewGuid());
        await Storage.WriteStateAsync(WaitlistGrain.InboxStateName, idle.GetGrainId(), new GrainState<WaitlistInbox>(new WaitlistInbox()));

        var (_, woken, _) = await ActivatorUtilities.CreateInstance<PendingOutboxes>(Services).WakeAsync(CancellationToken.None);

        Assert.Contains(key, woken);
        Assert.DoesNotContain(idle.GetPrimaryKeyString(), woken);
        var offer = Assert.Single(await Eventually.Value(() => waitlist.OpenOffers(client), offers => offers.Length > 0, "the offer of the freed time"));
        Assert.Equal((start, start.AddMinutes(60), staff), (offer.Start, offer.End, offer.ResourceIds.Single()));
        var (_, again, _) = await ActivatorUtilities.CreateInstance<PendingOutboxes>(Services).WakeAsync(CancellationToken.None);
        Assert.DoesNotContain(key, again);
    }

    [Fact]
    public async Task Freed_time_offered_before_its_silo_was_killed_and_the_news_dropped_is_not_offered_twice()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (staff, service, client) = (await chain.AddResource(), await chain.AddService(60), await chain.AddClient());
        var start = chain.Local(daysFromToday: 3, hour: 15);
        var key = WaitlistRules.Key(chain.LocationId, service);
        var waitlist = fixture.Grains.GetGrain<IWaitlistGrain>(key);
        var news = chain.FreedHour(staff, start);
        // What a silo killed after storing the offer, before dropping the news, leaves behind: the offer (its hold died with
        // the silo, so the time is free again) and the news still in the inbox.
        var secret = Guid.NewGuid();
        var made = new SlotOffer(
            Guid.NewGuid(), WaitlistRules.OfferHoldId(secret, news), chain.OrganizationId, chain.LocationId, service, [staff], start,
            start.AddMinutes(60), DateTimeOffset.UtcNow.AddMinutes(5), [client], OfferStatus.Open, null, null);
        await LeftBehind(waitlist, chain, service, client, news, made, secret);

        var (_, woken, _) = await ActivatorUtilities.CreateInstance<PendingOutboxes>(Services).WakeAsync(CancellationToken.None);

        Assert.Contains(key, woken);
        await Eventually.True(
            async () =>
            {
                var stored = new GrainState<WaitlistInbox>(new WaitlistInbox());
                await Storage.ReadStateAsync(WaitlistGrain.InboxStateName, waitlist.GetGrainId(), stored);
                return stored.State!.Pending.Count == 0;
            },
            "the news dropped once acted on");
        Assert.Equal([made.Id], (await waitlist.OpenOffers(client)).Select(o => o.Id));
    }

    [Fact]
    public async Task A_client_a_killed_silo_left_with_a_change_the_client_list_lacks_is_woken_and_reaches_the_list()
    {
        var (left, listed, current) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var profile = new ClientProfile("Ada", "Lovelace", "ada@example.com", null, null, null, null, "en");
        // What a silo killed between writing a client and handing it to the list leaves behind; a change the list has (its
        // projection is stored with the next write); and a change the list never shows (a linked appointment).
        await StoreClient(left, new ClientState { OrganizationId = Guid.NewGuid(), Profile = profile, Version = 1 });
        await StoreClient(listed, new ClientState { OrganizationId = Guid.NewGuid(), Profile = profile, Version = 1 });
        await fixture.Grains.GetGrain<IClientGrain>(listed).Get();
        await WaitUntilListed(listed, ClientList);
        await StoreClient(current, new ClientState { OrganizationId = Guid.NewGuid(), Profile = profile, Version = 2, ProjectedVersion = 2 });

        var (_, _, woken) = await ActivatorUtilities.CreateInstance<PendingOutboxes>(Services).WakeAsync(CancellationToken.None);

        Assert.Contains(left, woken);
        Assert.DoesNotContain(listed, woken);
        Assert.DoesNotContain(current, woken);
        await WaitUntilListed(left, ClientList);
    }

    private Task StoreClient(Guid id, ClientState state) =>
        Storage.WriteStateAsync(ClientGrain.StateName, fixture.Grains.GetGrain<IClientGrain>(id).GetGrainId(), new GrainState<ClientState>(state));

    private IServiceProvider Services => ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost.Services;

    private IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Default);

    /// <summary>Stores a waitlist as a killed silo may leave it: a client waiting, the offers made, and news not yet dropped.</summary>
    private async Task LeftBehind(
        IWaitlistGrain waitlist, Chain chain, Guid service, Guid client, WaitlistNews news, SlotOffer? offer, Guid offerSecret)
    {
        await Storage.WriteStateAsync("waitlist", waitlist.GetGrainId(), new GrainState<WaitlistState>(new WaitlistState
        {
            Entries = [new WaitlistEntry(Guid.NewGuid(), chain.LocationId, service, client, null, null, null, null, DateTimeOffset.UtcNow)],
            Offers = offer is null ? [] : [offer],
            OfferSecret = offerSecret,
        }));
        var inbox = new WaitlistInbox();
        inbox.TakeIn(news);
        await Storage.WriteStateAsync(WaitlistGrain.InboxStateName, waitlist.GetGrainId(), new GrainState<WaitlistInbox>(inbox));
    }

    private async Task WaitUntilListed(Guid id, string list = AppointmentList)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (await ListedVersion(id, list) is null && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Equal(1, await ListedVersion(id, list));
    }

    private static AppointmentState Booked(Guid id, bool pending)
    {
        var now = DateTimeOffset.UtcNow;
        var actor = Actor.Staff("key-1", "Desk");
        return new AppointmentState
        {
            Id = id,
            Version = 1,
            OrganizationId = Guid.NewGuid(),
            LocationId = Guid.NewGuid(),
            Kind = AppointmentKind.Appointment,
            Status = AppointmentStatus.Booked,
            ResourceIds = [Guid.NewGuid()],
            Start = now.AddDays(3),
            Timing = new AppointmentTiming(30, 0, 0),
            History = [new HistoryEntry(1, now, actor, "booked", null)],
            Outbox = pending ? [new OutboxEntry(1, AppointmentChangeKind.Booked, false, false, false)] : [],
        };
    }

    private static AppointmentState Confirmed(AppointmentState booked)
    {
        var actor = booked.History[0].Actor;
        return booked with
        {
            Version = 2,
            Confirmed = true,
            History = [.. booked.History, new HistoryEntry(2, booked.UpdatedAt, actor, "confirmed", null)],
            Outbox = [.. booked.Outbox, new OutboxEntry(2, AppointmentChangeKind.Confirmed, false, false, false)],
        };
    }

    private Task Store(AppointmentState appointment) =>
        Storage.WriteStateAsync(AppointmentGrain.StateName, fixture.Grains.GetGrain<IAppointmentGrain>(appointment.Id).GetGrainId(),
            new GrainState<AppointmentState>(appointment));

    private async Task<long?> ListedVersion(Guid id, string list = AppointmentList)
    {
        await using var command = fixture.DataSource.CreateCommand($"SELECT version FROM {list} WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = id });
        return await command.ExecuteScalarAsync() as long?;
    }
}
