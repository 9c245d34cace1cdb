using System.Net.Http.Headers;
using System.Text;
using PlatformSdk.Top.Protocol;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Top.Qimen;

/// <summary>The body format of a Qimen call.</summary>
public enum QimenFormat
{
    /// <summary>XML rooted at <c>&lt;request&gt;</c> (the Qimen default).</summary>
    Xml = 0,

    /// <summary>JSON.</summary>
    Json = 1,
}

/// <summary>One outbound Qimen call (docs/protocols/taobao-top.md §7): system parameters in the query string, the business payload as the body.</summary>
public sealed class QimenCall
{
    /// <summary>Creates a call.</summary>
    /// <param name="method">The Qimen API, for example <c>taobao.qimen.entryorder.query</c>.</param>
    /// <param name="customerId">The receiving customer's routing id (<c>customerId</c>).</param>
    /// <param name="body">The exact body text that is sent and signed.</param>
    public QimenCall(string method, string customerId, string body)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(body);
        Method = method;
        CustomerId = customerId;
        Body = body;
    }

    /// <summary>The Qimen API name.</summary>
    public string Method { get; }

    /// <summary>The receiving customer's routing id.</summary>
    public string CustomerId { get; }

    /// <summary>The body text.</summary>
    public string Body { get; }

    /// <summary>The body format; also sent as <c>format</c>. Default XML.</summary>
    public QimenFormat Format { get; init; } = QimenFormat.Xml;

    /// <summary>The optional <c>session</c>.</summary>
    public string? Session { get; init; }

    /// <summary>The optional <c>target_app_key</c> (custom Qimen APIs).</summary>
    public string? TargetAppKey { get; init; }

    /// <summary>The optional <c>partner_id</c>.</summary>
    public string? PartnerId { get; init; }
}

/// <summary>Writes signed outbound Qimen requests (docs/protocols/taobao-top.md §7).</summary>
public static class QimenRequestWriter
{
    /// <summary>The signed query parameters of a call, <c>sign</c> last.</summary>
    /// <param name="call">The call.</param>
    /// <param name="appKey">The caller's app key.</param>
    /// <param name="appSecret">The caller's app secret.</param>
    /// <param name="now">The signing time (sent as GMT+8).</param>
    /// <returns>The parameters in sending order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildQuery(QimenCall call, string appKey, string appSecret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentException.ThrowIfNullOrWhiteSpace(appKey);
        ArgumentException.ThrowIfNullOrEmpty(appSecret);
        var query = new List<KeyValuePair<string, string>>
        {
            new(TopParameterNames.Method, call.Method),
            new(TopParameterNames.Timestamp, TopRequestSigner.FormatTimestamp(now)),
            new(TopParameterNames.Format, call.Format == QimenFormat.Json ? "json" : "xml"),
            new(TopParameterNames.AppKey, appKey),
            new(TopParameterNames.Version, TopWireChoices.ApiVersion),
            new(TopParameterNames.SignMethod, TopWireChoices.QimenSignMethod),
            new(TopParameterNames.CustomerId, call.CustomerId),
        };
        foreach (var (name, value) in new[]
        {
            (TopParameterNames.Session, call.Session),
            (TopParameterNames.TargetAppKey, call.TargetAppKey),
            (TopParameterNames.PartnerId, call.PartnerId),
        })
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add(new(name, value));
            }
        }

        var sign = TopSignature.SignQimen(appSecret, query.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)), call.Body);
        query.Add(new(TopParameterNames.Sign, sign));
        return query;
    }

    /// <summary>Writes the request: POST to <paramref name="endpoint"/> with the signed query string and the UTF-8 body.</summary>
    /// <param name="request">The request to fill.</param>
    /// <param name="endpoint">The Qimen router (<see cref="TopEndpoints.Qimen"/>, or a custom API host).</param>
    /// <param name="call">The call.</param>
    /// <param name="appKey">The caller's app key.</param>
    /// <param name="appSecret">The caller's app secret.</param>
    /// <param name="now">The signing time.</param>
    public static void Write(HttpRequestMessage request, Uri endpoint, QimenCall call, string appKey, string appSecret, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(endpoint);
        var query = BuildQuery(call, appKey, appSecret, now);
        var url = new StringBuilder(endpoint.AbsoluteUri);
        var separator = endpoint.AbsoluteUri.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        foreach (var (name, value) in query)
        {
            url.Append(separator).Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        request.Method = HttpMethod.Post;
        request.RequestUri = new Uri(url.ToString());
        request.Content?.Dispose();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(call.Body));
        content.Headers.ContentType = new MediaTypeHeaderValue(call.Format == QimenFormat.Json ? "application/json" : "text/xml") { CharSet = "utf-8" };
        request.Content = content;
    }
}
