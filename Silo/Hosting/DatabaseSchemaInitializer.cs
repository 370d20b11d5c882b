using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;
using Orleans.Runtime;
using Realtime.Silo.Database;

namespace Realtime.Silo.Hosting;

/// <summary>
/// Applies <see cref="DatabaseSchema"/> in the first stage of the silo lifecycle, before membership and
/// grain storage read their queries from the database. Waits for a database that is still starting.
/// </summary>
internal sealed partial class DatabaseSchemaInitializer(
    string connectionString,
    ILogger<DatabaseSchemaInitializer> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);
    private const int MaxAttempts = 30;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DatabaseSchemaInitializer), ServiceLifecycleStage.First, ApplyAsync);

    private async Task ApplyAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var applied = await DatabaseSchema.ApplyAsync(connectionString, ct);
                if (applied.Count > 0)
                {
                    LogApplied(string.Join(", ", applied.Select(v => v.ToString("D4"))));
                }
                else
                {
                    LogUpToDate();
                }
                return;
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < MaxAttempts && !ct.IsCancellationRequested)
            {
                LogWaiting(attempt, MaxAttempts, ex.Message);
                await Task.Delay(RetryDelay, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema: applied scripts {Scripts}.")]
    private partial void LogApplied(string scripts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date.")]
    private partial void LogUpToDate();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet (attempt {Attempt}/{MaxAttempts}): {Reason}")]
    private partial void LogWaiting(int attempt, int maxAttempts, string reason);
}
