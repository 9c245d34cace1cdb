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

    // ---- Own-mall pushes (RJST-05, doc §12). Single secondary source: every choice below is UNCONFIRMED. ----

    /// <summary>The <see cref="PlatformSdk.Inbox.InboxPush.Source"/> of every Jushuitan push. Doc §12.</summary>
    public const string PushInboxSource = "Jushuitan";

    /// <summary>The reply that acknowledges a push, byte for byte (the one fact the source gives). Doc §12.1.</summary>
    public const string PushSuccessReply = "{\"code\":0}";

    /// <summary>HTTP status of every reply, success or not: Jushuitan reads <c>code</c> in the body. UNCONFIRMED. Doc §12.1, §12.6 #P8.</summary>
    public const int PushReplyStatusCode = 200;

    /// <summary>Content-Type of every reply. Doc §12.1.</summary>
    public const string PushReplyContentType = "application/json; charset=utf-8";

    /// <summary>Names of the optional message-type field, first present wins; absent: the kind is inferred from <c>biz</c>. UNCONFIRMED. Doc §12.2, §12.6 #P3.</summary>
    public static readonly string[] PushKindFields = ["msg_type", "method"];

    /// <summary><c>biz</c> fields that mark a logistics (shipment) push when no message type is sent. UNCONFIRMED. Doc §12.3, §12.6 #P4.</summary>
    public static readonly string[] PushLogisticsMarkers = ["l_id", "lc_id", "logistics_company"];

    /// <summary><c>biz</c> fields that together mark an inventory push when no message type is sent. UNCONFIRMED. Doc §12.3, §12.6 #P4.</summary>
    public static readonly string[] PushInventoryMarkers = ["sku_id", "qty"];

    /// <summary>A 13-digit <c>timestamp</c> is read as Unix milliseconds (10 digits: seconds, the open API's unit). UNCONFIRMED. Doc §12.2, §12.6 #P5.</summary>
    public const bool PushTimestampAcceptsMilliseconds = true;

    /// <summary>
    /// Default window around now a push's <c>timestamp</c> must fall in: 48 hours, not the open API's 10 minutes, because it is
    /// unknown whether Jushuitan signs a redelivery again (doc §12.6 #P9): a narrow window would refuse an unchanged
    /// redelivery of an old push every time, and after ten attempts Jushuitan drops it, so an order's shipment would be lost.
    /// A replayed authentic push costs nothing, since the inbox stores each push once. UNCONFIRMED. Doc §12.2, §12.6 #P6.
    /// </summary>
    public static readonly TimeSpan PushTimestampTolerance = TimeSpan.FromHours(48);

    /// <summary>Default largest push body accepted: 1 MiB. SDK choice. Doc §12.2.</summary>
    public const int PushMaxBodyBytes = 1024 * 1024;

    /// <summary>
    /// An authentic push that cannot be handled (unknown kind, unreadable <c>biz</c>) is dead-lettered and answered with the
    /// success reply: it is kept, and a failure would only make Jushuitan redeliver the same bytes into the same failure ten
    /// times and then drop its own copy. SDK choice. Doc §12.4.
    /// </summary>
    public const bool PushAcknowledgeDeadLetters = true;

    /// <summary>Reply <c>code</c> for a missing or wrong <c>sign</c>; the open API's own signature code (doc §10). UNCONFIRMED. Doc §12.5.</summary>
    public const int PushSignFailureCode = 10;

    /// <summary>Reply <c>code</c> for an <c>app_key</c> that is missing or not this receiver's. SDK choice. Doc §12.5.</summary>
    public const int PushAppKeyMismatchCode = 11;

    /// <summary>Reply <c>code</c> for a body over the limit; the open API's "no or unreadable data" code. SDK choice. Doc §12.5.</summary>
    public const int PushBodyTooLargeCode = 130;

    /// <summary>Reply <c>code</c> for a request that is not a push (verb, missing fields, unreadable form); the open API's parameter code. SDK choice. Doc §12.5.</summary>
    public const int PushInvalidRequestCode = 140;

    /// <summary>Reply <c>code</c> when the inbox failed, so Jushuitan redelivers; the open API's internal-error code. SDK choice. Doc §12.5.</summary>
    public const int PushInboxUnavailableCode = 150;

    /// <summary>Reply <c>code</c> for a missing, unreadable or out-of-window <c>timestamp</c>; the open API's timestamp code. SDK choice. Doc §12.5.</summary>
    public const int PushStaleTimestampCode = 180;

    /// <summary>Inventory push: the warehouse field, first present wins. UNCONFIRMED. Doc §12.3, §12.6 #P7.</summary>
    public static readonly string[] PushWarehouseFields = ["wms_co_id", "warehouse_id"];

    /// <summary>Inventory push: the locked-quantity field, first present wins. UNCONFIRMED. Doc §12.3, §12.6 #P7.</summary>
    public static readonly string[] PushLockQuantityFields = ["lock_qty", "order_lock"];

    /// <summary>Inventory push: the change-time field, first present wins. UNCONFIRMED. Doc §12.3, §12.6 #P7.</summary>
    public static readonly string[] PushModifiedFields = ["modified", "ts"];
}
