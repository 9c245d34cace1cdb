using PlatformSdk.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.Http;

/// <summary>
/// Travels with one logical call through the HTTP pipeline (in <see cref="HttpRequestMessage.Options"/>):
/// the operation, the tenant, the unsigned payload the signer turns into a request on each attempt, and
/// what the last attempt returned.
/// </summary>
public sealed class PlatformRequestContext
{
    /// <summary>The key under which the context is stored in <see cref="HttpRequestMessage.Options"/>.</summary>
    public static readonly HttpRequestOptionsKey<PlatformRequestContext> OptionsKey = new("PlatformSdk.RequestContext");

    /// <summary>Creates a context.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="tenant">The tenant (shop, company) the call is made for.</param>
    /// <param name="payload">The platform-specific unsigned request the signer writes on each attempt.</param>
    public PlatformRequestContext(PlatformOperation operation, string tenant, object? payload)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentException.ThrowIfNullOrEmpty(tenant);
        Operation = operation;
        Tenant = tenant;
        Payload = payload;
    }

    /// <summary>The operation.</summary>
    public PlatformOperation Operation { get; }

    /// <summary>The tenant the call is made for.</summary>
    public string Tenant { get; }

    /// <summary>The unsigned, platform-specific request.</summary>
    public object? Payload { get; }

    /// <summary>The 1-based number of the attempt in progress.</summary>
    public int Attempt { get; internal set; }

    /// <summary>The classified error of the current attempt's response, or <see langword="null"/> when it succeeded.</summary>
    public PlatformError? Error { get; set; }

    /// <summary>The classified error of the previous attempt, so a signer can react (refresh a rejected token).</summary>
    public PlatformError? PreviousError { get; internal set; }

    /// <summary>True when the current attempt failed before the request left this process (connection refused, local rate limit).</summary>
    public bool NotSent { get; internal set; }

    /// <summary>The buffered body of the current attempt's response.</summary>
    public ReadOnlyMemory<byte> ResponseBody { get; internal set; }

    /// <summary>The token the signer used on the current attempt, so a rejection can invalidate exactly that token.</summary>
    public AccessToken? TokenUsed { get; set; }

    /// <summary>True once the call has refreshed a rejected token; the SDK refreshes at most once per call.</summary>
    public bool TokenRefreshed { get; set; }

    /// <summary>
    /// Secret values (keys, tokens) the signer used. The logging handler masks them wherever they occur,
    /// on top of masking sensitive parameter names.
    /// </summary>
    public ICollection<string> SecretValues { get; } = new List<string>();

    /// <summary>Gets the context of a request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The context.</returns>
    /// <exception cref="InvalidOperationException">The request was not created by a PlatformSdk client.</exception>
    public static PlatformRequestContext Get(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Options.TryGetValue(OptionsKey, out var context)
            ? context
            : throw new InvalidOperationException("This request carries no PlatformRequestContext: PlatformSdk handlers only serve requests sent by PlatformSdk clients.");
    }

    /// <summary>Gets the context of a request, or <see langword="null"/>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The context or <see langword="null"/>.</returns>
    public static PlatformRequestContext? Find(HttpRequestMessage? request)
        => request is not null && request.Options.TryGetValue(OptionsKey, out var context) ? context : null;

    internal void BeginAttempt()
    {
        Attempt++;
        PreviousError = Error;
        Error = null;
        NotSent = false;
        ResponseBody = ReadOnlyMemory<byte>.Empty;
    }
}
