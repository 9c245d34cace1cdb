using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Auth;
using PlatformSdk.Paging;
using PlatformSdk.Tokens;

namespace PlatformSdk.Jushuitan.Protocol;

/// <summary>Everything one tenant's calls share: options, endpoints, token source and the tenant's executor.</summary>
internal sealed class JushuitanTransport
{
    private readonly PlatformRequestExecutor _executor;

    public JushuitanTransport(string tenant, JushuitanOptions options, PlatformRequestExecutor executor, TimeProvider time, IAccessTokenStore store)
    {
        Tenant = tenant;
        Options = options;
        Endpoints = options.ResolveEndpoints();
        _executor = executor;
        Time = time;
        Store = store;
        TokenKey = new TokenKey(Errors.JushuitanErrorCatalogue.Platform, tenant);
        Tokens = new JushuitanTokenSource(this);
    }

    public string Tenant { get; }

    public JushuitanOptions Options { get; }

    public JushuitanProtocol Protocol => Options.Protocol;

    public JushuitanEndpoints Endpoints { get; }

    public TimeProvider Time { get; }

    /// <summary>The tenant's resilience settings; their total timeout is also the deadline of a composite call.</summary>
    public PlatformResilienceOptions Resilience => _executor.Resilience;

    public IAccessTokenStore Store { get; }

    public TokenKey TokenKey { get; }

    public JushuitanTokenSource Tokens { get; }

    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);

    /// <summary>Sends a business call with the tenant's token; <paramref name="read"/> reads the successful reply inside the attempt.</summary>
    public Task<T> SendAsync<T>(JushuitanApi api, string body, Func<JushuitanEnvelope, T> read, CancellationToken cancellationToken)
        => SendAsync(api.Name(Protocol), api.Idempotency, new JushuitanCall
        {
            Kind = JushuitanCallKind.Business,
            Protocol = Protocol,
            Options = Options,
            Endpoint = Protocol == JushuitanProtocol.Legacy ? Endpoints.LegacyUrl : Endpoints.OpenApi(api.OpenApiPath),
            TokenKey = TokenKey,
            TokenSource = Tokens,
            Method = api.LegacyMethod,
            Body = body,
        }, read, cancellationToken);

    public Task<T> SendAsync<T>(string operationName, OperationIdempotency idempotency, JushuitanCall call, Func<JushuitanEnvelope, T> read, CancellationToken cancellationToken)
        => _executor.SendAsync(new PlatformOperation(Errors.JushuitanErrorCatalogue.Platform, operationName, idempotency), Tenant, call,
            reply => read(reply.Parsed as JushuitanEnvelope ?? throw new InvalidOperationException("The Jushuitan classifier handed no envelope forward.")),
            cancellationToken);
}

/// <summary>
/// Paging over list APIs (doc §4 step 7): bounded, and stopped when a page adds nothing new. Continuation tokens are
/// <c>page:&lt;n&gt;</c>, the next page index (and <c>part:&lt;k&gt;;page:&lt;n&gt;</c> for queries split into several calls).
/// </summary>
internal static class JushuitanPaging
{
    // Identifies a page's list content so a platform repeating a page is noticed (paging fields excluded: they change).
    private static long Fingerprint(JsonElement payload)
    {
        var hash = new HashCode();
        if (payload.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in payload.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.Array)
                {
                    try
                    {
                        hash.Add(property.Name);
                        hash.Add(property.Value.GetRawText(), StringComparer.Ordinal);
                    }
                    catch (InvalidOperationException)
                    {
                        // Text that cannot be decoded (invalid UTF-8): the list's length still tells most repeats apart.
                        hash.Add(property.Value.GetArrayLength());
                    }
                }
            }
        }

        return hash.ToHashCode();
    }

    /// <summary>A pageable over one list API.</summary>
    public static PlatformPageable<T> Pageable<T>(
        JushuitanTransport transport, JushuitanApi api, Func<int, int, string> bodyForPage, int pageSize, Func<JsonElement, T> map,
        Action? validate, CancellationToken cancellationToken)
        => PlatformPageable.Create<T>((token, _, ct) => PagesAsync(transport, api, bodyForPage, pageSize, map, validate, StartPage(token), ct), cancellationToken);

    /// <summary>The pages of one list API from <paramref name="startPage"/>, each carrying the token of the next one.</summary>
    public static async IAsyncEnumerable<PlatformPage<T>> PagesAsync<T>(
        JushuitanTransport transport, JushuitanApi api, Func<int, int, string> bodyForPage, int pageSize, Func<JsonElement, T> map,
        Action? validate, int startPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previous = 0L;
        validate?.Invoke();
        for (var pageIndex = startPage; ; pageIndex++)
        {
            if (pageIndex > JushuitanWireChoices.MaxPages)
            {
                throw new PlatformException(new PlatformError(Errors.JushuitanErrorCatalogue.Platform, "too-many-pages",
                    $"{api.Name(transport.Protocol)} kept reporting more pages after {JushuitanWireChoices.MaxPages} pages of {pageSize}.",
                    ErrorCategory.Unknown, "Narrow the query (a shorter time window, fewer ids); if the platform repeats pages, report it to Jushuitan."));
            }

            var index = pageIndex;
            var (page, fingerprint) = await transport.SendAsync(api, bodyForPage(index, pageSize), reply =>
                (JushuitanJson.ReadPage(reply.Payload, api.ListKey(transport.Protocol), index, pageSize, map), Fingerprint(reply.Payload)), cancellationToken).ConfigureAwait(false);
            if (pageIndex > startPage && page.Items.Count > 0 && fingerprint == previous)
            {
                // The platform answered the same page again: it adds nothing, and asking for more would loop.
                yield break;
            }

            previous = fingerprint;
            yield return new PlatformPage<T>(page.Items, page.HasNext ? PageToken(index + 1) : null);
            if (!page.HasNext)
            {
                yield break;
            }
        }
    }

    /// <summary>The token of a page index.</summary>
    public static string PageToken(int pageIndex) => string.Create(CultureInfo.InvariantCulture, $"page:{pageIndex}");

    /// <summary>The page a <c>page:&lt;n&gt;</c> token starts at (1 without a token).</summary>
    public static int StartPage(string? continuationToken)
        => continuationToken is null ? 1
            : continuationToken.StartsWith("page:", StringComparison.Ordinal)
                && int.TryParse(continuationToken.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page >= 1
                ? page
                : throw new FormatException($"'{continuationToken}' is not a Jushuitan continuation token (page:<n>).");
}
