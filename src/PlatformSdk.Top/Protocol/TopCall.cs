using PlatformSdk.Http;

namespace PlatformSdk.Top;

/// <summary>
/// One TOP API as a platform package defines it: the API name and whether repeating it is safe. Define one static instance
/// per API, for example <c>new TopOperation("taobao.eticket.merchant.ma.send", OperationIdempotency.IdempotentWrite)</c>.
/// </summary>
/// <param name="Method">The TOP API name (<c>method</c>).</param>
/// <param name="Idempotency">Whether repeating it is safe; decides which failures are retried.</param>
/// <param name="Platform">
/// The platform label of the package the API belongs to (for example <c>TaobaoVoucher</c>): errors, logs and metrics name it, and
/// TOP classifies the replies with the catalogue that package contributed (<c>AddTopCatalogue</c>). Default <c>Top</c>.
/// </param>
public sealed record TopOperation(string Method, OperationIdempotency Idempotency, string Platform = Errors.TopErrorCatalogue.Platform)
{
    /// <summary>The pipeline operation for this API.</summary>
    /// <returns>The operation with this API's platform label.</returns>
    public PlatformOperation ToPlatformOperation() => new(Platform, Method, Idempotency);
}

/// <summary>A file parameter (multipart upload). File parameters are never signed.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="FileName">The file name sent in the part header.</param>
/// <param name="Content">The file bytes.</param>
/// <param name="ContentType">The part's media type.</param>
public sealed record TopFileParameter(string Name, string FileName, ReadOnlyMemory<byte> Content, string ContentType = "application/octet-stream");

/// <summary>
/// The unsigned payload of one TOP call (<see cref="PlatformRequestContext.Payload"/>). The TOP request signer turns
/// it into a signed form POST on every attempt, with a fresh timestamp and the seller's current session.
/// </summary>
public sealed class TopCall
{
    /// <summary>Creates a call.</summary>
    /// <param name="method">The TOP API name.</param>
    public TopCall(string method)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        Method = method;
    }

    /// <summary>The TOP API name.</summary>
    public string Method { get; }

    /// <summary>Business parameters as sent (values already formatted as TOP expects). Null or empty values are not sent.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; init; } = [];

    /// <summary>File parameters; when present the request is <c>multipart/form-data</c>.</summary>
    public IReadOnlyList<TopFileParameter> Files { get; init; } = [];

    /// <summary>The seller whose session is sent, or <see langword="null"/> for APIs that need no seller authorization.</summary>
    public string? Seller { get; init; }

    /// <summary>Send <c>simplify=true</c>; the reply's success object is then read without the <c>_response</c> wrapper.</summary>
    public bool Simplify { get; init; }

    /// <summary>A <c>target_app_key</c> for this call, overriding <see cref="TopOptions.TargetAppKey"/>.</summary>
    public string? TargetAppKey { get; init; }

    /// <summary>The tenant label used for rate limits and logs: the seller, or <see cref="TopOptions.AppTenant"/>.</summary>
    public string Tenant => Seller ?? TopOptions.AppTenant;
}
