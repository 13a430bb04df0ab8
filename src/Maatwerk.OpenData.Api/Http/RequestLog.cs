using System.Diagnostics;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// Whether the request log names the client (configuration section <c>Logging:RequestLog</c>).
/// </summary>
public sealed class RequestLogSettings
{
    public const string Section = "Logging:RequestLog";

    /// <summary>Whether each line carries the client's address; off by default, since an address is personal data.</summary>
    public bool IncludeClientAddress { get; set; }
}

/// <summary>
/// One structured log line per request, in the category <see cref="Category"/> at Information: method,
/// path as routed (after <see cref="OData.ODataAddressing"/>), query options in canonical order
/// (<see cref="Representation.CanonicalQuery"/>), status, duration in milliseconds, response body bytes,
/// and whether the output cache answered (<c>hit</c>, <c>miss</c>, or <c>none</c>); the client address
/// only when <see cref="RequestLogSettings.IncludeClientAddress"/> is set. No header, cookie or
/// configuration value is logged. Goes first in the pipeline, so that it sees the status the error
/// handlers write.
/// </summary>
public static partial class RequestLog
{
    /// <summary>The logging category of the request lines.</summary>
    public const string Category = "Maatwerk.OpenData.Requests";

    public static IServiceCollection AddRequestLog(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOptions<RequestLogSettings>().Bind(configuration.GetSection(RequestLogSettings.Section)).Services;

    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        var includeAddress = app.ApplicationServices.GetRequiredService<IOptions<RequestLogSettings>>().Value.IncludeClientAddress;
        return app.Use(async (context, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(context);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
            var counted = new CountingBody(body);
            context.Features.Set<IHttpResponseBodyFeature>(counted);
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(body);
                var request = context.Request;
                var milliseconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 2);
                var query = Representation.CanonicalQuery(request.QueryString.Value) is { Length: > 0 } options ? "?" + options : string.Empty;
                var cache = ReleaseCache.Result(context) ?? "none";
                if (includeAddress)
                {
                    var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                    LogRequestFrom(logger, request.Method, request.Path.Value ?? "/", query, context.Response.StatusCode, milliseconds, counted.Bytes, cache, address);
                }
                else
                {
                    LogRequest(logger, request.Method, request.Path.Value ?? "/", query, context.Response.StatusCode, milliseconds, counted.Bytes, cache);
                }
            }
        });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{Method} {Path}{Query} {StatusCode} in {DurationMs} ms, {Bytes} bytes, cache {Cache}")]
    private static partial void LogRequest(ILogger logger, string method, string path, string query, int statusCode, double durationMs, long bytes, string cache);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "{Method} {Path}{Query} {StatusCode} in {DurationMs} ms, {Bytes} bytes, cache {Cache}, from {ClientAddress}")]
    private static partial void LogRequestFrom(ILogger logger, string method, string path, string query, int statusCode, double durationMs, long bytes, string cache, string clientAddress);

    // Counts the body bytes as they pass, through the writer, the stream or a file, without copying them.
    private sealed class CountingBody(IHttpResponseBodyFeature inner) : IHttpResponseBodyFeature
    {
        private CountingWriter? writer;
        private CountingStream? stream;
        private long files;

        public long Bytes => (writer?.Count ?? 0) + (stream?.Count ?? 0) + files;

        public Stream Stream => stream ??= new CountingStream(inner.Stream);

        public PipeWriter Writer => writer ??= new CountingWriter(inner.Writer);

        public Task CompleteAsync() => inner.CompleteAsync();

        public void DisableBuffering() => inner.DisableBuffering();

        public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
        {
            await inner.SendFileAsync(path, offset, count, cancellationToken);
            files += count ?? (new FileInfo(path).Length - offset);
        }

        public Task StartAsync(CancellationToken cancellationToken = default) => inner.StartAsync(cancellationToken);
    }

    private sealed class CountingWriter(PipeWriter inner) : PipeWriter
    {
        public long Count { get; private set; }

        public override void Advance(int bytes)
        {
            Count += bytes;
            inner.Advance(bytes);
        }

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);

        public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

        public override long UnflushedBytes => inner.UnflushedBytes;
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Count += count;
            inner.Write(buffer, offset, count);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Count += buffer.Length;
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Count += count;
            return inner.WriteAsync(buffer, offset, count, cancellationToken);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Count += buffer.Length;
            return inner.WriteAsync(buffer, cancellationToken);
        }
    }
}
