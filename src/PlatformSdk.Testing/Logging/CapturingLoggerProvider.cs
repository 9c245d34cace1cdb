using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PlatformSdk.Testing.Logging;

/// <summary>
/// A logger provider that keeps every log entry (message, structured values, scope and exception) at every level, so a
/// test can assert what an integration logs: above all, that app secrets, tokens and signatures never reach the logs.
/// </summary>
/// <example><code>
/// var logs = new CapturingLoggerProvider();
/// services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
/// // … run the flow …
/// Assert.DoesNotContain(appSecret, logs.AllText);
/// </code></example>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    /// <summary>Every entry so far, oldest first: level, category, formatted message, structured values and exception.</summary>
    public IReadOnlyList<string> Entries => _entries.ToArray();

    /// <summary>All entries joined by new lines, for substring assertions.</summary>
    public string AllText => string.Join('\n', _entries);

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class CapturingLogger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
        {
            owner._entries.Enqueue($"[scope {category}] {state}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var structured = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}")) : string.Empty;
            owner._entries.Enqueue($"[{logLevel} {category}] {formatter(state, exception)} | {structured} | {exception}");
        }
    }
}
