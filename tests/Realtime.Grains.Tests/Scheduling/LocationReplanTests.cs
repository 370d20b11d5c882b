using Orleans.Core.Internal;
using Realtime.Grains.Interfaces.Organizations;

namespace Realtime.Grains.Tests.Scheduling;

/// <summary>A location's change of reminder lead time hands the re-plan of its visits to the scheduler, even after a failure.</summary>
[Collection(SchedulingClusterCollection.Name)]
public sealed class LocationReplanTests(SchedulingClusterFixture fixture)
{
    private static readonly LocationPolicy Hour = LocationPolicy.Default with { ReminderLeadMinutes = 60 };
    private static readonly LocationPolicy TwoHours = Hour with { ReminderLeadMinutes = 120 };

    [Fact]
    public async Task A_re_plan_the_scheduler_failed_to_take_is_handed_on_by_the_next_update_even_one_that_changes_nothing()
    {
        var (chain, location, handed) = await LeadTimeChangedWhileTheSchedulerFails();
        Assert.Equal(120, (await location.Get())!.Definition.Policy.ReminderLeadMinutes); // saved all the same
        Assert.Equal(handed, RecordingLocationJobReplans.Count(chain.LocationId));

        await fixture.SetPolicy(chain, TwoHours); // the desk sends it again
        Assert.Equal(handed + 1, RecordingLocationJobReplans.Count(chain.LocationId));

        await fixture.SetPolicy(chain, TwoHours); // handed on: nothing is left pending
        Assert.Equal(handed + 1, RecordingLocationJobReplans.Count(chain.LocationId));
    }

    [Fact]
    public async Task A_re_plan_left_pending_is_handed_on_when_the_location_wakes_again()
    {
        var (chain, location, handed) = await LeadTimeChangedWhileTheSchedulerFails();

        await location.Cast<IGrainManagementExtension>().DeactivateOnIdle();
        await Eventually.True(
            async () => await location.Get() is not null && RecordingLocationJobReplans.Count(chain.LocationId) == handed + 1,
            "the pending re-plan handed on as the location wakes");

        await fixture.SetPolicy(chain, TwoHours);
        Assert.Equal(handed + 1, RecordingLocationJobReplans.Count(chain.LocationId));
    }

    /// <summary>A location whose lead time went from one hour to two while the scheduler failed to take the re-plan; the re-plans it had before.</summary>
    private async Task<(Chain Chain, ILocationGrain Location, int Handed)> LeadTimeChangedWhileTheSchedulerFails()
    {
        var chain = await fixture.Chain(Hour);
        var handed = RecordingLocationJobReplans.Count(chain.LocationId);
        RecordingLocationJobReplans.FailNext(chain.LocationId);
        await Assert.ThrowsAnyAsync<Exception>(() => fixture.SetPolicy(chain, TwoHours));
        return (chain, fixture.Grains.GetGrain<ILocationGrain>(chain.LocationId), handed);
    }
}
