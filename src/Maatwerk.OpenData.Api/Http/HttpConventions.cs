using System.Text.RegularExpressions;

namespace Maatwerk.OpenData.Api.Http;

/// <summary>
/// The request conventions of a read-only public API, applied before routing: HEAD is GET without a
/// body (<see cref="UseHeadAsGet"/>), OPTIONS answers with the allowed methods, and paths do not end with a
/// slash. (The OData spellings of a path are made the documented one by <see cref="OData.ODataAddressing"/>.)
/// </summary>
public static partial class HttpConventions
{
    public const string AllowedMethods = "GET, HEAD, OPTIONS";

    public static IApplicationBuilder UseHttpConventions(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            RejectTrailingSlash(request.Path);

            if (HttpMethods.IsOptions(request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                context.Response.Headers.Allow = AllowedMethods;
                return;
            }

            context.Response.OnStarting(AllowReadMethods, context);
            await next(context);
        });

    /// <summary>
    /// HEAD is answered as GET, with the body counted and not sent. This runs first, so that every
    /// answer (the errors the problem handlers write included) carries exactly the headers GET would.
    /// </summary>
    public static IApplicationBuilder UseHeadAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                await AnswerHeadAsync(context, next);
                return;
            }

            await next(context);
        });

    // Routing's 405 names only the endpoint's own method; the API as a whole also answers HEAD and OPTIONS.
    private static Task AllowReadMethods(object state)
    {
        var response = ((HttpContext)state).Response;
        if (response.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = AllowedMethods;
        }

        return Task.CompletedTask;
    }

    // A path that ends with a slash is answered 404, naming the path without it.
    private static void RejectTrailingSlash(PathString requested)
    {
        var path = requested.Value ?? "/";

        // A version root with a slash (/v1/) is the OData service root and stays valid.
        if (path.Length > 1 && path.EndsWith('/') && !VersionRoot().IsMatch(path))
        {
            throw new TrailingSlashException(path.TrimEnd('/'));
        }
    }

    // HEAD runs the GET endpoint; the body is counted, not sent, so Content-Length stays truthful.
    private static async Task AnswerHeadAsync(HttpContext context, RequestDelegate next)
    {
        var body = context.Response.Body;
        await using var counter = new CountingStream();
        context.Request.Method = HttpMethods.Get;
        context.Response.Body = counter;
        try
        {
            await next(context);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
            if (!context.Response.HasStarted)
            {
                context.Response.ContentLength = counter.Length;
            }
        }
        finally
        {
            context.Response.Body = body;
            context.Request.Method = HttpMethods.Head;
        }
    }

    [GeneratedRegex(@"^/v\d+/$")]
    private static partial Regex VersionRoot();

    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>A path ended with a slash (404); the message names the path without it.</summary>
public sealed class TrailingSlashException(string withoutSlash) : Exception($"Paths do not end with a slash: use {withoutSlash}.");
