using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Realtime.Grains.Tests.Infrastructure;

/// <summary>Keeps every warning or worse the silos log, with the values of the scopes it was logged in.</summary>
public sealed class ScopedLogRecorder : ILoggerProvider, ISupportExternalScope
{
    public static readonly ConcurrentQueue<(string Message, IReadOnlyDictionary<string, object?> Scope)> Warnings = new();

    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public ILogger CreateLogger(string categoryName) => new Recorder(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Recorder(ScopedLogRecorder owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var values = new Dictionary<string, object?>();
            owner.scopes.ForEachScope((scope, into) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object>> pairs) foreach (var (key, value) in pairs) into[key] = value;
            }, values);
            Warnings.Enqueue((formatter(state, exception), values));
        }
    }
}
