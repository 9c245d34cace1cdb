using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PlatformSdk.TmallGlobalDirect;
using PlatformSdk.TmallGlobalDirect.AspNetCore;
using PlatformSdk.TmallGlobalDirect.Push;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Tmall Global direct-supply push receiver into a minimal-API app: <c>app.MapTmallGlobalDirectPush("/qimen")</c>.</summary>
public static class TmallGlobalDirectEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the endpoint Qimen forwards the ASCP pushes to. It reads the raw body once (a body above
    /// <see cref="TmallGlobalDirectOptions.MaxPushBodyBytes"/> is refused from its Content-Length, or as soon as reading passes the
    /// limit, with the platform's failure reply), hands it to the registered <see cref="TmallGlobalDirectPushHandler"/>, which
    /// verifies, stores and decides, and writes the handler's reply. Every verb reaches the handler, which answers all but POST
    /// with a failure in the platform's format. Register the receiver first:
    /// <c>services.AddPlatformSdk().AddTmallGlobalDirect(section)</c> (or <c>AddTmallGlobalDirectPushEndpoint(section)</c>) and an
    /// <c>IPushInbox</c>.
    /// </summary>
    /// <param name="endpoints">The app or route group.</param>
    /// <param name="pattern">The route, for example <c>/qimen</c> (the URL registered with Qimen for the app).</param>
    /// <returns>The endpoint's builder (to add metadata such as rate limiting or host filtering).</returns>
    /// <exception cref="InvalidOperationException">The receiver or an inbox is not registered.</exception>
    public static IEndpointConventionBuilder MapTmallGlobalDirectPush(this IEndpointRouteBuilder endpoints, string pattern = "/qimen")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var services = endpoints.ServiceProvider;

        // Resolved now, not on the first push: a missing inbox or invalid settings stop the app at start, not an order at run time.
        var endpoint = services.GetService<TmallGlobalDirectPushEndpoint>() ?? new TmallGlobalDirectPushEndpoint(
            services.GetService<TmallGlobalDirectPushHandler>() ?? throw new InvalidOperationException(
                "MapTmallGlobalDirectPush: the receiver is not registered; call services.AddPlatformSdk().AddTmallGlobalDirect(...) and register an IPushInbox."),
            services.GetRequiredService<IOptions<TmallGlobalDirectOptions>>(),
            services.GetService<ILogger<TmallGlobalDirectPushEndpoint>>() ?? NullLogger<TmallGlobalDirectPushEndpoint>.Instance);
        return endpoints.Map(pattern, endpoint.InvokeAsync).WithDisplayName("Tmall Global direct push " + pattern);
    }
}
