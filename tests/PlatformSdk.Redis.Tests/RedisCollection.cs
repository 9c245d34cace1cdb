using PlatformSdk.Tests.Shared.Redis;

namespace PlatformSdk.Redis.Tests;

/// <summary>
/// One Redis test server (REDIS_URL, else redis-server from PATH, else embedded Garnet) for every test class here; the
/// classes run one after another, so the multi-process tests do not compete with the others for the machine's cores.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisTestServerFixture>
{
    public const string Name = "redis";
}
