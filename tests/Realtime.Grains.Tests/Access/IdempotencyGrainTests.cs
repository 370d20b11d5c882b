using Realtime.Grains.Access;
using Realtime.Grains.Domain.Access;
using Realtime.Grains.Interfaces.Access;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;

namespace Realtime.Grains.Tests.Access;

[Collection(MemoryClusterCollection.Name)]
public sealed class IdempotencyGrainTests(MemoryClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Grains;

    [Fact]
    public async Task The_same_key_and_body_book_once_and_give_the_same_answer()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var booking = chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 10));
        var key = Key(chain);

        var first = Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(key).Book("body-1", booking));
        var again = Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(key).Book("body-1", booking));

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(first.Start, again.Start);
        Assert.Equal(1, (await Grains.GetGrain<IAppointmentGrain>(first.Id).Get())!.Version);
        await AssertBookedOnly(chain, staff, booking.Start, first.Id);
    }

    [Fact]
    public async Task Twenty_concurrent_retries_of_one_key_book_exactly_one_appointment()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var booking = chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 11));
        var key = Key(chain);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Grains.GetGrain<IIdempotencyGrain>(key).Book("body", booking)));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Code));
        var id = Assert.Single(results.Select(r => r.Value!.Id).Distinct());
        await AssertBookedOnly(chain, staff, booking.Start, id);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_and_books_nothing()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var first = chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 12));
        var other = chain.Booking([staff], chain.Local(daysFromToday: 3, hour: 15));
        var key = Key(chain);
        var booked = Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(key).Book("body-1", first));

        Chain.Refused(AccessErrorCodes.IdempotencyKeyReused, await Grains.GetGrain<IIdempotencyGrain>(key).Book("body-2", other));

        Assert.Equal("idempotency_key_reused", AccessErrorCodes.IdempotencyKeyReused);
        Assert.Equal(booked.Id, Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(key).Book("body-1", first)).Id);
        await chain.Book(chain.Booking([staff], other.Start)); // the other slot is still free
    }

    [Fact]
    public async Task A_refusal_is_stored_and_replayed_even_after_the_slot_frees_up()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var start = chain.Local(daysFromToday: 4, hour: 10);
        var (takenBy, _) = await chain.Book(chain.Booking([staff], start));
        var key = Key(chain);
        var booking = chain.Booking([staff], start);

        var refused = await Grains.GetGrain<IIdempotencyGrain>(key).Book("body", booking);
        Chain.Refused(ErrorCodes.SlotTaken, refused);
        Chain.Ok(await Grains.GetGrain<IAppointmentGrain>(takenBy).Cancel(
            new CancelAppointment(CancellationReason.Business, null, false, false, null, Chain.Desk)));

        var replayed = await Grains.GetGrain<IIdempotencyGrain>(key).Book("body", booking);
        Chain.Refused(ErrorCodes.SlotTaken, replayed);
        Assert.Equal((refused.Error!.Code, refused.Error.Message), (replayed.Error!.Code, replayed.Error.Message));
    }

    [Fact]
    public async Task Keys_of_different_organisations_never_share_an_outcome()
    {
        var one = await Chain.Create(Grains);
        var two = await Chain.Create(Grains);
        var staffOne = await one.AddResource();
        var staffTwo = await two.AddResource();

        var a = Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(one.OrganizationId, "same"))
            .Book("body", one.Booking([staffOne], one.Local(3, 10))));
        var b = Chain.Ok(await Grains.GetGrain<IIdempotencyGrain>(IdempotencyKeys.GrainKey(two.OrganizationId, "same"))
            .Book("body", two.Booking([staffTwo], two.Local(3, 10))));

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(two.OrganizationId, b.OrganizationId);
    }

    [Fact]
    public async Task The_stored_outcome_survives_the_storage_serializer()
    {
        var chain = await Chain.Create(Grains);
        var staff = await chain.AddResource();
        var (_, view) = await chain.Book(chain.Booking([staff], chain.Local(5, 9)));
        var success = new IdempotencyState { Fingerprint = "f", AppointmentId = view.Id, FirstSeenAt = DateTimeOffset.UtcNow, Outcome = view };
        var refusal = new IdempotencyState
        {
            Fingerprint = "g", AppointmentId = Guid.NewGuid(), FirstSeenAt = DateTimeOffset.UtcNow,
            Outcome = DomainError.Validation(new FieldError("start", "Required.")),
        };

        var back = StoredState.RoundTrip(fixture, success);
        Assert.Equal(StoredState.Json(fixture, success), StoredState.Json(fixture, back));
        Assert.Equal(view.Id, back.Outcome!.Value!.Id);
        Assert.Equal(view.History.Length, back.Outcome.Value.History.Length);
        Assert.Null(back.Outcome.Error);

        var refused = StoredState.RoundTrip(fixture, refusal).Outcome!;
        Assert.False(refused.IsSuccess);
        Assert.Equal(("validation_failed", "start"), (refused.Error!.Code, refused.Error.Fields.Single().Field));
    }

    private static string Key(Chain chain) => IdempotencyKeys.GrainKey(chain.OrganizationId, $"key-{Guid.NewGuid():N}");

    private async Task AssertBookedOnly(Chain chain, Guid staff, DateTimeOffset start, Guid appointmentId)
    {
        var day = DateOnly.FromDateTime(start.UtcDateTime);
        var held = await Grains.GetGrain<Realtime.Grains.Interfaces.Calendars.IResourceCalendarGrain>(
            Realtime.Grains.Domain.Calendars.CalendarPartitions.Key(staff, day)).GetReservations();
        Assert.Equal([appointmentId], held.Select(r => r.AppointmentId));
        _ = chain;
    }
}
