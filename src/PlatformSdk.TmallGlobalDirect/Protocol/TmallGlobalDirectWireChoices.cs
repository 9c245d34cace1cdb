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

    /// <summary>
    /// Whether the synchronous reply to a <c>consignorder.cancel</c> push carries the intercept decision (<c>success=false</c> once the
    /// order is released). UNCONFIRMED: no source says so. Reading A (this value, <see langword="false"/>): the reply acknowledges
    /// receipt only, as S-seeease does, and the decision goes back through <c>consignorder.cancel.feedback</c>. Reading B
    /// (<see langword="true"/>): the push reply itself answers the decision; the feedback is still sent.
    /// </summary>
    public const bool CancelPushReplyCarriesDecision = false;

    /// <summary>
    /// Whether a return inbound report must cover the whole return (RTGD-05: "partial reports are not accepted"). The rule says so;
    /// the wire does not: <c>instorage.feedback</c> has <c>actual_lack_quantity</c>, so the schema could express a short receipt.
    /// UNCONFIRMED on the wire; while true a short report is refused before it is sent.
    /// </summary>
    public const bool ReturnInboundMustBeFull = true;

    /// <summary>
    /// <c>whole_sheet_consigned</c> is sent as the JSON boolean <c>true</c> on every shipment ("目前只支持履约单整单发货回传").
    /// UNCONFIRMED: the type of the field (Boolean or text) is not in the metadata dumped.
    /// </summary>
    public const bool WholeSheetConsigned = true;

    /// <summary>
    /// The property of the success object holding the <c>ResultWrapper</c>, per API (S-OT: <c>consignorder_ship_response</c>,
    /// <c>consignorder_cancel_feedback_response</c>, <c>aic_inventory_publish_response</c>). The others are UNCONFIRMED: a reply is
    /// read from the named property, else from <c>result</c>, else from the one object property that has <c>success</c>, else from
    /// the success object itself.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ResultWrapperNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["alibaba.ascp.uop.supplier.consignorder.notify.received"] = "consignorder_notify_received_response",
        ["alibaba.ascp.uop.supplier.consignorder.ship"] = "consignorder_ship_response",
        ["alibaba.ascp.uop.supplier.consignorder.cancel.feedback"] = "consignorder_cancel_feedback_response",
        ["alibaba.ascp.uop.supplier.consignorder.outofstock.callback"] = "consignorder_outofstock_callback_response",
        ["alibaba.ascp.uop.supplier.consignorder.notify.tms.change"] = "modify_mail_no_response",
        ["alibaba.ascp.uop.supplier.reverseorder.instorage.feedback"] = "instorage_feedback_response",
        ["alibaba.ascp.aic.supplier.aicinventory.publish"] = "aic_inventory_publish_response",
    };

    /// <summary>The carrier codes of <c>taobao.logistics.companies.get</c> are short upper-case words (<c>SF</c>, <c>YUNDA</c>, <c>ZTO</c>); the SDK accepts letters, digits, <c>_</c> and <c>-</c>, 1 to 32 characters.</summary>
    public const int MaxCarrierCodeLength = 32;

    /// <summary>The fragment of the platform's refusal of a stock total below what it has reserved (RTGD-09).</summary>
    public const string InsufficientSellableStockMessage = "可售库存不足";
}
