namespace Realtime.Grains.Domain.Notifications;

/// <summary>
/// When a failed delivery is tried again: exponential back-off (<see cref="InitialDelay"/>, doubled after every failed
/// attempt, at most <see cref="MaxDelay"/>) with jitter (± <see cref="Jitter"/> of the delay, so that messages that
/// failed together do not all come back together); after <see cref="MaxAttempts"/> attempts the message is dead.
/// </summary>
public sealed record RetryPolicy(int MaxAttempts, TimeSpan InitialDelay, TimeSpan MaxDelay, double Jitter = 0.2)
{
    public static readonly RetryPolicy Default = new(MaxAttempts: 8, InitialDelay: TimeSpan.FromSeconds(10), MaxDelay: TimeSpan.FromHours(1));

    /// <summary>The delay after the <paramref name="attemptsMade"/>-th failed attempt, before jitter.</summary>
    public TimeSpan BaseDelay(int attemptsMade)
    {
        var exponent = Math.Clamp(attemptsMade - 1, 0, 40);
        var ticks = InitialDelay.Ticks * Math.Pow(2, exponent);
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>
    /// When to try again after <paramref name="attemptsMade"/> failed attempts, or null when the message is to be given
    /// up (dead). <paramref name="random"/> is a number in [0, 1) that places the delay within the jitter.
    /// </summary>
    public DateTimeOffset? NextAttempt(int attemptsMade, DateTimeOffset now, double random)
    {
        if (attemptsMade >= MaxAttempts) return null;
        var delay = BaseDelay(attemptsMade);
        var factor = 1 - Jitter + (2 * Jitter * Math.Clamp(random, 0, 1));
        return now + TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }

    public string[] Validate()
    {
        var errors = new List<string>();
        if (MaxAttempts < 1) errors.Add("MaxAttempts must be at least 1.");
        if (InitialDelay <= TimeSpan.Zero) errors.Add("InitialRetryDelay must be positive.");
        if (MaxDelay < InitialDelay) errors.Add("MaxRetryDelay must not be shorter than InitialRetryDelay.");
        if (Jitter is < 0 or >= 1) errors.Add("Jitter must be in [0, 1).");
        return [.. errors];
    }
}
