using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Realtime.Testing;

namespace Realtime.Api.Tests.Deployment;

/// <summary>
/// The log levels that ship in each node's appsettings.json, applied as the host applies them. Npgsql logs every
/// command it runs at Information, and the dispatcher and the due-work job poll every second, so without its own
/// level an idle node's log was a stream of SQL.
/// </summary>
public sealed class ShippedLogSettingsTests
{
    [Theory]
    [InlineData("Api")]
    [InlineData("Silo")]
    public void A_node_logs_npgsqls_warnings_but_not_every_command_it_runs(string project)
    {
        var records = new List<(string Category, LogLevel Level)>();
        using (var loggers = LoggerFactory.Create(logging => logging
            .AddConfiguration(Settings(project).GetSection("Logging"))
            .AddProvider(new RecordingProvider(records))))
        {
            loggers.CreateLogger("Npgsql.Command").LogInformation("Command execution completed: SELECT 1");
            loggers.CreateLogger("Npgsql.Connection").LogWarning("Connection broken");
            loggers.CreateLogger("Realtime.Silo.Notifications.NotificationDispatcher").LogInformation("Dispatcher started");
        }

        Assert.Equal(
            [("Npgsql.Connection", LogLevel.Warning), ("Realtime.Silo.Notifications.NotificationDispatcher", LogLevel.Information)],
            records);
    }

    private static IConfiguration Settings(string project) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Repository.Root, project, "appsettings.json")).Build();

    private sealed class RecordingProvider(List<(string Category, LogLevel Level)> records) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, records);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, List<(string Category, LogLevel Level)> records) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                records.Add((category, logLevel));
        }
    }
}
