using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace PlatformSdk.Tool.Tests;

/// <summary>
/// <c>platformsdk fakes serve</c> as a child process, used as a non-.NET test suite would: its JSON ready line for the URLs,
/// then only HttpClient against the fake and the admin API.
/// </summary>
public class FakesServeTests
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Exit = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Serve_prints_urls_and_credentials_then_faults_journal_and_reset_work_over_HTTP_and_SIGTERM_stops_it()
    {
        using var serve = new ServeProcess("fakes", "serve", "--platform", "top", "--platform", "jushuitan", "--port", "0", "--json");
        using var ready = JsonDocument.Parse(serve.NextLine(Ready));
        Assert.Equal("ready", ready.RootElement.GetProperty("event").GetString());
        var admin = ready.RootElement.GetProperty("admin").GetString()!;
        var top = ready.RootElement.GetProperty("fakes").EnumerateArray().Single(f => f.GetProperty("platform").GetString() == "top");
        var router = top.GetProperty("urls").GetProperty("router").GetString()!;
        Assert.Equal("12345678", top.GetProperty("credentials").GetProperty("appKey").GetString());
        Assert.Equal("helloworld", top.GetProperty("credentials").GetProperty("appSecret").GetString());
        var jushuitan = ready.RootElement.GetProperty("fakes").EnumerateArray().Single(f => f.GetProperty("platform").GetString() == "jushuitan");
        Assert.Equal("b0b7d1db226d4216a3d58df9ffa2dde5", jushuitan.GetProperty("credentials").GetProperty("appKey").GetString());

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        const string route = "taobao.vmarket.eticket.send";
        var call = () => http.PostAsync(router, new FormUrlEncodedContent([new("method", route), new("app_key", "12345678")]));

        // A plain call: the fake answers in TOP's envelope (here the refusal of an unsigned request).
        using (var plain = await call())
        {
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
            Assert.Contains("error_response", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // "The next 2 calls get 503", through the fakes' own fault rules.
        using (var set = await http.PostAsync(admin + "/admin/faults", Json($$"""{ "platform": "top", "route": "{{route}}", "fault": "ServerError", "count": 2 }""")))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            using var body = JsonDocument.Parse(await set.Content.ReadAsStringAsync());
            Assert.Equal(2, body.RootElement.GetProperty("pending").GetInt32());
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await call();
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);

        using (var journal = JsonDocument.Parse(await http.GetStringAsync(admin + "/admin/journal?platform=top")))
        {
            var entries = journal.RootElement.GetProperty("entries").EnumerateArray().ToList();
            Assert.Equal(4, journal.RootElement.GetProperty("count").GetInt32());
            Assert.All(entries, e => Assert.Equal(route, e.GetProperty("route").GetString()));
            Assert.Equal([200, 503, 503, 200], entries.Select(e => e.GetProperty("status").GetInt32()));
            Assert.Equal([false, true, true, false], entries.Select(e => e.GetProperty("faultInjected").GetBoolean()));
        }

        using (var reset = await http.PostAsync(admin + "/admin/reset", content: null))
        {
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        }

        using (var journal = JsonDocument.Parse(await http.GetStringAsync(admin + "/admin/journal?platform=top")))
        {
            Assert.Equal(0, journal.RootElement.GetProperty("count").GetInt32());
        }

        // After the reset no fault rule is left: the next call is answered normally.
        using (var after = await call())
        {
            Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        }

        await StopWithSigtermAsync(serve);
    }

    [Fact]
    public async Task Admin_API_refuses_unknown_fakes_and_faults_with_4xx()
    {
        using var serve = new ServeProcess("fakes", "serve", "--platform", "1688", "--json");
        using var ready = JsonDocument.Parse(serve.NextLine(Ready));
        var admin = ready.RootElement.GetProperty("admin").GetString()!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var notRunning = await http.GetAsync(admin + "/admin/journal?platform=top");
        using var unknownFault = await http.PostAsync(admin + "/admin/faults", Json("""{ "platform": "1688", "fault": "Gremlins" }"""));
        using var noPlatform = await http.GetAsync(admin + "/admin/journal");

        Assert.Equal(HttpStatusCode.NotFound, notRunning.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownFault.StatusCode);
        Assert.Contains("Gremlins", await unknownFault.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noPlatform.StatusCode);
    }

    [Fact]
    public async Task Admin_API_hands_out_a_1688_OAuth_code_and_clears_fault_rules()
    {
        using var serve = new ServeProcess("fakes", "serve", "--platform", "1688", "--json");
        using var ready = JsonDocument.Parse(serve.NextLine(Ready));
        var admin = ready.RootElement.GetProperty("admin").GetString()!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var code = JsonDocument.Parse(await (await http.PostAsync(admin + "/admin/1688/authorize", content: null)).Content.ReadAsStringAsync());
        using var set = await http.PostAsync(admin + "/admin/faults", Json("""{ "platform": "1688", "fault": "Throttle", "count": 0 }"""));
        using var setBody = JsonDocument.Parse(await set.Content.ReadAsStringAsync());
        using var cleared = await http.DeleteAsync(admin + "/admin/faults?platform=1688");
        using var call = await http.GetAsync(ready.RootElement.GetProperty("fakes")[0].GetProperty("baseUrl").GetString() + "/openapi/param2/1/system/currentTime/8661688");
        using var journal = JsonDocument.Parse(await http.GetStringAsync(admin + "/admin/journal?platform=1688"));

        Assert.False(string.IsNullOrEmpty(code.RootElement.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("always", setBody.RootElement.GetProperty("count").GetString());
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.False(journal.RootElement.GetProperty("entries")[0].GetProperty("faultInjected").GetBoolean());
    }

    [Fact]
    public async Task Seed_file_overrides_the_credentials_the_fakes_accept_and_print()
    {
        var seed = Path.Combine(Path.GetTempPath(), $"platformsdk-seed-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(seed, """
            {
              "top": { "appKey": "87654321", "appSecret": "seeded-secret", "sellers": [ { "nick": "seeded_shop", "sellerId": 42, "session": "seeded-session" } ] },
              "1688": { "appKey": "1688000", "appSecret": "seeded1688Secret" }
            }
            """);
        try
        {
            using var serve = new ServeProcess("fakes", "serve", "--platform", "top", "--platform", "1688", "--seed", seed, "--json");
            using var ready = JsonDocument.Parse(serve.NextLine(Ready));
            var fakes = ready.RootElement.GetProperty("fakes").EnumerateArray().ToDictionary(f => f.GetProperty("platform").GetString()!);

            Assert.Equal("87654321", fakes["top"].GetProperty("credentials").GetProperty("appKey").GetString());
            Assert.Equal("seeded-secret", fakes["top"].GetProperty("credentials").GetProperty("appSecret").GetString());
            Assert.Equal("seeded-session", fakes["top"].GetProperty("sellers")[0].GetProperty("session").GetString());
            Assert.Equal("1688000", fakes["1688"].GetProperty("credentials").GetProperty("appKey").GetString());
            Assert.Equal("seeded1688Secret", fakes["1688"].GetProperty("credentials").GetProperty("appSecret").GetString());
        }
        finally
        {
            File.Delete(seed);
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>SIGTERM (as a service manager or `docker stop` sends), then the child must print "stopped" and exit 0.</summary>
    private static async Task StopWithSigtermAsync(ServeProcess serve)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", serve.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await kill.WaitForExitAsync();
        }

        using var stopped = JsonDocument.Parse(serve.NextLine(Exit));
        Assert.Equal("stopped", stopped.RootElement.GetProperty("event").GetString());
        using var timeout = new CancellationTokenSource(Exit);
        await serve.Process.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, serve.Process.ExitCode);
    }
}
