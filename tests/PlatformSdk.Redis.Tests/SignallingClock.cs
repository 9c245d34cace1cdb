using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that says when a timer was created: the Redis limiter starts its wait only after the
/// script answered over the network, so a test advances the clock once that wait exists, never before (which would leave
/// the wait due after the advance, forever).
/// </summary>
internal sealed class SignallingClock : TimeProvider
{
    private readonly Channel<bool> _created = Channel.CreateUnbounded<bool>();

    public SignallingClock(DateTimeOffset start) => Fake = new FakeTimeProvider(start);

    public FakeTimeProvider Fake { get; }

    public override long TimestampFrequency => Fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => Fake.LocalTimeZone;

    /// <summary>The fake time in µs since the Unix epoch, what the script's clock reads in tests.</summary>
    public long Microseconds => (Fake.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public override DateTimeOffset GetUtcNow() => Fake.GetUtcNow();

    public override long GetTimestamp() => Fake.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = Fake.CreateTimer(callback, state, dueTime, period);
        _created.Writer.TryWrite(true);
        return timer;
    }

    public void Advance(TimeSpan by) => Fake.Advance(by);

    /// <summary>Waits (bounded, in real time, as a guard against a hang) until a timer was created since the last call.</summary>
    public async Task TimerCreatedAsync()
    {
        try
        {
            await _created.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException("No wait was started on the clock.");
        }
    }
}
