using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// The loopback platform: Kestrel on 127.0.0.1 with a random port, answering the canned replies. It checks each request's
/// signature (a wrong one gets the platform's signature error, which fails the benchmark), so both clients are measured
/// doing the real protocol work. Runs as a child process (<c>serve</c>), so the benchmark process's CPU time is the client's alone.
/// </summary>
internal static class BenchServer
{
    public const string UrlVariable = "PLATFORMSDK_BENCH_SERVER";
    private const string ListeningPrefix = "LISTENING ";

    /// <summary>The <c>serve</c> mode: prints <c>LISTENING url</c>, serves until standard input closes (the parent exited).</summary>
    public static async Task<int> ServeAsync()
    {
        await using var app = Build();
        await app.StartAsync().ConfigureAwait(false);
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.Out.WriteLine(ListeningPrefix + url);
        Console.Out.Flush();
        // The parent holds our standard input; when it goes away (even killed), the read returns and the server stops.
        await Task.Run(() => { while (Console.In.ReadLine() is not null) { } }).ConfigureAwait(false);
        await app.StopAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>An in-process server, only when no child process can be used (its CPU then counts as the client's).</summary>
    public static async Task<(WebApplication App, string Url)> StartInProcessAsync()
    {
        var app = Build();
        await app.StartAsync().ConfigureAwait(false);
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    private static WebApplication Build()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.AddServerHeader = false;
        });
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        app.UseRouting();
        app.MapPost(BenchCredentials.JushuitanShopsPath, JushuitanShopsAsync);
        app.MapPost(BenchCredentials.TopRestPath, TopRestAsync);
        return app;
    }

    private static async Task JushuitanShopsAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        // md5_lower(app_secret + concat(key + value)) over the non-empty parameters except sign, sorted by key (ordinal).
        var canonical = new StringBuilder(BenchCredentials.JushuitanAppSecret);
        foreach (var key in form.Keys.Where(k => k != "sign").Order(StringComparer.Ordinal))
        {
            var value = form[key].ToString();
            if (value.Length > 0)
            {
                canonical.Append(key).Append(value);
            }
        }

        var expected = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var ok = string.Equals(form["sign"].ToString(), expected, StringComparison.Ordinal)
            && form["access_token"] == BenchCredentials.JushuitanAccessToken && form["app_key"] == BenchCredentials.JushuitanAppKey
            && form["biz"] == BenchCredentials.JushuitanShopsBiz && form["version"] == "2" && form["charset"] == "utf-8";
        await ReplyAsync(context, ok ? CannedReplies.JushuitanShops : CannedReplies.JushuitanSignError).ConfigureAwait(false);
    }

    private static async Task TopRestAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync().ConfigureAwait(false);
        // UPPER_HEX(md5(secret + concat(name + value) + secret)) over the non-empty parameters except sign, sorted by name.
        var canonical = new StringBuilder(BenchCredentials.TopAppSecret);
        foreach (var key in form.Keys.Where(k => k != "sign").Order(StringComparer.Ordinal))
        {
            var value = form[key].ToString();
            if (value.Length > 0)
            {
                canonical.Append(key).Append(value);
            }
        }

        canonical.Append(BenchCredentials.TopAppSecret);
        var expected = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
        var ok = string.Equals(form["sign"].ToString(), expected, StringComparison.Ordinal)
            && form["method"] == BenchCredentials.TopMethod && form["session"] == BenchCredentials.TopSession
            && form["app_key"] == BenchCredentials.TopAppKey && form["num_iid"] == BenchCredentials.TopNumIid;
        await ReplyAsync(context, ok ? CannedReplies.TopItem : CannedReplies.TopSignError).ConfigureAwait(false);
    }

    private static Task ReplyAsync(HttpContext context, byte[] body)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json;charset=UTF-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body, 0, body.Length);
    }

    /// <summary>
    /// The server for this process: the one named by <see cref="UrlVariable"/> (started by the parent benchmark process), or a new
    /// child process of this program in <c>serve</c> mode.
    /// </summary>
    public static ServerHandle Acquire()
    {
        if (Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } url)
        {
            return new ServerHandle(url, null);
        }

        return StartChild();
    }

    /// <summary>Starts this program with <c>serve</c> and waits for its address.</summary>
    public static ServerHandle StartChild()
    {
        var (fileName, prefix) = SelfCommand();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in prefix)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("serve");
        // The server must not inherit the client's GC or tiering settings by accident; it gets its own defaults.
        start.Environment.Remove(UrlVariable);
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the loopback server.");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var line = process.StandardOutput.ReadLine();
            if (line is null)
            {
                break;
            }

            if (line.StartsWith(ListeningPrefix, StringComparison.Ordinal))
            {
                return new ServerHandle(line[ListeningPrefix.Length..].Trim(), process);
            }
        }

        process.Kill();
        throw new InvalidOperationException("The loopback server did not report its address.");
    }

    private static (string FileName, string[] Prefix) SelfCommand()
    {
        var processPath = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var assembly = typeof(BenchServer).Assembly.Location;
        var name = Path.GetFileNameWithoutExtension(processPath);
        if (string.Equals(name, Path.GetFileNameWithoutExtension(assembly), StringComparison.OrdinalIgnoreCase))
        {
            return (processPath, []);
        }

        // Through the dotnet host: inside BenchmarkDotNet's generated process the entry point is not this program, and this
        // assembly may have no runtimeconfig of its own there, so borrow the entry assembly's (it lists ASP.NET Core too).
        var host = string.Equals(name, "dotnet", StringComparison.OrdinalIgnoreCase) ? processPath : "dotnet";
        var own = Path.ChangeExtension(assembly, ".runtimeconfig.json");
        if (File.Exists(own))
        {
            return (host, ["exec", assembly]);
        }

        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location ?? throw new InvalidOperationException("No entry assembly.");
        return (host, ["exec", "--runtimeconfig", Path.ChangeExtension(entry, ".runtimeconfig.json"), "--depsfile", Path.ChangeExtension(entry, ".deps.json"), assembly]);
    }
}

/// <summary>A running loopback server: its base URL and, when this process started it, the child process to stop.</summary>
internal sealed class ServerHandle(string url, Process? process) : IDisposable
{
    public string Url { get; } = url.TrimEnd('/');

    public Process? Process { get; } = process;

    /// <summary>CPU time the server process used so far, when it is a child of this process.</summary>
    public TimeSpan? ServerCpu
    {
        get
        {
            if (Process is null)
            {
                return null;
            }

            Process.Refresh();
            return Process.TotalProcessorTime;
        }
    }

    public void Dispose()
    {
        if (Process is null)
        {
            return;
        }

        try
        {
            Process.StandardInput.Close();
            if (!Process.WaitForExit(5000))
            {
                Process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }

    public override string ToString() => Url;
}
