using System.Diagnostics;
using System.Text;

namespace PlatformSdk.Tests.Shared;

/// <summary>How the test projects that run a real child process (crash tests, multi-process tests, the tool) start and stop it.</summary>
internal static class DotnetChildProcess
{
    /// <summary>
    /// Start settings for <c>dotnet &lt;dll&gt; &lt;arguments&gt;</c> with every stream redirected (UTF-8): the same dotnet host
    /// that runs the tests (the CLI hands its path down), so the child gets the same runtime.
    /// </summary>
    public static ProcessStartInfo StartInfo(string dll, IEnumerable<string> arguments)
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h && File.Exists(h) ? h : "dotnet";
        var info = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Keeps the child's last <paramref name="count"/> lines of error output (for the failure message of a test).</summary>
    public static void KeepLastErrorLines(Process process, System.Collections.Concurrent.ConcurrentQueue<string> lines, int count = 40)
    {
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                lines.Enqueue(line);
                while (lines.Count > count && lines.TryDequeue(out string? _))
                {
                }
            }
        };
    }

    /// <summary>Kills the child and everything it started if it still runs (a failed test must not leave it behind), then disposes it.</summary>
    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had exited already.
        }
        finally
        {
            process.Dispose();
        }
    }
}
