using System.CommandLine;
using System.Text.Json.Nodes;

namespace PlatformSdk.Tool.Fakes;

/// <summary><c>platformsdk fakes serve</c>: the bundled fakes of PlatformSdk.Testing as a standalone server, with an admin API.</summary>
internal static class FakesCommand
{
    public static Command Create(Option<bool> json)
    {
        var platform = new Option<string[]>("--platform")
        {
            Description = "The fakes to run: jushuitan, 1688, top, tmall-global-direct (the TOP router's module) or all (default). Repeat for several.",
            DefaultValueFactory = _ => ["all"],
        };
        platform.AcceptOnlyFromAmong([.. FakeFleet.Platforms, "all"]);
        var port = new Option<int>("--port") { Description = "The admin API's loopback port; 0 (default) picks a free one. Each fake gets a free port of its own.", DefaultValueFactory = _ => 0 };
        port.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                result.AddError("--port must be 0-65535.");
            }
        });
        var seed = new Option<string?>("--seed") { Description = "A JSON file of credential overrides per fake (format in the README); reset returns to it." };
        var serve = new Command("serve", "Run the fakes until Ctrl+C or SIGTERM, printing each fake's base URL and sandbox credentials, then a 'ready' line. Admin API: POST /admin/reset, POST|DELETE /admin/faults, GET /admin/journal, GET /admin/fakes.")
        {
            platform,
            port,
            seed,
        };
        serve.SetAction((result, cancellationToken) => ServeAsync(result.GetValue(platform) ?? ["all"], result.GetValue(port), result.GetValue(seed), result.GetValue(json), cancellationToken));
        return new Command("fakes", "The bundled platform fakes (PlatformSdk.Testing) for tests in any language.") { serve };
    }

    private static async Task<int> ServeAsync(string[] platforms, int port, string? seedPath, bool json, CancellationToken cancellationToken)
    {
        var seed = FakeSeed.Load(seedPath);
        var selected = platforms.Contains("all") ? FakeFleet.Platforms : platforms.Distinct().ToArray();
        using var fleet = new FakeFleet(selected, seed);
        await using var admin = await AdminApi.StartAsync(fleet, port, cancellationToken);
        var fakes = new JsonArray([.. fleet.Names.Select(n => (JsonNode?)fleet.Describe(n))]);
        if (json)
        {
            ToolOutput.WriteJson(new JsonObject { ["event"] = "ready", ["admin"] = admin.Url, ["fakes"] = fakes });
        }
        else
        {
            foreach (var fake in fakes.OfType<JsonObject>())
            {
                ToolOutput.WriteLine($"{(string?)fake["platform"]}: {(string?)fake["baseUrl"]}");
                foreach (var (name, value) in (JsonObject)fake["urls"]!)
                {
                    ToolOutput.WriteLine($"  {name}: {value}");
                }

                foreach (var (name, value) in (JsonObject)fake["credentials"]!)
                {
                    ToolOutput.WriteLine($"  {name}: {value}");
                }
            }

            ToolOutput.WriteLine($"admin: {admin.Url}");
            ToolOutput.WriteLine("ready (Ctrl+C to stop)");
        }

        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM: the normal way to stop.
        }

        if (json)
        {
            ToolOutput.WriteJson(new JsonObject { ["event"] = "stopped" });
        }
        else
        {
            ToolOutput.WriteLine("stopped");
        }

        return ExitCodes.Ok;
    }
}
