using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Inbox.Sqlite;

namespace PlatformSdk.Inbox.Tests;

public sealed class InboxServiceCollectionExtensionsTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "platformsdk-inbox-di-" + Guid.NewGuid().ToString("N") + ".db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task AddSqlitePushInbox_registers_one_singleton_inbox_on_the_registered_clock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddPlatformSdk().UseTimeProvider(time).AddSqlitePushInbox(o => o.Path = _path);
        await using var provider = services.BuildServiceProvider();

        var inbox = provider.GetRequiredService<IPushInbox>();
        Assert.Same(inbox, provider.GetRequiredService<IPushInbox>());
        Assert.IsType<SqlitePushInbox>(inbox);
        await inbox.StoreAsync(new InboxPush { Source = "S", Kind = "k", DeduplicationKey = "1", Body = new byte[] { 1 }, ReceivedAt = time.GetUtcNow() });
        var leased = Assert.Single(await inbox.LeaseAsync(1, TimeSpan.FromMinutes(1)));
        Assert.Equal(time.GetUtcNow() + TimeSpan.FromMinutes(1), leased.LeasedUntil);
    }

    [Fact]
    public void AddSqlitePushInbox_refuses_bad_options_at_start_naming_the_setting()
    {
        var services = new ServiceCollection();
        services.AddSqlitePushInbox(o => o.MaxDeliveries = 0);
        using var provider = services.BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains("Path", failure.Message, StringComparison.Ordinal);
    }
}
