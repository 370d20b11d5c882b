using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;
using Realtime.Grains.Appointments;
using Realtime.Grains.Domain.Appointments;
using Realtime.Grains.Interfaces.Appointments;
using Realtime.Grains.Interfaces.Common;
using Realtime.Silo.Storage;

namespace Realtime.Silo.Tests.Storage;

public sealed class StoredStateJsonTests
{
    private static readonly SystemTextJsonGrainStorageSerializer Serializer = new(
        new ServiceCollection().WriteOnlyRestorableMembers().BuildServiceProvider()
            .GetRequiredService<IOptions<SystemTextJsonGrainStorageSerializerOptions>>());

    [Fact]
    public void An_appointment_is_stored_without_its_computed_members_and_reads_back_whole()
    {
        var start = new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var booked = new AppointmentState
        {
            Id = Guid.NewGuid(),
            Version = 1,
            ResourceIds = [Guid.NewGuid()],
            Start = start,
            Timing = new AppointmentTiming(30, 5, 10),
            History = [new HistoryEntry(1, start.AddDays(-1), Actor.Staff("key-1", "Desk"), "booked", null)],
        };

        var stored = Serializer.Serialize(booked).ToString();
        var read = Serializer.Deserialize<AppointmentState>(BinaryData.FromString(stored))!;

        foreach (var computed in new[] { "\"Exists\"", "\"End\"", "\"Occupancy\"", "\"Length\"" }) Assert.DoesNotContain(computed, stored);
        Assert.Equal(booked.Timing, read.Timing);
        Assert.Equal(booked.History.Single(), read.History.Single());
        Assert.Equal(booked.Occupancy!.Occupied, read.Occupancy!.Occupied);
        Assert.Equal(booked.ResourceIds, read.ResourceIds);
        Assert.Equal(start.AddMinutes(30), read.End);
    }

    [Fact]
    public void A_member_set_only_through_the_constructor_is_kept()
    {
        var stored = Serializer.Serialize(new Stamp("desk")).ToString();

        Assert.Equal("""{"By":"desk"}""", stored);
        Assert.Equal("desk", Serializer.Deserialize<Stamp>(BinaryData.FromString(stored))!.By);
    }

    public sealed class Stamp(string by)
    {
        public string By { get; } = by;

        public int Length => By.Length;
    }
}
