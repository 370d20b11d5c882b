using System.Diagnostics;
using System.Text.Json;

namespace Realtime.Faults;

/// <summary>
/// Measures "the grains of a killed silo serve again": it keeps reading a set of appointments booked at the start
/// (spread over every silo by Orleans' placement, so some lived on the killed one) until each has answered a read sent
/// after the kill. The recovery time is when the last of them answered.
/// </summary>
public sealed class RecoveryProbe(HttpClient http, IReadOnlyList<Guid> appointments, Guid organizationId)
{
    private const int ParallelBookings = 8;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    /// <summary>The organisation the appointments belong to (the API states it on appointments only).</summary>
    public Guid OrganizationId => organizationId;

    /// <summary>Books <paramref name="count"/> appointments on a day the load never touches, through <paramref name="owner"/>; reads them through <paramref name="http"/>.</summary>
    public static async Task<RecoveryProbe> CreateAsync(HttpClient owner, HttpClient http, FaultTenant tenant, int count, int day)
    {
        var booked = new JsonElement[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = ParallelBookings }, async (i, _) =>
        {
            var notes = $"probe-{i}";
            var booking = tenant.Booking(tenant.ResourceIds[i % tenant.ResourceIds.Length], FaultTenant.Slot(day, i / tenant.ResourceIds.Length), notes);
            booked[i] = await Requests.SetUpAsync(owner, "/api/appointments", booking, idempotencyKey: notes);
        });
        return new RecoveryProbe(http, [.. booked.Select(b => b.GetProperty("id").GetGuid())], booked[0].GetProperty("organizationId").GetGuid());
    }

    /// <summary>The time from <paramref name="sinceKill"/>'s start until every appointment answered, or null past <paramref name="limit"/>.</summary>
    public async Task<TimeSpan?> UntilAllAnswerAsync(Stopwatch sinceKill, TimeSpan limit)
    {
        var answered = await Task.WhenAll(appointments.Select(id => UntilAnswersAsync(id, sinceKill, limit)));
        return answered.All(a => a) ? sinceKill.Elapsed : null;
    }

    private async Task<bool> UntilAnswersAsync(Guid id, Stopwatch sinceKill, TimeSpan limit)
    {
        while (sinceKill.Elapsed < limit)
        {
            if ((await Requests.SendAsync(http, HttpMethod.Get, $"/api/appointments/{id}")).Success) return true;
            await Task.Delay(Pause);
        }
        return false;
    }
}
