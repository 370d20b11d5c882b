using Realtime.Grains.Domain.Access;

namespace Realtime.Api.Auth;

/// <summary>
/// On the very first start of a system, creates "My organisation" and an owner key through
/// <see cref="IBootstrapGrain"/>, and logs that key once, loudly; or, with <c>Realtime:BootstrapOwnerKey</c> set (a full
/// token), uses exactly that token so automated set-ups know it in advance. Runs when the host has started (after the
/// Orleans silo or client, whatever the registration order); several nodes starting at once are serialised by the
/// grain, and only the node that created the key logs it. A failure stops the start-up: a server nobody can log in
/// to is worse than one that does not start.
/// </summary>
public sealed class OwnerKeyBootstrap(IGrainFactory grains, IConfiguration configuration, TimeProvider time, ILogger<OwnerKeyBootstrap> logger)
    : IHostedLifecycleService
{
    public const string OwnerKeySetting = "Realtime:BootstrapOwnerKey";

    private const string Banner = "====================================================================================================";

    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(60);

    private ApiKeyToken? configured;

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // Checked before anything starts, so a typo fails fast with a clear message.
        var text = configuration[OwnerKeySetting];
        if (string.IsNullOrWhiteSpace(text)) return Task.CompletedTask;
        if (!ApiKeyTokens.TryParse(text.Trim(), out configured))
        {
            throw new InvalidOperationException(
                $"{OwnerKeySetting} is not a Realtime API key: expected '{ApiKeyTokens.Prefix}<32 hex digits>_<43 base64url characters>' " +
                $"({ApiKeyTokens.TokenLength} characters in all); generate one with e.g. " +
                "printf 'rtk_%s_%s' \"$(cat /proc/sys/kernel/random/uuid | tr -d -)\" \"$(head -c32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')\".");
        }

        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var token = configured ?? ApiKeyTokens.New();
        var outcome = await WithRetries(() => grains.GetGrain<IBootstrapGrain>(IBootstrapGrain.SingletonKey).Bootstrap(token.KeyId, token.SecretHash), cancellationToken);
        if (outcome.Error is { } error)
        {
            throw new InvalidOperationException($"The first owner key could not be created: {error.Code}: {error.Message}");
        }

        var done = outcome.Value!;
        if (!done.Created)
        {
            logger.LogInformation("Already set up: first organisation {OrganizationId}, owner key {KeyId}", done.OrganizationId, done.OwnerKeyId);
            if (configured is not null && configured.KeyId != done.OwnerKeyId)
            {
                logger.LogWarning(
                    "{Setting} names key {ConfiguredKeyId}, but this system was set up earlier with owner key {KeyId}; the configured key was not created",
                    OwnerKeySetting, configured.KeyId, done.OwnerKeyId);
            }
        }
        else if (configured is not null)
        {
            logger.LogWarning(
                "FIRST START: created organisation \"My organisation\" ({OrganizationId}) with the owner key from {Setting} (key id {KeyId})",
                done.OrganizationId, OwnerKeySetting, done.OwnerKeyId);
        }
        else
        {
            logger.LogWarning(
                Banner + "\nFIRST START: created organisation \"My organisation\" ({OrganizationId}) and its first owner key.\n" +
                "OWNER API KEY — shown this once and never again, store it now:\n\n    {Token}\n\n" +
                "Send it as 'Authorization: Bearer <key>'; make further keys with POST /api/keys.\n" + Banner,
                done.OrganizationId, token.Text);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>An Orleans client of a separate cluster may start before the silos answer: keep asking for a minute.</summary>
    private async Task<T> WithRetries<T>(Func<Task<T>> call, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + RetryFor;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception ex) when (ex is not OperationCanceledException && time.GetUtcNow() < deadline)
            {
                logger.LogWarning(ex, "The cluster did not answer the first-start check yet; retrying");
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken);
            }
        }
    }
}

public static class OwnerKeyBootstrapExtensions
{
    /// <summary>The first-start set-up (<see cref="OwnerKeyBootstrap"/>) as a hosted service.</summary>
    public static IServiceCollection AddRealtimeBootstrap(this IServiceCollection services) =>
        services.AddHostedService<OwnerKeyBootstrap>();
}
