using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Tool.Fakes;

/// <summary>
/// The admin HTTP API of <c>fakes serve</c> on its own loopback port (documented in the tool's README): reset, fault rules and
/// the request journal of each fake, through the fakes' own public members.
/// </summary>
internal sealed class AdminApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdminApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<AdminApi> StartAsync(FakeFleet fleet, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // stdout belongs to the tool's own lines (scripts parse them): the host logs nothing.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var app = builder.Build();
        app.MapGet("/admin/fakes", () => Json(new JsonArray([.. fleet.Names.Select(n => (JsonNode?)fleet.Describe(n))])));
        app.MapPost("/admin/reset", (HttpRequest request) => Reset(fleet, request));
        app.MapPost("/admin/faults", (HttpRequest request) => AddFaultAsync(fleet, request));
        app.MapDelete("/admin/faults", (HttpRequest request) => ClearFaults(fleet, request));
        app.MapGet("/admin/journal", (HttpRequest request) => Journal(fleet, request));
        app.MapPost("/admin/1688/authorize", (HttpRequest request) => Authorize1688(fleet, request));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The admin API started without an address.");
        return new AdminApi(app, address.TrimEnd('/'));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(ToolOutput.ToJson(node), "application/json; charset=utf-8", statusCode: status);

    private static IResult Problem(int status, string message) => Json(new JsonObject { ["error"] = message }, status);

    /// <summary>The platforms a request names (?platform=, or all running ones), or a 400/404 result.</summary>
    private static bool TryPlatforms(FakeFleet fleet, string? platform, bool required, out string[] platforms, out IResult? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(platform) || platform == "all")
        {
            platforms = [.. fleet.Names];
            if (required)
            {
                problem = Problem(StatusCodes.Status400BadRequest, "Name the fake: platform=" + string.Join("|", fleet.Names) + ".");
            }

            return problem is null;
        }

        platforms = [platform];
        if (fleet.Find(platform) is null)
        {
            problem = Problem(StatusCodes.Status404NotFound, $"No fake '{platform}' is running; running: {string.Join(", ", fleet.Names)}.");
        }

        return problem is null;
    }

    private static IResult Reset(FakeFleet fleet, HttpRequest request)
    {
        if (!TryPlatforms(fleet, request.Query["platform"], required: false, out var platforms, out var problem))
        {
            return problem!;
        }

        foreach (var platform in platforms)
        {
            fleet.Reset(platform);
        }

        return Json(new JsonObject { ["reset"] = new JsonArray([.. platforms.Select(p => (JsonNode?)p)]) });
    }

    private static IResult ClearFaults(FakeFleet fleet, HttpRequest request)
    {
        if (!TryPlatforms(fleet, request.Query["platform"], required: false, out var platforms, out var problem))
        {
            return problem!;
        }

        foreach (var platform in platforms)
        {
            fleet.Find(platform)!.Faults.Clear();
        }

        return Json(new JsonObject { ["cleared"] = new JsonArray([.. platforms.Select(p => (JsonNode?)p)]) });
    }

    private static async Task<IResult> AddFaultAsync(FakeFleet fleet, HttpRequest request)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body);
        }
        catch (JsonException ex)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body is not JSON: " + ex.Message);
        }

        if (body is not JsonObject spec)
        {
            return Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object { platform, route, fault, count, processRequest, ... }.");
        }

        try
        {
            var platform = Text(spec, "platform");
            if (!TryPlatforms(fleet, platform, required: true, out _, out var problem))
            {
                return problem!;
            }

            var server = fleet.Find(platform!)!;
            var route = Text(spec, "route") is { Length: > 0 } r ? r : FaultInjector.AnyRoute;
            var fault = CreateFault(spec, server);
            var count = spec["count"] is { } c ? c.GetValue<int>() : 1;
            var faults = route == FaultInjector.AnyRoute ? server.Faults.ForAnyRoute() : server.Faults.For(route);
            if (count <= 0)
            {
                faults.Always(fault);
            }
            else
            {
                faults.Next(count, fault);
            }

            return Json(new JsonObject
            {
                ["platform"] = platform,
                ["route"] = route,
                ["fault"] = fault.ToString(),
                ["count"] = count <= 0 ? "always" : count,
                ["pending"] = faults.PendingCount,
            });
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or NotSupportedException)
        {
            return Problem(StatusCodes.Status400BadRequest, ex.Message);
        }
    }

    private static Fault CreateFault(JsonObject spec, FakePlatformServer server)
    {
        var name = Text(spec, "fault") ?? throw new ArgumentException("Name the fault: \"fault\": \"ServerError\" (or " + string.Join(", ", Enum.GetNames<FaultKind>()) + ", TopError, RemoteServiceUnavailable).");
        var processRequest = spec["processRequest"]?.GetValue<bool>() ?? false;
        int? statusCode = spec["statusCode"]?.GetValue<int>();
        if (string.Equals(name, "TopError", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "RemoteServiceUnavailable", StringComparison.OrdinalIgnoreCase))
        {
            if (server is not FakeTopServer)
            {
                throw new ArgumentException($"{name} is a TOP fault; use PlatformError for other fakes.");
            }

            return string.Equals(name, "TopError", StringComparison.OrdinalIgnoreCase)
                ? FakeTopFaults.Error(spec["code"]?.GetValue<int>() ?? 15, Text(spec, "message") ?? FakeTopServer.BusinessErrorMessage, Text(spec, "subCode"), Text(spec, "subMessage"), processRequest)
                : FakeTopFaults.RemoteServiceUnavailable(processRequest);
        }

        if (!Enum.TryParse<FaultKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unknown fault '{name}': use {string.Join(", ", Enum.GetNames<FaultKind>())}, TopError or RemoteServiceUnavailable.");
        }

        return kind switch
        {
            FaultKind.ServerError => Fault.ServerError(statusCode ?? 503, spec["retryAfterSeconds"] is { } retry ? TimeSpan.FromSeconds(retry.GetValue<double>()) : null, processRequest),
            FaultKind.DropConnection => Fault.DropConnection(processRequest),
            FaultKind.Throttle => Fault.Throttle(),
            FaultKind.MalformedBody => Fault.MalformedBody(),
            FaultKind.TruncatedBody => Fault.TruncatedBody(),
            FaultKind.HtmlErrorPage => Fault.HtmlErrorPage(statusCode ?? 502, processRequest),
            FaultKind.PlatformError => Fault.PlatformError(
                Text(spec, "code") ?? throw new ArgumentException("PlatformError needs \"code\" and \"message\"."),
                Text(spec, "message") ?? throw new ArgumentException("PlatformError needs \"code\" and \"message\"."),
                processRequest),
            FaultKind.Delay => Fault.Delay(TimeSpan.FromMilliseconds(spec["delayMs"]?.GetValue<double>() ?? throw new ArgumentException("Delay needs \"delayMs\"."))),
            FaultKind.Redirect => Fault.Redirect(statusCode ?? 302, Text(spec, "location") ?? "http://127.0.0.1:9/moved", processRequest),
            FaultKind.ByteOrderMark => Fault.ByteOrderMark(),
            FaultKind.TrailingBytes => Text(spec, "trailer") is { } trailer ? Fault.TrailingBytes(trailer) : Fault.TrailingBytes(),
            FaultKind.OversizedBody => spec["bodyBytes"] is { } bytes ? Fault.OversizedBody(bytes.GetValue<int>()) : Fault.OversizedBody(),
            _ => throw new ArgumentException($"Unknown fault '{name}'."),
        };
    }

    private static string? Text(JsonObject spec, string name) => spec[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value => value.ToJsonString(),
        _ => throw new ArgumentException($"\"{name}\" must be a string."),
    };

    private static IResult Journal(FakeFleet fleet, HttpRequest request)
    {
        if (!TryPlatforms(fleet, request.Query["platform"], required: true, out var platforms, out var problem))
        {
            return problem!;
        }

        var server = fleet.Find(platforms[0])!;
        string? route = request.Query["route"];
        var entries = string.IsNullOrEmpty(route) ? server.Journal.Entries : server.Journal.CallsTo(route);
        return Json(new JsonObject
        {
            ["platform"] = platforms[0],
            ["count"] = entries.Count,
            ["entries"] = new JsonArray([.. entries.Select(e => (JsonNode?)Entry(e))]),
        });
    }

    private static JsonObject Entry(FakeJournalEntry entry) => new()
    {
        ["sequence"] = entry.Sequence,
        ["timestamp"] = entry.Timestamp.ToString("O", CultureInfo.InvariantCulture),
        ["route"] = entry.Route,
        ["method"] = entry.Method,
        ["path"] = entry.Path,
        ["query"] = entry.Request.RawQuery,
        ["body"] = entry.Body,
        ["status"] = entry.ResponseStatus,
        ["responseBody"] = entry.ResponseBody,
        ["faultInjected"] = entry.FaultInjected,
        ["fault"] = entry.Fault?.ToString(),
        ["processed"] = entry.Processed,
    };

    private static IResult Authorize1688(FakeFleet fleet, HttpRequest request)
    {
        if (fleet.Alibaba is not { } alibaba)
        {
            return Problem(StatusCodes.Status404NotFound, "The 1688 fake is not running.");
        }

        string? shop = request.Query["shop"];
        try
        {
            var code = alibaba.AuthorizeShop(string.IsNullOrEmpty(shop) ? Testing.Alibaba1688.Fake1688Seed.MainShopMemberId : shop);
            return Json(new JsonObject { ["code"] = code, ["tokenUrl"] = alibaba.TokenUrl.AbsoluteUri });
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            return Problem(StatusCodes.Status400BadRequest, ex.Message);
        }
    }
}
