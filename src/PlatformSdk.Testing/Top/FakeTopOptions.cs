using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Testing.Top;

/// <summary>Options of <see cref="FakeTopServer"/>.</summary>
public sealed class FakeTopOptions
{
    /// <summary>The default accepted <c>app_key</c>.</summary>
    public const string DefaultAppKey = "12345678";

    /// <summary>The default app secret (the one of the official signature example V-TOP-1).</summary>
    public const string DefaultAppSecret = "helloworld";

    /// <summary>The accepted <c>app_key</c>; any other answers code 29 <c>Invalid app Key</c>.</summary>
    public string AppKey { get; set; } = DefaultAppKey;

    /// <summary>The app secret signatures are verified with.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string AppSecret { get; set; } = DefaultAppSecret;

    /// <summary>
    /// The authorized sellers and their <c>session</c> values. By default the two sellers of <see cref="FakeTopSeed"/>; set an empty
    /// list to start without sellers and add them with <see cref="FakeTopServer.AddSeller"/>.
    /// </summary>
    public IList<FakeTopSeller> Sellers { get; } = [FakeTopSeed.MainSeller, FakeTopSeed.OtherSeller];

    /// <summary>How far the <c>timestamp</c> may be from the fake's clock (TOP documents 10 minutes).</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The <c>N</c> in "This ban will last for N more seconds" of the throttle fault (code 7).</summary>
    public int ThrottleBanSeconds { get; set; } = 1;

    /// <summary>
    /// Whether the success wrapper keeps the <c>taobao.</c> prefix (<c>taobao_vmarket_eticket_send_response</c>). Off by default:
    /// real TOP replies drop it (<c>taobao.trades.sold.get</c> answers <c>trades_sold_get_response</c>).
    /// </summary>
    public bool KeepTaobaoPrefixInResponseName { get; set; }

    /// <summary>Throws when the options cannot work.</summary>
    /// <exception cref="ArgumentException">A value is empty, duplicated or out of range.</exception>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(AppKey);
        ArgumentException.ThrowIfNullOrEmpty(AppSecret);
        ArgumentOutOfRangeException.ThrowIfLessThan(TimestampTolerance, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegative(ThrottleBanSeconds);
        var nicks = new HashSet<string>(StringComparer.Ordinal);
        var sessions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var seller in Sellers)
        {
            ArgumentNullException.ThrowIfNull(seller);
            ArgumentException.ThrowIfNullOrEmpty(seller.Nick);
            ArgumentException.ThrowIfNullOrEmpty(seller.Session);
            if (!nicks.Add(seller.Nick) || !sessions.Add(seller.Session))
            {
                throw new ArgumentException("Seller nicks and sessions must be unique: " + seller.Nick, nameof(Sellers));
            }
        }
    }
}

/// <summary>A seller (卖家) that authorized the app: its nick, numeric id and current <c>session</c> (the OAuth access token).</summary>
/// <param name="Nick">The seller nick, used by the hooks to name the seller.</param>
/// <param name="SellerId">The numeric seller id (<c>seller_id</c> of <c>tasks.get</c>).</param>
/// <param name="Session">The session value the seller's calls must carry.</param>
public sealed record FakeTopSeller(string Nick, long SellerId, string Session);

/// <summary>The sellers the fake starts with by default.</summary>
public static class FakeTopSeed
{
    /// <summary>The main seller: the shop whose voucher orders the tests issue.</summary>
    public static readonly FakeTopSeller MainSeller = new("fake_voucher_shop", 2200000001, "6100a1fakesessionmain");

    /// <summary>A second seller, to show that one seller's session cannot reach another seller's orders.</summary>
    public static readonly FakeTopSeller OtherSeller = new("fake_other_shop", 2200000002, "6100b2fakesessionother");
}
