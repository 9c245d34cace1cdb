using System.Globalization;

namespace PlatformSdk.Tests.Shared.Redis;

/// <summary>Reads <c>REDIS_URL</c>: a <c>redis://</c> / <c>rediss://</c> URL or a StackExchange.Redis configuration string.</summary>
internal sealed record RedisUrl(string Host, int Port, string Configuration, string Redacted)
{
    private const int DefaultPort = 6379;

    public static RedisUrl Parse(string value)
    {
        value = value.Trim();
        return value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(value)
            : FromConfiguration(value);
    }

    private static RedisUrl FromUrl(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw new InvalidOperationException($"{RedisTestServer.UrlVariable} is not a valid redis:// URL (expected redis://[:password@]host[:port][/db]).");
        }

        var host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host;
        var port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        var endpoint = uri.HostNameType == UriHostNameType.IPv6
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");
        var parts = new List<string> { endpoint };

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? string.Empty : uri.UserInfo[..colon]);
            var password = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[(colon + 1)..]);
            if (user.Length > 0)
            {
                parts.Add("user=" + user);
            }

            if (password.Length > 0)
            {
                parts.Add("password=" + password);
            }
        }

        var database = uri.AbsolutePath.Trim('/');
        if (database.Length > 0)
        {
            if (!int.TryParse(database, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidOperationException($"{RedisTestServer.UrlVariable} names database '{database}': a database is a number.");
            }

            parts.Add("defaultDatabase=" + database);
        }

        if (uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase))
        {
            parts.Add("ssl=true");
        }

        parts.Add("abortConnect=false");
        var redacted = $"{uri.Scheme}://{(string.IsNullOrEmpty(uri.UserInfo) ? string.Empty : "***@")}{endpoint}{uri.AbsolutePath.TrimEnd('/')}";
        return new RedisUrl(host, port, string.Join(',', parts), redacted);
    }

    private static RedisUrl FromConfiguration(string value)
    {
        var tokens = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoint = tokens.FirstOrDefault(t => !t.Contains('=', StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{RedisTestServer.UrlVariable} names no endpoint (expected redis://host:port or a StackExchange.Redis configuration string such as host:port,password=…).");

        var (host, port) = SplitEndpoint(endpoint);
        var configuration = tokens.Any(t => t.StartsWith("abortConnect=", StringComparison.OrdinalIgnoreCase)) ? value : value + ",abortConnect=false";
        var redacted = string.Join(',', tokens.Select(t => t.StartsWith("password=", StringComparison.OrdinalIgnoreCase) ? "password=***" : t));
        return new RedisUrl(host, port, configuration, redacted);
    }

    private static (string Host, int Port) SplitEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var closingBracket = endpoint.LastIndexOf(']');
        if (colon < 0 || colon < closingBracket)
        {
            return (endpoint.Trim('[', ']'), DefaultPort);
        }

        return int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? (endpoint[..colon].Trim('[', ']'), port)
            : throw new InvalidOperationException($"{RedisTestServer.UrlVariable} endpoint '{endpoint}' has no valid port.");
    }
}
