using Realtime.Grains.Interfaces.Waitlist;

namespace Realtime.Grains.Domain.Waitlist;

/// <summary>
/// A waitlist's news from appointments, taken in before they are acted on, so that an appointment may count its change
/// handed on once the news is stored. It remembers which versions it took in (the last <see cref="HeardCapacity"/>), as an
/// appointment hands a change on again when it cannot tell whether the first time landed.
/// </summary>
public sealed class WaitlistInbox
{
    /// <summary>
    /// Enough for the news that comes while an appointment retries or a dead silo's appointments are woken (seconds).
    /// The memory is written with every change of the inbox, and news acted on again makes no second offer anyway (the
    /// offer's hold id derives from the news), so it only spares that work; 512 versions were about 35 KB of JSON,
    /// written twice per piece of news.
    /// </summary>
    public const int HeardCapacity = 64;

    public List<WaitlistNews> Pending { get; set; } = [];

    /// <summary>The appointment id and version of the news taken in, oldest first.</summary>
    public List<HeardVersion> Heard { get; set; } = [];

    /// <summary>Adds the news unless it was heard before; false when there is nothing new to store.</summary>
    public bool TakeIn(WaitlistNews news)
    {
        var version = new HeardVersion(news.AppointmentId, news.Version);
        if (Heard.Contains(version)) return false;
        Heard.Add(version);
        if (Heard.Count > HeardCapacity) Heard.RemoveRange(0, Heard.Count - HeardCapacity);
        Pending.Add(news);
        return true;
    }

    /// <summary>Drops the news once acted on; false if it is no longer pending.</summary>
    public bool Done(WaitlistNews news) =>
        Pending.RemoveAll(pending => pending.AppointmentId == news.AppointmentId && pending.Version == news.Version) > 0;
}

public sealed record HeardVersion(Guid AppointmentId, long Version);
