using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Validation;

namespace PlatformSdk.Contract.Tests.Contract;

/// <summary>
/// What every platform package must do, run against each platform's bundled fake through its adapter. Each test is named after
/// its invariant and is virtual: a platform's test class overrides one only to skip it, with the reason ("does not apply: …" or
/// "fails today: …"), never to change it.
/// </summary>
/// <typeparam name="TFixture">The platform's adapter.</typeparam>
public abstract class PlatformContractTests<TFixture>(TFixture adapter) : IClassFixture<TFixture>
    where TFixture : PlatformContractFixture
{
    // A safety net, not a timing assumption: a call that waits on the fake clock forever fails the test instead of hanging the run.
    private static readonly TimeSpan Hung = TimeSpan.FromMinutes(1);

    protected TFixture Adapter { get; } = adapter;

    [Fact]
    public virtual async Task Registration_IsOneDiCall()
    {
        var time = new FakeTimeProvider(PlatformContractFixture.Start);
        await using var fake = Adapter.CreateFake(time);

        Assert.Single(Adapter.Registration(fake, null, brokenSecret: false));

        // Nothing but AddPlatformSdk() and that one call: the client resolves, validation passes and a read goes through.
        await using var session = await Adapter.StartAsync(new ContractSetup { Bare = true });
        // Untuned, the platform's default rate limit applies, on the injected clock: the set-up's calls spent the tenant's
        // permit, and the next one is due when the fake clock says so.
        session.Time.Advance(TimeSpan.FromSeconds(1));
        await Read(session);
        Assert.Single(session.CallsTo(ContractRoute.Read));
    }

    [Fact]
    public virtual async Task Registration_ValidatesAtStart_AndSendsNothing()
    {
        var time = new FakeTimeProvider(PlatformContractFixture.Start);
        await using var fake = Adapter.CreateFake(time);
        var services = new ServiceCollection();
        var builder = services.AddPlatformSdk().UseTimeProvider(time);
        foreach (var register in Adapter.Registration(fake, null, brokenSecret: true))
        {
            register(builder);
        }

        await using var provider = services.BuildServiceProvider();
        var failures = StartupFailures(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(failures, f => f.Contains(Adapter.SecretSetting, StringComparison.Ordinal));
        Assert.Empty(fake.Journal.Entries);
    }

    [Fact]
    public virtual async Task ConfigurationSection_CannotSetTheCodeOnlyEndpointOverride()
    {
        var time = new FakeTimeProvider(PlatformContractFixture.Start);
        await using var fake = Adapter.CreateFake(time);

        // The same section without the override starts: the refusal is about the override alone.
        StartFromConfiguration(time, Adapter.Configuration(fake));
        var withOverride = new Dictionary<string, string?>(Adapter.Configuration(fake));
        foreach (var (key, value) in Adapter.EndpointsOverrideConfiguration(fake))
        {
            withOverride[key] = value;
        }

        var failures = StartupFailures(() => StartFromConfiguration(time, withOverride));

        Assert.Contains(failures, f => f.Contains("EndpointsOverride", StringComparison.Ordinal) && f.Contains("cannot be set from configuration", StringComparison.Ordinal));
        Assert.Empty(fake.Journal.Entries);
    }

    [Fact]
    public virtual async Task Read_IsRetriedOn503_AndSucceeds()
    {
        await using var s = await Adapter.StartAsync();
        s.Fake.Faults.For(Adapter.ReadRoute).Once(Fault.ServerError(503));

        await Read(s);

        var calls = s.CallsTo(ContractRoute.Read);
        Assert.Equal(2, calls.Count);
        Assert.Equal(503, calls[0].ResponseStatus);
        Assert.Equal(200, calls[1].ResponseStatus);
    }

    [Fact]
    public virtual async Task NonIdempotentWrite_That_Got503_IsNotResent_AndMayHaveBeenProcessed()
    {
        await using var s = await Adapter.StartAsync();
        s.Fake.Faults.For(Adapter.WriteRoute).Once(Fault.ServerError(503, processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Write(s));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(s.CallsTo(ContractRoute.Write));
    }

    [Fact]
    public virtual async Task NonIdempotentWrite_WhoseConnectionDroppedAfterApplying_IsNotResent_AndMayHaveBeenProcessed()
    {
        await using var s = await Adapter.StartAsync();
        s.Fake.Faults.For(Adapter.WriteRoute).Once(Fault.DropConnection(processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Write(s));

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(ErrorCategory.Transient, ex.Category);
        var call = Assert.Single(s.CallsTo(ContractRoute.Write));
        Assert.True(call.Processed);
    }

    [Fact]
    public virtual async Task NonIdempotentWrite_WhoseReplyIsSlowerThanTheAttemptTimeout_IsNotResent_AndMayHaveBeenProcessed()
    {
        var attemptTimeout = TimeSpan.FromSeconds(5);
        await using var s = await Adapter.StartAsync(new ContractSetup
        {
            Resilience = o =>
            {
                o.AttemptTimeout = attemptTimeout;
                o.TotalTimeout = TimeSpan.FromMinutes(1);
            },
        });
        s.Fake.Faults.For(Adapter.WriteRoute).Once(Fault.Delay(TimeSpan.FromMinutes(10)));

        var write = Write(s);
        // The fake journals the request before it starts holding the reply: from then on the attempt's timer runs on the fake clock.
        for (var seen = s.Fake.Journal.Count + 1; s.CallsTo(ContractRoute.Write).Count == 0; seen++)
        {
            await s.Fake.Journal.WaitForCountAsync(seen).WaitAsync(Hung);
        }

        s.Time.Advance(attemptTimeout + TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<PlatformException>(() => write);

        Assert.Equal(PlatformErrorCodes.Timeout, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(s.CallsTo(ContractRoute.Write));
        s.Time.Advance(TimeSpan.FromMinutes(10)); // lets the fake finish the held reply before it stops
    }

    [Fact]
    public virtual async Task Write_RefusedByValidation_SendsNothing()
    {
        await using var s = await Adapter.StartAsync();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => InvalidWrite(s));

        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Empty(s.Fake.Journal.Entries);
    }

    [Fact]
    public virtual async Task Redirect_IsNotFollowed_AndWriteMayHaveBeenProcessed()
    {
        await using var s = await Adapter.StartAsync();
        Adapter.Mangle(s, ContractRoute.Write, ReplyMangle.Redirect);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Write(s));

        Assert.Equal(0, Adapter.PendingMangles(s));
        Assert.Equal(PlatformErrorCodes.Redirect, ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Equal(0, s.Tamper.Landed);
    }

    [Fact]
    public virtual async Task ReplyLargerThanMaxResponseBytes_FailsWith_ResponseTooLarge()
    {
        await using var s = await Adapter.StartAsync(new ContractSetup { Resilience = o => o.MaxResponseBytes = 16 * 1024 });
        Adapter.Mangle(s, ContractRoute.Read, ReplyMangle.Oversized);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Read(s));

        Assert.Equal(0, Adapter.PendingMangles(s));
        Assert.Equal(PlatformErrorCodes.ResponseTooLarge, ex.ErrorCode);
        Assert.Single(s.CallsTo(ContractRoute.Read));
    }

    [Fact]
    public virtual async Task Utf8BomBeforeValidJson_IsAccepted()
    {
        await using var s = await Adapter.StartAsync();
        Adapter.Mangle(s, ContractRoute.Read, ReplyMangle.ByteOrderMark);

        await Read(s);

        Assert.Equal(0, Adapter.PendingMangles(s));
        // Accepted on the first attempt, not rescued by a retry.
        Assert.Single(s.CallsTo(ContractRoute.Read));
    }

    [Fact]
    public virtual async Task TrailingBytesAfterJson_AreAMalformedReply()
    {
        await using var s = await Adapter.StartAsync(new ContractSetup { Resilience = o => o.MaxRetries = 1 });
        Adapter.Mangle(s, ContractRoute.Read, ReplyMangle.TrailingBytes, count: 2);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Read(s));

        Assert.Equal(0, Adapter.PendingMangles(s));
        Assert.Equal(PlatformErrorCodes.MalformedResponse, ex.ErrorCode);
        Assert.Equal(2, s.CallsTo(ContractRoute.Read).Count);
    }

    [Fact]
    public virtual async Task Secrets_NeverAppear_InExceptionMessagesOrLogs()
    {
        await using var s = await Adapter.StartAsync();
        var texts = new List<string>();
        s.Fake.Faults.For(Adapter.ReadRoute).Once(Fault.ServerError(503));
        await Read(s);
        s.Fake.Faults.For(Adapter.WriteRoute).Once(Fault.ServerError(503, processRequest: true));
        texts.Add((await Assert.ThrowsAsync<PlatformException>(() => Write(s))).ToString());
        s.Fake.Faults.For(Adapter.ReadRoute).Always(Fault.MalformedBody());
        texts.Add((await Assert.ThrowsAnyAsync<PlatformException>(() => Read(s))).ToString());
        texts.Add((await Assert.ThrowsAsync<PlatformValidationException>(() => InvalidWrite(s))).ToString());
        texts.AddRange(s.Logs.Entries);

        var secrets = Adapter.Secrets(s).Where(x => !string.IsNullOrEmpty(x)).Distinct().ToArray();
        Assert.True(secrets.Length >= 4, "the session must have signed requests");
        Assert.NotEmpty(s.Logs.Entries);
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a secret appears in: {text}");
            }
        }
    }

    [Fact]
    public virtual async Task EveryAttempt_CarriesAFreshTimestampAndSignature()
    {
        await using var s = await Adapter.StartAsync(new ContractSetup { StepClockPerAttempt = true });
        s.Fake.Faults.For(Adapter.ReadRoute).Next(2, Fault.ServerError(503));

        await Read(s);

        var stamps = s.CallsTo(ContractRoute.Read).Select(Adapter.StampOf).ToArray();
        Assert.Equal(3, stamps.Length);
        Assert.Equal(3, stamps.Select(x => x.Timestamp).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(3, stamps.Select(x => x.Signature).Distinct(StringComparer.Ordinal).Count());
    }

    protected Task Read(ContractSession s, string? tenant = null) => Adapter.ReadAsync(s, tenant).WaitAsync(Hung);

    private Task Write(ContractSession s) => Adapter.WriteAsync(s).WaitAsync(Hung);

    private Task InvalidWrite(ContractSession s) => Adapter.InvalidWriteAsync(s).WaitAsync(Hung);

    private void StartFromConfiguration(FakeTimeProvider time, IDictionary<string, string?> values)
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(values.Select(p => new KeyValuePair<string, string?>("PlatformSdk:" + p.Key, p.Value))).Build().GetSection("PlatformSdk");
        var services = new ServiceCollection();
        Adapter.RegisterFromConfiguration(services.AddPlatformSdk().UseTimeProvider(time), section);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static string[] StartupFailures(Action start)
    {
        var ex = Assert.ThrowsAny<Exception>(start);
        var failures = (ex is AggregateException aggregate ? aggregate.InnerExceptions : (IEnumerable<Exception>)[ex])
            .Select(e => Assert.IsType<OptionsValidationException>(e))
            .SelectMany(e => e.Failures)
            .ToArray();
        Assert.NotEmpty(failures);
        return failures;
    }
}

/// <summary>
/// The contract of platforms that register named tenants (several companies or apps in one process): each tenant keeps its own
/// resilience settings. Platforms with one app per process and tenants chosen per call (1688 shops, TOP sellers) do not take it.
/// </summary>
/// <typeparam name="TFixture">The platform's adapter.</typeparam>
public abstract class NamedTenantContractTests<TFixture>(TFixture adapter) : PlatformContractTests<TFixture>(adapter)
    where TFixture : PlatformContractFixture
{
    [Fact]
    public async Task NamedTenants_KeepTheirOwnResilienceSettings()
    {
        await using var s = await Adapter.StartAsync(new ContractSetup
        {
            NamedTenants = new Dictionary<string, Action<PlatformSdk.Http.PlatformResilienceOptions>>
            {
                ["no-retries"] = o => o.MaxRetries = 0,
                ["three-retries"] = o => o.MaxRetries = 3,
            },
        });
        s.Fake.Faults.For(Adapter.ReadRoute).Always(Fault.ServerError(503));

        await Assert.ThrowsAsync<PlatformException>(() => Read(s, "no-retries"));
        var first = s.CallsTo(ContractRoute.Read).Count;
        await Assert.ThrowsAsync<PlatformException>(() => Read(s, "three-retries"));
        var second = s.CallsTo(ContractRoute.Read).Count - first;

        Assert.Equal(1, first);
        Assert.Equal(4, second);
    }
}
