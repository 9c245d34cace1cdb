using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlatformSdk.HealthChecks.Tokens;

namespace PlatformSdk.HealthChecks.Reachability;

/// <summary>
/// Opens a TCP connection to the gateway host and port of the configured endpoint and closes it without sending a byte. None of the
/// platforms offers an unauthenticated API call that is guaranteed free (every call to their routers carries an app key and counts
/// against it), while a bare connection reaches no API: it proves DNS, routing, firewall and a listening gateway, not TLS or credentials.
/// </summary>
internal sealed class PlatformReachabilityHealthCheck : IHealthCheck
{
    private readonly EndpointTarget _target;
    private readonly IServiceProvider _services;
    private readonly TimeSpan _timeout;

    public PlatformReachabilityHealthCheck(EndpointTarget target, IServiceProvider services, TimeSpan timeout)
    {
        _target = target;
        _services = services;
        _timeout = timeout;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var connector = _services.GetService<TcpConnector>() ?? TcpConnector.Default;
        var who = _target.Tenant is null ? _target.Platform : $"{_target.Platform} tenant '{_target.Tenant}'";
        Uri endpoint;
        try
        {
            endpoint = _target.Endpoint(_services);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: the configured endpoint could not be read ({ex.GetType().Name}); nothing was contacted.");
        }

        // Only the authority: the path and query of an endpoint are never reported (a proxy URL might carry a key).
        var host = endpoint.IdnHost;
        var port = endpoint.Port;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["platform"] = _target.Platform,
            ["host"] = host,
            ["port"] = port,
            ["timeout"] = _timeout,
        };
        if (_target.Tenant is not null)
        {
            data["tenant"] = _target.Tenant;
        }

#if NET8_0_OR_GREATER
        using var timeout = new CancellationTokenSource(_timeout, time);
#else
        using var timeout = time.CreateCancellationTokenSource(_timeout);
#endif
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        try
        {
            await connector.ConnectAsync(host, port, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: no TCP connection to {host}:{port} within {_timeout.TotalSeconds:0.###} s. Check DNS, the route and the firewall to the platform gateway.",
                data: data);
        }
        catch (SocketException ex)
        {
            data["socketError"] = ex.SocketErrorCode.ToString();
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: the TCP connection to {host}:{port} failed ({ex.SocketErrorCode}). Check DNS, the route and the firewall to the platform gateway.",
                data: data);
        }

        data["connectTime"] = time.GetElapsedTime(started);
        return HealthCheckResult.Healthy(
            $"{who}: {host}:{port} accepts TCP connections (nothing was sent, so no API call was made or billed).", data);
    }
}

/// <summary>Opens and closes a TCP connection; a seam so tests can hold a connection attempt open while the fake clock moves.</summary>
internal class TcpConnector
{
    public static readonly TcpConnector Default = new();

    public virtual async ValueTask ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
    }
}
