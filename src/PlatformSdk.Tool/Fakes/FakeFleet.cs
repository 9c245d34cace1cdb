using System.Text.Json.Nodes;
using PlatformSdk.Testing;
using PlatformSdk.Testing.Alibaba1688;
using PlatformSdk.Testing.Jushuitan;
using PlatformSdk.Testing.Top;

namespace PlatformSdk.Tool.Fakes;

/// <summary>The fakes one <c>fakes serve</c> runs, each on its own loopback port, by platform name.</summary>
internal sealed class FakeFleet : IDisposable
{
    public const string Jushuitan = "jushuitan";
    public const string Alibaba1688 = "1688";
    public const string Top = "top";
    public const string TmallGlobalDirect = "tmall-global-direct";

    public static readonly string[] Platforms = [Jushuitan, Alibaba1688, Top, TmallGlobalDirect];

    private readonly FakeJushuitanServer? _jushuitan;
    private readonly Fake1688Server? _alibaba;
    private readonly FakeTopServer? _top;
    private readonly string[] _platforms;

    public FakeFleet(IReadOnlyCollection<string> platforms, FakeSeed seed)
    {
        _platforms = [.. Platforms.Where(platforms.Contains)];
        try
        {
            _jushuitan = platforms.Contains(Jushuitan) ? new FakeJushuitanServer(seed.Jushuitan) : null;
            _alibaba = platforms.Contains(Alibaba1688) ? new Fake1688Server(seed.Alibaba1688) : null;
            if (platforms.Contains(Top) || platforms.Contains(TmallGlobalDirect))
            {
                // Tmall Global direct supply is a module of the TOP router, not a server of its own: both names are this one fake.
                _top = new FakeTopServer(seed.Top);
                _ = _top.Logistics;
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<string> Names => _platforms;

    /// <summary>The fake serving a platform name (top and tmall-global-direct are the same server), or null when not running.</summary>
    public FakePlatformServer? Find(string platform) => platform switch
    {
        Jushuitan => _jushuitan,
        Alibaba1688 => _alibaba,
        Top or TmallGlobalDirect when _platforms.Contains(platform) => _top,
        _ => null,
    };

    public Fake1688Server? Alibaba => _alibaba;

    public void Reset(string platform)
    {
        switch (Find(platform))
        {
            case FakeJushuitanServer jushuitan: jushuitan.Reset(); break;
            case Fake1688Server alibaba: alibaba.Reset(); break;
            case FakeTopServer top: top.Reset(); break;
        }
    }

    /// <summary>What a client needs: base URL, endpoints and the credentials the fake accepts.</summary>
    public JsonObject Describe(string platform)
    {
        var described = new JsonObject { ["platform"] = platform };
        switch (Find(platform))
        {
            case FakeJushuitanServer j:
                described["baseUrl"] = j.Url;
                described["urls"] = new JsonObject { ["openApi"] = j.OpenApiUrl.AbsoluteUri, ["legacy"] = j.LegacyUrl.AbsoluteUri };
                described["environment"] = j.Environment.ToString();
                described["credentials"] = new JsonObject
                {
                    ["appKey"] = j.AppKey,
                    ["appSecret"] = j.AppSecret,
                    ["accessToken"] = j.AccessToken,
                    ["refreshToken"] = j.RefreshToken,
                    ["partnerId"] = j.PartnerId,
                    ["partnerKey"] = j.PartnerKey,
                    ["token"] = j.LegacyToken,
                    ["companyId"] = j.CompanyId,
                };
                described["shops"] = new JsonArray([.. j.Shops.Select(s => (JsonNode?)new JsonObject { ["shopId"] = s.ShopId, ["nick"] = s.Nick, ["companyId"] = s.CompanyId })]);
                break;
            case Fake1688Server a:
                described["baseUrl"] = a.Url;
                described["urls"] = new JsonObject { ["gateway"] = a.GatewayUrl.AbsoluteUri, ["token"] = a.TokenUrl.AbsoluteUri, ["authorize"] = a.AuthorizeUrl.AbsoluteUri };
                described["credentials"] = new JsonObject { ["appKey"] = a.AppKey, ["appSecret"] = a.AppSecret };
                described["shops"] = new JsonArray([.. a.Shops.Select(s => (JsonNode?)new JsonObject { ["memberId"] = s.MemberId, ["loginId"] = s.LoginId, ["subscribed"] = s.Subscribed })]);
                break;
            case FakeTopServer t:
                described["baseUrl"] = t.Url;
                described["urls"] = new JsonObject { ["router"] = t.RouterUrl.AbsoluteUri };
                described["credentials"] = new JsonObject { ["appKey"] = t.AppKey, ["appSecret"] = t.AppSecret };
                described["sellers"] = new JsonArray([.. t.Sellers.Select(s => (JsonNode?)new JsonObject { ["nick"] = s.Nick, ["sellerId"] = s.SellerId, ["session"] = s.Session })]);
                described["modules"] = new JsonArray([.. t.Modules.Select(m => (JsonNode?)m.GetType().Name)]);
                break;
        }

        return described;
    }

    public void Dispose()
    {
        _jushuitan?.Dispose();
        _alibaba?.Dispose();
        _top?.Dispose();
    }
}
