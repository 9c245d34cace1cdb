namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>
/// Every wire-format choice the SDK made where the sources disagree or only one source exists
/// (docs/protocols/jushuitan.md marks them UNCONFIRMED). Change a choice here and nowhere else.
/// </summary>
internal static class JushuitanWireChoices
{
    /// <summary>Legacy Content-Type: sources disagree (S-csdn1 form, S-node JSON); the body is JSON either way. Doc §2, §11 #23.</summary>
    public const string LegacyContentType = "application/json";

    /// <summary>Open API upload sends <c>biz</c> as a JSON array, not <c>{"orders":[…]}</c>. Confirmed by three sources, kept switchable. Doc §7, §11 #5.</summary>
    public const bool UploadBizIsArray = true;

    /// <summary>Orders per upload call: 50 comes from one secondary source (S-ru). Doc §7, §11 #20.</summary>
    public const int UploadBatchSize = 50;

    /// <summary><c>remark</c> length: 150 (S-yz) vs 1000 (S-ieu); the stricter limit is enforced. Doc §7, §11 #21.</summary>
    public const int RemarkMaxLength = 150;

    /// <summary>Gifts are price-0 lines without <c>is_gift</c>: RJST-18 (domain rule) wins over the new doc's flag. Doc §7, §11 #24.</summary>
    public const bool SendIsGift = false;

    /// <summary>Client-side limit per tenant: 5 requests/s comes from S-ieu alone and depends on the permission package. Doc §10, §11 #16.</summary>
    public const double DefaultRequestsPerSecond = 5;

    /// <summary>Refresh an open API token this long before <c>expires_in</c> runs out; the real lifetime is unconfirmed. Doc §3, §11 #10.</summary>
    public static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromHours(24);

    /// <summary>When a list's known key is absent, read the first array-valued property instead. Doc §4 step 6, §11 #2.</summary>
    public const bool ListKeyFallback = true;

    /// <summary>Legacy upload per-order results: read <c>datas</c> at the top level or under <c>data</c> if present. Doc §7, §11 #7.</summary>
    public const bool LegacyUploadReadsDatas = true;

    /// <summary>Cancel by o_id: at most 50 o_ids per call (S-ieu). Doc §9.</summary>
    public const int CancelBatchSize = 50;

    /// <summary>Order query page size: at most 100 (S-ieu doc comments). Doc §9, §11 #19.</summary>
    public const int OrderPageSize = 100;

    /// <summary>Page size used for shops, warehouse partners and logistics companies; the doc gives no maximum for them. Doc §5.</summary>
    public const int ListPageSize = 100;

    /// <summary>The longest time range one order query accepts before sending: 366 days, 53 seven-day windows.</summary>
    public static readonly TimeSpan MaxQueryRange = TimeSpan.FromDays(366);

    /// <summary>The most pages one query reads before it stops with an error (a platform that says "more" forever must not page forever).</summary>
    public const int MaxPages = 10_000;

    /// <summary>At most 20 so_ids per order query (S-ieu). Doc §9.</summary>
    public const int QuerySoIdsPerCall = 20;

    /// <summary>The longest modified-time window one order query may span. Doc §9.</summary>
    public static readonly TimeSpan MaxQueryWindow = TimeSpan.FromDays(7);

    /// <summary>Legacy token lifetime assumed when none is configured or returned: it is then refreshed when rejected. Doc §2, §11 #12.</summary>
    public static readonly TimeSpan AssumedLegacyTokenLifetime = TimeSpan.FromDays(365);

    /// <summary>Open API <c>version</c> form field. Doc §3.</summary>
    public const string OpenApiVersion = "2";

    /// <summary>Open API <c>charset</c> form field; required and only utf-8 is accepted. Doc §3.</summary>
    public const string Charset = "utf-8";

    /// <summary>Open API request Content-Type. Doc §3.</summary>
    public const string OpenApiContentType = "application/x-www-form-urlencoded;charset=UTF-8";
}
