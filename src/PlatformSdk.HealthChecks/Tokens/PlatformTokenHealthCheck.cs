using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PlatformSdk.Tokens;

namespace PlatformSdk.HealthChecks.Tokens;

/// <summary>
/// One tenant's token or session: <see cref="HealthStatus.Healthy"/> while it works beyond the warning window (or the SDK renews it
/// itself with a refresh token); <see cref="HealthStatus.Degraded"/> when what nobody can renew lapses within the window, or the access
/// token expired and waits for the refresh on the next call; the failure status when it is missing or expired beyond renewal. The
/// description names the tenant and the remedy; neither it nor the data ever hold a token value.
/// </summary>
internal sealed class PlatformTokenHealthCheck : IHealthCheck
{
    private readonly TokenTarget _target;
    private readonly IServiceProvider _services;
    private readonly TimeSpan _window;

    public PlatformTokenHealthCheck(TokenTarget target, IServiceProvider services, TimeSpan window)
    {
        _target = target;
        _services = services;
        _window = window;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var time = _services.GetService<TimeProvider>() ?? TimeProvider.System;
        var now = time.GetUtcNow();
        var who = $"{_target.Platform} tenant '{_target.Tenant}'";
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["platform"] = _target.Platform,
            ["tenant"] = _target.Tenant,
            ["warningWindow"] = _window,
        };

        TokenSnapshot? token;
        PlatformSdk.Errors.PlatformError? refused;
        try
        {
            var stored = await _services.GetRequiredService<IAccessTokenStore>().GetAsync(_target.Key, cancellationToken).ConfigureAwait(false);
            token = stored is not null ? TokenSnapshot.Of(stored) : _target.Configured(_services);
            refused = stored is not null ? _services.GetService<AccessTokenProvider>()?.RefusedRefresh(_target.Key, stored) : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The store's message may quote what it read; only the exception type is reported.
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: the token store could not be read ({ex.GetType().Name}), so the token's validity is unknown.", data: data);
        }

        if (token is null || (!token.HasAccessToken && !token.HasRefreshToken))
        {
            data["source"] = "none";
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who} has no token: calls fail until it is authorized. {_target.Remedy}", data: data);
        }

        data["source"] = token.Source;
        data["refreshable"] = token.HasRefreshToken;
        if (token.ExpiresAt is { } expires)
        {
            data["expiresAt"] = Format(expires);
            data["timeToExpiry"] = expires - now;
        }
        else
        {
            data["expiresAt"] = token.HasAccessToken ? "unknown" : "none";
        }

        if (token.RefreshTokenExpiresAt is { } refreshExpires)
        {
            data["refreshTokenExpiresAt"] = Format(refreshExpires);
            data["refreshTokenTimeToExpiry"] = refreshExpires - now;
        }

        var refreshable = token.HasRefreshToken && (token.RefreshTokenExpiresAt is not { } r || now < r);
        var accessExpired = !token.HasAccessToken || (token.ExpiresAt is { } e && now >= e);
        if (refused is not null)
        {
            // The refresh token looks valid, but the platform said no: only a new authorization helps.
            data["refreshRefused"] = string.IsNullOrEmpty(refused.Code) ? refused.Category.ToString() : refused.Code;
            var said = $"{who}: the platform refused to renew the token ({data["refreshRefused"]}, {refused.Category})";
            return accessExpired
                ? new HealthCheckResult(context.Registration.FailureStatus, $"{said} and it has expired: calls fail until it is authorized again. {_target.Remedy}", data: data)
                : HealthCheckResult.Degraded(
                    $"{said}; it works until {(token.ExpiresAt is { } lapses ? Format(lapses) : "it expires")}, then calls fail. {_target.Remedy}", data: data);
        }

        if (token.HasRefreshToken && !refreshable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: the refresh token expired at {Format(token.RefreshTokenExpiresAt!.Value)}"
                + (accessExpired ? " and so did the access token" : $"; the access token stops working at {Format(token.ExpiresAt!.Value)}")
                + $" and cannot be renewed. {_target.Remedy}", data: data);
        }

        if (accessExpired && !refreshable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus,
                $"{who}: the token expired at {Format(token.ExpiresAt!.Value)} and nothing can renew it: calls fail until it is authorized again. {_target.Remedy}",
                data: data);
        }

        if (refreshable && token.RefreshTokenExpiresAt is { } refreshEnd && refreshEnd - now <= _window)
        {
            return HealthCheckResult.Degraded(
                $"{who}: the refresh token lapses at {Format(refreshEnd)} ({Span(refreshEnd - now)} left, within the warning window): after that the token cannot be renewed. {_target.Remedy}",
                data: data);
        }

        if (accessExpired)
        {
            return HealthCheckResult.Degraded(
                token.HasAccessToken
                    ? $"{who}: the access token expired at {Format(token.ExpiresAt!.Value)} and has not been refreshed yet; the next call refreshes it with the refresh token. If that refresh is refused: {_target.Remedy}"
                    : $"{who}: only a refresh token is configured; the first call exchanges it for an access token. If that exchange is refused: {_target.Remedy}",
                data: data);
        }

        if (token.ExpiresAt is { } end && end - now <= _window && !refreshable)
        {
            return HealthCheckResult.Degraded(
                $"{who}: the token lapses at {Format(end)} ({Span(end - now)} left, within the warning window) and nothing can renew it. {_target.Remedy}",
                data: data);
        }

        return HealthCheckResult.Healthy(
            token.ExpiresAt is { } until
                ? refreshable && until - now <= _window
                    ? $"{who}: the token works until {Format(until)}; the SDK refreshes it before then with the refresh token."
                    : $"{who}: the token works until {Format(until)} ({Span(until - now)} left)."
                : $"{who}: a token is configured without an expiry; the SDK assumes the platform's usual lifetime from its first use.",
            data);
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static string Span(TimeSpan value) => value.ToString(value >= TimeSpan.FromDays(1) ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
}
