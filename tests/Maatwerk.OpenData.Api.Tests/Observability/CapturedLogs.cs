using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Maatwerk.OpenData.Api.Tests.Observability;

/// <summary>
/// A logger provider that keeps every line written through it (category, level, message, exception
/// text, and the structured values, read as the line is written: some refer to a request that ends).
/// </summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<Line> lines = new();

    public IReadOnlyCollection<Line> Lines => lines;

    public IEnumerable<Line> In(string category) => lines.Where(l => l.Category == category);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    internal sealed record Line(string Category, LogLevel Level, string Message, string? Exception, IReadOnlyList<KeyValuePair<string, object?>> State);

    private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new Line(category, logLevel, formatter(state, exception), exception?.ToString(),
                (state as IReadOnlyList<KeyValuePair<string, object?>>)?.ToList() ?? []));
    }
}
