using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Top.Errors;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top;

/// <summary>
/// The generic TOP client: signs, sends and classifies one API call and returns its success object. Platform packages
/// (e-vouchers, Tmall Global, logistics) define <see cref="TopOperation"/>s and typed methods on top of it. Obtain it from
/// dependency injection (<c>services.AddPlatformSdk().AddTop(...)</c>).
/// </summary>
/// <remarks>Every member is virtual so the client can be mocked.</remarks>
public class TopClient
{
    private readonly TopOptions _options = null!;
    private readonly PlatformRequestExecutor _executor = null!;

    internal TopClient(TopOptions options, PlatformRequestExecutor executor)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(executor);
        _options = options;
        _executor = executor;
        Endpoints = options.ResolveEndpoints();
    }

    /// <summary>For mocking.</summary>
    protected TopClient()
    {
        Endpoints = TopEndpoints.Production;
    }

    /// <summary>The environment in use.</summary>
    public virtual TopEnvironment Environment => _options.Environment;

    /// <summary>The endpoints in use (the override, if set).</summary>
    public virtual TopEndpoints Endpoints { get; }

    /// <summary>Calls a TOP API and returns its success object.</summary>
    /// <param name="operation">The API and its idempotency.</param>
    /// <param name="parameters">Business parameters as TOP expects them (text); null or empty values are not sent.</param>
    /// <param name="seller">The seller whose session is sent, or <see langword="null"/> for APIs that need no seller authorization.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="PlatformException">TOP reported an error (classified), or the call failed or timed out.</exception>
    /// <exception cref="PlatformSdk.Errors.PlatformValidationException">The call is malformed; nothing was sent.</exception>
    public virtual Task<TopResult> ExecuteAsync(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return ExecuteAsync(operation, NewCall(operation, parameters, seller, []), cancellationToken);
    }

    /// <summary>Calls a TOP API with file parameters (multipart) and returns its success object.</summary>
    /// <param name="operation">The API and its idempotency.</param>
    /// <param name="parameters">Business text parameters.</param>
    /// <param name="files">File parameters (never signed).</param>
    /// <param name="seller">The seller, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="PlatformException">TOP reported an error, or the call failed.</exception>
    public virtual Task<TopResult> ExecuteAsync(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, IReadOnlyList<TopFileParameter> files, string? seller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(files);
        return ExecuteAsync(operation, NewCall(operation, parameters, seller, files), cancellationToken);
    }

    /// <summary>Calls a TOP API and deserializes its success object with source-generated metadata.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="operation">The API and its idempotency.</param>
    /// <param name="parameters">Business parameters.</param>
    /// <param name="seller">The seller, or <see langword="null"/>.</param>
    /// <param name="resultType">The result's <see cref="JsonTypeInfo{T}"/> from a <c>JsonSerializerContext</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result.</returns>
    /// <exception cref="PlatformException">TOP reported an error, the call failed, or the success object could not be read (malformed-response).</exception>
    public virtual async Task<T> ExecuteAsync<T>(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, JsonTypeInfo<T> resultType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(resultType);
        var call = NewCall(operation, parameters, seller, []);
        // Deserialized inside the attempt: a reply of the wrong shape is a malformed reply, retried for reads.
        return await SendAsync(operation, call, success => success.Deserialize(resultType) ?? throw new JsonException("the success object is null"),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends a prepared call (for packages that build <see cref="TopCall"/>s themselves, for example with per-call <c>target_app_key</c>).</summary>
    /// <param name="operation">The API and its idempotency; its method must equal <see cref="TopCall.Method"/>.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="PlatformException">TOP reported an error, or the call failed.</exception>
    public virtual Task<TopResult> ExecuteAsync(TopOperation operation, TopCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        if (!string.Equals(operation.Method, call.Method, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The operation is '{operation.Method}' but the call is for '{call.Method}'.", nameof(call));
        }

        return SendAsync(operation, call, static (success, attempts) => new TopResult(success.Clone(), attempts), cancellationToken);
    }

    private Task<T> SendAsync<T>(TopOperation operation, TopCall call, Func<JsonElement, T> read, CancellationToken cancellationToken)
        => SendAsync(operation, call, (success, _) => read(success), cancellationToken);

    private Task<T> SendAsync<T>(TopOperation operation, TopCall call, Func<JsonElement, int, T> read, CancellationToken cancellationToken)
    {
        // Validated once, before any pipeline work (rate-limit permits, logs); the signer writes what was validated.
        Validation.TopCallValidator.Validate(call);
        return _executor.SendAsync(operation.ToPlatformOperation(), call.Tenant, call, reply =>
        {
            var root = reply.JsonRoot();
            return TopResponseParser.TryGetSuccess(root, call.Method, call.Simplify, out var success)
                ? read(success, reply.Attempts)
                : throw new JsonException($"no {TopResponseParser.ResponseKey(call.Method)} object");
        }, cancellationToken);
    }

    private TopCall NewCall(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, IReadOnlyList<TopFileParameter> files)
        => new(operation.Method)
        {
            Parameters = parameters?.ToList() ?? [],
            Files = files,
            Seller = seller,
            Simplify = _options.Simplify,
        };
}

/// <summary>A successful TOP reply: its success object, detached from the reply buffer (nothing to dispose).</summary>
public sealed class TopResult
{
    internal TopResult(JsonElement result, int attempts)
    {
        Result = result;
        Attempts = attempts;
    }

    /// <summary>The success object (the content of <c>&lt;method&gt;_response</c>).</summary>
    public JsonElement Result { get; }

    /// <summary>TOP's <c>request_id</c>, when the reply carries one.</summary>
    public string? RequestId => TopResponseParser.Text(Result, "request_id");

    /// <summary>How many attempts the call took.</summary>
    public int Attempts { get; }
}
