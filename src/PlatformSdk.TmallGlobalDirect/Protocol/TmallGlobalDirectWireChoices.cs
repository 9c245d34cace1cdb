namespace PlatformSdk.TmallGlobalDirect.Protocol;

/// <summary>
/// Every wire choice of the push receiver that no primary source settles (docs/protocols/tmall-global-direct.md marks them
/// UNCONFIRMED). One place, so a correction from the official pages is one edit.
/// </summary>
internal static class TmallGlobalDirectWireChoices
{
    /// <summary>The inbox source name of every push this package stores.</summary>
    public const string InboxSource = "TmallGlobalDirect";

    /// <summary>
    /// The HTTP status of every reply, failures included. UNCONFIRMED: no source says whether Qimen reads the body of a non-200
    /// reply; S-seeease answers 200 with <c>success=false</c>, so the decision is carried by the body, never by the status.
    /// </summary>
    public const int ReplyStatusCode = 200;

    /// <summary>
    /// <c>errorCode</c> of a success reply. UNCONFIRMED: the sources define no success code; S-seeease (a production supplier ERP)
    /// answers <c>200</c>, which the platform evidently accepts.
    /// </summary>
    public const string SuccessCode = "200";

    /// <summary><c>errorMsg</c> of a success reply (free text; no source defines one).</summary>
    public const string SuccessMessage = "received";

    /// <summary>The code of a push whose signature does not match (S-qmspi: <c>sign-check-failure</c>).</summary>
    public const string SignCheckFailureCode = "sign-check-failure";

    /// <summary>The message of a push whose signature does not match (S-qmspi: <c>Illegal request</c>).</summary>
    public const string SignCheckFailureMessage = "Illegal request";

    /// <summary>The code of a push whose timestamp is outside the window (our own; no source defines one).</summary>
    public const string StaleTimestampCode = "timestamp-out-of-window";

    /// <summary>The code of a push refused before verification because of its size (our own).</summary>
    public const string BodyTooLargeCode = "body-too-large";

    /// <summary>The code of a push that is not a well-formed Qimen request (charset, encoding, duplicate parameter, verb; our own).</summary>
    public const string InvalidRequestCode = "invalid-request";

    /// <summary>The code of an authentic push whose method this receiver does not handle (our own).</summary>
    public const string UnknownMethodCode = "unknown-method";

    /// <summary>The code of an authentic push whose body cannot be read (our own).</summary>
    public const string InvalidBodyCode = "invalid-body";

    /// <summary>The code of an authentic push for another supplier than the configured one (our own).</summary>
    public const string SupplierMismatchCode = "supplier-mismatch";

    /// <summary>The code of a push that could not be stored (our own); sent with <c>retry=true</c>.</summary>
    public const string InboxUnavailableCode = "inbox-unavailable";

    /// <summary>
    /// The reply's format follows the push's <c>format</c>: XML <c>&lt;response&gt;…&lt;/response&gt;</c> for XML, and for JSON
    /// <c>{"response":{…}}</c> with the same four fields. UNCONFIRMED: only the XML reply is documented (S-ascp-cancel); the JSON
    /// wrapper follows the standard Qimen JSON replies.
    /// </summary>
    public const bool ReplyInPushFormat = true;

    /// <summary>
    /// A JSON push body may be wrapped in <c>{"request":{…}}</c> or be the request object itself. UNCONFIRMED: no source shows an
    /// ASCP JSON push; both are read.
    /// </summary>
    public const string JsonRequestWrapper = "request";

    /// <summary>The deepest XML or JSON nesting read (an order push nests four levels); deeper input is refused.</summary>
    public const int MaxBodyDepth = 32;

    /// <summary>
    /// The line items' element names: <c>orderItems</c> holding <c>orderItem</c> elements (S-seeease). The trade order id is spelled
    /// <c>tradeOrerId</c> there (sic); the correct spelling <c>tradeOrderId</c> is read too.
    /// </summary>
    public static readonly string[] TradeOrderIdNames = ["tradeOrerId", "tradeOrderId"];
}
