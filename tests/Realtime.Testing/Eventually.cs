namespace Realtime.Testing;

/// <summary>
/// Waits, with a deadline, for what follows a change after its answer: the side effects an appointment hands on once
/// its change is durable (lists, client links, triggers, messages), hold expiries and the like.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    public static async Task True(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {Deadline.TotalSeconds:N0} s: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>The first value that <paramref name="wanted"/> accepts; the last one read is in the timeout's message.</summary>
    public static async Task<T> Value<T>(Func<Task<T>> read, Func<T, bool> wanted, string what)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(wanted);
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var value = await read();
            if (wanted(value)) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Not within {Deadline.TotalSeconds:N0} s: {what} (last: {value})");
            await Task.Delay(50);
        }
    }
}
