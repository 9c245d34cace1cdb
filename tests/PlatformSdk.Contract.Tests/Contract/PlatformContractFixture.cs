using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Http;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Logging;

namespace PlatformSdk.Contract.Tests.Contract;

/// <summary>Which of the adapter's two calls a fault or an observation is about.</summary>
public enum ContractRoute
{
    /// <summary>The adapter's read (an <c>OperationIdempotency.Read</c> operation).</summary>
    Read,

    /// <summary>The adapter's write (an <c>OperationIdempotency.NonIdempotentWrite</c> operation).</summary>
    Write,
}

/// <summary>How a contract session is wired beyond the platform's own registration.</summary>
public sealed class ContractSetup
{
    /// <summary>
    /// Only the platform's registration calls, nothing of the harness (no fast resilience, no per-attempt handler, no log capture):
    /// proves the registration alone is enough.
    /// </summary>
    public bool Bare { get; init; }

    /// <summary>Applied to every tenant's resilience settings after the harness defaults (no backoff, no client rate limit).</summary>
    public Action<PlatformResilienceOptions>? Resilience { get; init; }

    /// <summary>Named tenants to register besides the default one, each with its own resilience settings.</summary>
    public IReadOnlyDictionary<string, Action<PlatformResilienceOptions>> NamedTenants { get; init; } = new Dictionary<string, Action<PlatformResilienceOptions>>();

    /// <summary>Advance the shared fake clock by one second after every attempt (so timestamps must change between attempts).</summary>
    public bool StepClockPerAttempt { get; init; }
}

/// <summary>
/// A platform's adapter to the shared contract (<see cref="PlatformContractTests{TFixture}"/>): how to start its fake, how a user
/// registers it against that fake, and one read and one non-idempotent write. Stateless; each test starts its own
/// <see cref="ContractSession"/>. Contract items that cannot apply to a platform are skipped in its test class, with the reason.
/// </summary>
public abstract class PlatformContractFixture
{
    /// <summary>The clock's start: 10:00 in China, far from midnight.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(8));

    /// <summary>The pipeline's platform name (HTTP client, resilience options, <c>AddPolicy</c>).</summary>
    public abstract string Platform { get; }

    /// <summary>The fake's route of the read.</summary>
    public abstract string ReadRoute { get; }

    /// <summary>The fake's route of the write.</summary>
    public abstract string WriteRoute { get; }

    /// <summary>The setting <see cref="Registration"/> breaks when asked to, as the startup error names it.</summary>
    public abstract string SecretSetting { get; }

    /// <summary>Starts the platform's fake on the shared clock.</summary>
    /// <param name="time">The clock.</param>
    /// <returns>The fake.</returns>
    public abstract FakePlatformServer CreateFake(FakeTimeProvider time);

    /// <summary>
    /// The public registration calls a user makes for one tenant, pointed at the fake (the contract: there is one). With
    /// <paramref name="brokenSecret"/> the app secret gets a leading space, which validation must refuse at start.
    /// </summary>
    /// <param name="fake">The fake.</param>
    /// <param name="tenant">The tenant name, or <see langword="null"/> for the default tenant.</param>
    /// <param name="brokenSecret">Whether to break <see cref="SecretSetting"/>.</param>
    /// <returns>The calls, in order.</returns>
    public abstract IReadOnlyList<Action<IPlatformSdkBuilder>> Registration(FakePlatformServer fake, string? tenant, bool brokenSecret);

    /// <summary>The registration from a configuration section (the package's section overload).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="section">The section.</param>
    public abstract void RegisterFromConfiguration(IPlatformSdkBuilder builder, IConfiguration section);

    /// <summary>A valid configuration section for the fake's credentials (keys relative to the section).</summary>
    /// <param name="fake">The fake.</param>
    /// <returns>The keys and values.</returns>
    public abstract IDictionary<string, string?> Configuration(FakePlatformServer fake);

    /// <summary>The code-only endpoint override, written as configuration keys pointing at the fake.</summary>
    /// <param name="fake">The fake.</param>
    /// <returns>The keys and values.</returns>
    public abstract IDictionary<string, string?> EndpointsOverrideConfiguration(FakePlatformServer fake);

    /// <summary>Whatever the read and write need on the platform first (an authorized shop, an order to cancel); runs before the journal is cleared.</summary>
    /// <param name="session">The session.</param>
    /// <returns>A task.</returns>
    public virtual Task PrepareAsync(ContractSession session) => Task.CompletedTask;

    /// <summary>Issues the read.</summary>
    /// <param name="session">The session.</param>
    /// <param name="tenant">A named tenant, or <see langword="null"/> for the default one.</param>
    /// <returns>A task that fails with the SDK's exception.</returns>
    public abstract Task ReadAsync(ContractSession session, string? tenant = null);

    /// <summary>Issues the non-idempotent write (a new business key each time).</summary>
    /// <param name="session">The session.</param>
    /// <returns>A task that fails with the SDK's exception.</returns>
    public abstract Task WriteAsync(ContractSession session);

    /// <summary>Issues a write the SDK's own validation refuses.</summary>
    /// <param name="session">The session.</param>
    /// <returns>A task that fails with a <c>PlatformValidationException</c>.</returns>
    public abstract Task InvalidWriteAsync(ContractSession session);

    /// <summary>The timestamp and signature one attempt carried.</summary>
    /// <param name="entry">The fake's journal entry.</param>
    /// <returns>Both, as sent.</returns>
    public abstract (string Timestamp, string Signature) StampOf(FakeJournalEntry entry);

    /// <summary>Every secret of the session: app secret, tokens, sessions, and each signature sent.</summary>
    /// <param name="session">The session.</param>
    /// <returns>The secrets.</returns>
    public abstract IEnumerable<string> Secrets(ContractSession session);

    /// <summary>Damages the next <paramref name="count"/> replies of a route; by default with <see cref="ReplyTamper"/>.</summary>
    /// <param name="session">The session.</param>
    /// <param name="route">The route.</param>
    /// <param name="mangle">The damage.</param>
    /// <param name="count">How many replies.</param>
    public virtual void Mangle(ContractSession session, ContractRoute route, ReplyMangle mangle, int count = 1)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Tamper.Add(request => Matches(request, route), mangle, count);
    }

    /// <summary>How many damaged replies <see cref="Mangle"/> queued are still to be delivered (the tests check all were).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The count.</returns>
    public virtual int PendingMangles(ContractSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Tamper.Pending;
    }

    /// <summary>The fake's route name of a contract route.</summary>
    /// <param name="route">The route.</param>
    /// <returns>The name.</returns>
    public string RouteName(ContractRoute route) => route == ContractRoute.Read ? ReadRoute : WriteRoute;

    /// <summary>Starts a session: fake, services wired the user's way, prepared, journal cleared.</summary>
    /// <param name="setup">The setup, or <see langword="null"/> for the defaults.</param>
    /// <returns>The session.</returns>
    public async Task<ContractSession> StartAsync(ContractSetup? setup = null)
    {
        setup ??= new ContractSetup();
        var time = new FakeTimeProvider(Start);
        var fake = CreateFake(time);
        var logs = new CapturingLoggerProvider();
        var tamper = new ReplyTamper();
        var services = new ServiceCollection();
        var builder = services.AddPlatformSdk().UseTimeProvider(time);
        foreach (var register in Registration(fake, null, brokenSecret: false))
        {
            register(builder);
        }

        foreach (var tenant in setup.NamedTenants.Keys)
        {
            foreach (var register in Registration(fake, tenant, brokenSecret: false))
            {
                register(builder);
            }
        }

        if (!setup.Bare)
        {
            services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
            Tune(services, null, setup.Resilience);
            foreach (var (tenant, resilience) in setup.NamedTenants)
            {
                Tune(services, tenant, o =>
                {
                    setup.Resilience?.Invoke(o);
                    resilience(o);
                });
            }

            builder.AddPolicy(Platform, _ => tamper.CreateHandler());
            if (setup.StepClockPerAttempt)
            {
                tamper.AfterAttempt = () => time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var session = new ContractSession(this, time, fake, provider, logs, tamper);
        await PrepareAsync(session);
        fake.Journal.Clear();
        logs.Clear();
        return session;
    }

    private void Tune(IServiceCollection services, string? tenant, Action<PlatformResilienceOptions>? more)
        => services.Configure<PlatformResilienceOptions>(PlatformResilienceOptions.NameFor(Platform, tenant), o =>
        {
            // Deterministic: no backoff (delays would wait on the fake clock) and no client-side token bucket (it runs on real time).
            o.BaseDelay = TimeSpan.Zero;
            o.PermitsPerSecond = 0;
            more?.Invoke(o);
        });

    /// <summary>Whether a signed request belongs to a route (for <see cref="ReplyTamper"/>); by default every request does.</summary>
    /// <param name="request">The request.</param>
    /// <param name="route">The route.</param>
    /// <returns><see langword="true"/> when it belongs.</returns>
    protected virtual bool Matches(HttpRequestMessage request, ContractRoute route) => true;
}

/// <summary>One test's world: the fake, the clock, the services wired the user's way, captured logs and the reply tamper.</summary>
public sealed class ContractSession : IAsyncDisposable
{
    internal ContractSession(PlatformContractFixture adapter, FakeTimeProvider time, FakePlatformServer fake, ServiceProvider services, CapturingLoggerProvider logs, ReplyTamper tamper)
    {
        Adapter = adapter;
        Time = time;
        Fake = fake;
        Services = services;
        Logs = logs;
        Tamper = tamper;
    }

    /// <summary>The platform's adapter.</summary>
    public PlatformContractFixture Adapter { get; }

    /// <summary>The clock shared by the SDK and the fake.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The platform's fake.</summary>
    public FakePlatformServer Fake { get; }

    /// <summary>The services.</summary>
    public ServiceProvider Services { get; }

    /// <summary>Every log entry of the SDK at Trace level and above.</summary>
    public CapturingLoggerProvider Logs { get; }

    /// <summary>The reply tamper in the platform's pipeline.</summary>
    public ReplyTamper Tamper { get; }

    /// <summary>Adapter state (orders prepared, notices issued).</summary>
    public Dictionary<string, object> State { get; } = new(StringComparer.Ordinal);

    /// <summary>The fake's journal entries of a route.</summary>
    /// <param name="route">The route.</param>
    /// <returns>The entries.</returns>
    public IReadOnlyList<FakeJournalEntry> CallsTo(ContractRoute route) => Fake.CallsTo(Adapter.RouteName(route));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        Tamper.Dispose();
    }
}
