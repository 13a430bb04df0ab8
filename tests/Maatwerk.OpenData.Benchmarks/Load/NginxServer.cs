using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Maatwerk.OpenData.Benchmarks.Load;

/// <summary>
/// nginx serving, as static files, the exact bodies the API answered: the ceiling of this machine for the
/// same bytes. One location per file, with the API's <c>Content-Type</c>; no access log, keep-alive without
/// a request limit, one worker per core.
/// </summary>
internal sealed class NginxServer : ILoadTarget
{
    private readonly Process process;

    private NginxServer(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public string Name => "nginx";

    public Uri Address { get; }

    public IReadOnlyList<int> ProcessIds => ProcessStats.WithChildren(process.Id);

    public int MainProcessId => process.Id;

    /// <summary>Starts nginx on 127.0.0.1 serving each body at <c>/{name}</c>.</summary>
    public static async Task<NginxServer> StartAsync(string folder, IReadOnlyList<(string Name, byte[] Body, string ContentType)> files, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        Directory.CreateDirectory(Path.Combine(folder, "temp"));
        var port = ApiServer.FreePort();
        var config = new StringBuilder().Append(CultureInfo.InvariantCulture, $$"""
            worker_processes {{Environment.ProcessorCount}};
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              keepalive_requests 100000000;
              server_tokens off;
              client_body_temp_path {{folder}}/temp/body;
              proxy_temp_path {{folder}}/temp/proxy;
              fastcgi_temp_path {{folder}}/temp/fastcgi;
              uwsgi_temp_path {{folder}}/temp/uwsgi;
              scgi_temp_path {{folder}}/temp/scgi;
              types { }
              server {
                listen 127.0.0.1:{{port}};

            """);
        foreach (var (name, body, contentType) in files)
        {
            var file = Path.Combine(folder, "files", name);
            await File.WriteAllBytesAsync(file, body, cancellationToken);
            config.Append(CultureInfo.InvariantCulture, $"    location = /{name} {{ default_type \"{contentType}\"; alias {file}; }}\n");
        }

        config.Append("  }\n}\n");
        var configFile = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configFile, config.ToString(), cancellationToken);

        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";
        var process = Shell.Start(nginx, ["-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", configFile], folder, new Dictionary<string, string>(), Path.Combine(folder, "nginx.log"));
        var server = new NginxServer(process, new Uri($"http://127.0.0.1:{port}"));
        await Shell.WaitUntilListeningAsync(process, "nginx", port, cancellationToken);
        return server;
    }

    public void Dispose() => Shell.Stop(process);
}
