using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace PlatformSdk.PushLoad;

internal static class MachineFacts
{
    public static string Describe()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        return $"""
            Machine: {Environment.ProcessorCount} logical cores ({cpu}), {RuntimeInformation.OSDescription}
            Runtime: .NET {Environment.Version}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(GCSettings.LatencyMode)}
            Disk of the temp folder: {Path.GetTempPath()} ({DriveFacts()})
            Load at the start: {Uptime()}
            (The machine is shared: other engineers' builds and tests run on the same cores.)
            """;
    }

    public static string Uptime()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true, UseShellExecute = false })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return File.Exists("/proc/loadavg") ? "loadavg " + File.ReadAllText("/proc/loadavg").Trim() : "unknown";
        }
    }

    public static double LoadAverage1()
    {
        if (!File.Exists("/proc/loadavg"))
        {
            return double.NaN;
        }

        var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        return double.Parse(first, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string DriveFacts()
    {
        try
        {
            var drive = new DriveInfo(Path.GetTempPath());
            return $"{drive.DriveFormat}, {drive.AvailableFreeSpace / (1024 * 1024 * 1024)} GiB free";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string? ReadFirst(string path, string key)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var at and > 0)
            {
                return line[(at + 1)..].Trim();
            }
        }

        return null;
    }
}
