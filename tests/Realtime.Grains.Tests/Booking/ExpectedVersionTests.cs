using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using static Realtime.Grains.Tests.Infrastructure.Chain;

namespace Realtime.Grains.Tests.Booking;

/// <summary>
/// A staff change made on the version a desk showed (If-Match) is refused, changing nothing, once someone else changed
/// the appointment meanwhile: two receptionists never silently overwrite each other.
/// </summary>
[Collection(MemoryClusterCollection.Name)]
public sealed class ExpectedVersionTests(MemoryClusterFixture fixture)
{
    private IAppointmentGrain Appointment(Guid id) => fixture.Grains.GetGrain<IAppointmentGrain>(id);

    [Fact]
    public async Task The_later_of_two_desks_working_on_the_same_version_is_refused_and_changes_nothing()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (id, shown) = await chain.Book(chain.Booking([await chain.AddResource()], chain.Local(3, 10)));

        var moved = Ok(await Appointment(id).Reschedule(new RescheduleAppointment(shown.Start.AddHours(2), null, false, false, Desk, ExpectedVersion: shown.Version)));
        var repriced = await Appointment(id).Update(new UpdateAppointment(null, null, 40m, null, null, null, null, null, null, Desk, ExpectedVersion: shown.Version));

        Refused(ErrorCodes.AppointmentChanged, repriced);
        Assert.Equal(moved.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), repriced.Error!.Facts!["currentVersion"]);
        var now = (await Appointment(id).Get())!;
        Assert.Equal((moved.Version, moved.Price, shown.Start.AddHours(2)), (now.Version, now.Price, now.Start));
        Assert.Equal(40m, Ok(await Appointment(id).Update(
            new UpdateAppointment(null, null, 40m, null, null, null, null, null, null, Desk, ExpectedVersion: now.Version))).Price);
    }

    [Fact]
    public async Task Of_two_changes_sent_at_once_on_the_same_version_exactly_one_lands()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (id, shown) = await chain.Book(chain.Booking([staff], chain.Local(3, 10)));

        var answers = await Task.WhenAll(
            Appointment(id).Reschedule(new RescheduleAppointment(shown.Start.AddHours(1), null, false, false, Desk, ExpectedVersion: shown.Version)),
            Appointment(id).Reschedule(new RescheduleAppointment(shown.Start.AddHours(3), null, false, false, Desk, ExpectedVersion: shown.Version)));

        Assert.Single(answers, a => a.IsSuccess);
        Assert.Single(answers, a => a.Error?.Code == ErrorCodes.AppointmentChanged);
        Assert.Equal(shown.Version + 1, (await Appointment(id).Get())!.Version);
    }

    [Fact]
    public async Task Every_staff_change_checks_the_version_it_was_made_on()
    {
        var chain = await Chain.Create(fixture.Grains);
        var staff = await chain.AddResource();
        var (today, _) = await chain.Book(chain.Booking([staff], chain.Local(0, 10)));
        var (past, _) = await chain.Book(chain.Booking([staff], chain.Local(-1, 10)));
        Func<long, Task<Result<AppointmentView>>>[] onToday =
        [
            v => Appointment(today).Confirm(Desk, expectedVersion: v),
            v => Appointment(today).Unconfirm(Desk, expectedVersion: v),
            v => Appointment(today).Update(new UpdateAppointment(["vip"], null, null, null, null, null, null, null, null, Desk, ExpectedVersion: v)),
            v => Appointment(today).Reschedule(new RescheduleAppointment(chain.Local(0, 12), null, false, false, Desk, ExpectedVersion: v)),
            v => Appointment(today).Arrive(Desk, expectedVersion: v),
            async v => Outcome(await Appointment(today).Complete(new CompleteAppointment(null, null, null, null, null, null, Desk, ExpectedVersion: v))),
            v => Appointment(today).UndoCompletion(Desk, expectedVersion: v),
            async v => Outcome(await Appointment(today).Cancel(new CancelAppointment(CancellationReason.Business, null, false, false, null, Desk, ExpectedVersion: v))),
            v => Appointment(today).Restore(Desk, expectedVersion: v),
        ];
        Func<long, Task<Result<AppointmentView>>>[] onPast = [v => Appointment(past).MarkNoShow(new MarkNoShow(false, Desk, ExpectedVersion: v))];

        foreach (var (id, change) in onToday.Select(c => (today, c)).Concat(onPast.Select(c => (past, c))))
        {
            var version = (await Appointment(id).Get())!.Version;
            Refused(ErrorCodes.AppointmentChanged, await change(version - 1));
            Assert.Equal(version, (await Appointment(id).Get())!.Version);
            Assert.Equal(version + 1, Ok(await change(version)).Version);
        }

        var last = (await Appointment(today).Get())!.Version;
        Refused(ErrorCodes.AppointmentChanged, await Appointment(today).Delete(Desk, last - 1));
        Assert.NotNull(await Appointment(today).Get());
        Assert.True(Ok(await Appointment(today).Delete(Desk, last)));
    }

    [Fact]
    public async Task A_keyed_change_repeated_on_the_version_it_was_first_made_on_is_answered_not_refused()
    {
        var chain = await Chain.Create(fixture.Grains);
        var (id, shown) = await chain.Book(chain.Booking([await chain.AddResource()], chain.Local(3, 10)));
        var request = Guid.NewGuid();

        var confirmed = Ok(await Appointment(id).Confirm(Desk, request, shown.Version));
        var repeated = Ok(await Appointment(id).Confirm(Desk, request, shown.Version));

        Assert.Equal(confirmed.Version, repeated.Version);
        Refused(ErrorCodes.AppointmentChanged, await Appointment(id).Arrive(Desk, Guid.NewGuid(), shown.Version));
    }
}
