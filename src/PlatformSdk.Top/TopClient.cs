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
    private readonly Func<PlatformRequestExecutor> _executor = null!;

    /// <summary>Creates the client.</summary>
    /// <param name="options">The app settings.</param>
    /// <param name="executor">Creates the executor over the HTTP client carrying the TOP pipeline.</param>
    public TopClient(TopOptions options, Func<PlatformRequestExecutor> executor)
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
    /// <returns>The reply; dispose it when done with <see cref="TopResult.Result"/>.</returns>
    /// <exception cref="PlatformException">TOP reported an error (classified), or the call failed or timed out.</exception>
    /// <exception cref="PlatformSdk.Validation.PlatformValidationException">The call is malformed; nothing was sent.</exception>
    public virtual Task<TopResult> ExecuteAsync(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, CancellationToken cancellationToken)
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
    public virtual Task<TopResult> ExecuteAsync(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, IReadOnlyList<TopFileParameter> files, string? seller, CancellationToken cancellationToken)
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
    public virtual async Task<T> ExecuteAsync<T>(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, JsonTypeInfo<T> resultType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resultType);
        using var result = await ExecuteAsync(operation, parameters, seller, cancellationToken).ConfigureAwait(false);
        try
        {
            return result.Result.Deserialize(resultType)
                ?? throw Unreadable(operation, "the success object is null", null);
        }
        catch (JsonException ex)
        {
            throw Unreadable(operation, ex.Message.Split(" Path:")[0], ex);
        }
    }

    /// <summary>Sends a prepared call (for packages that build <see cref="TopCall"/>s themselves, for example with per-call <c>target_app_key</c>).</summary>
    /// <param name="operation">The API and its idempotency; its method must equal <see cref="TopCall.Method"/>.</param>
    /// <param name="call">The call.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reply.</returns>
    /// <exception cref="PlatformException">TOP reported an error, or the call failed.</exception>
    public virtual async Task<TopResult> ExecuteAsync(TopOperation operation, TopCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(call);
        if (!string.Equals(operation.Method, call.Method, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The operation is '{operation.Method}' but the call is for '{call.Method}'.", nameof(call));
        }

        // Validated here as well as in the signer so a bad call fails before any pipeline work (rate-limit permits, logs).
        Validation.TopCallValidator.Validate(call);
        var context = new PlatformRequestContext(operation.ToPlatformOperation(), call.Tenant, call);
        var response = await _executor().SendAsync(Endpoints.Rest, context, cancellationToken).ConfigureAwait(false);
        var document = JsonDocument.Parse(response.Body);
        if (!TopResponseParser.TryGetSuccess(document.RootElement, call.Method, call.Simplify, out var success))
        {
            document.Dispose();
            throw Unreadable(operation, $"no {TopResponseParser.ResponseKey(call.Method)} object", null);
        }

        return new TopResult(document, success, response.Attempts);
    }

    private TopCall NewCall(TopOperation operation, IEnumerable<KeyValuePair<string, string?>>? parameters, string? seller, IReadOnlyList<TopFileParameter> files)
        => new(operation.Method)
        {
            Parameters = parameters?.ToList() ?? [],
            Files = files,
            Seller = seller,
            Simplify = _options.Simplify,
        };

    private static PlatformException Unreadable(TopOperation operation, string detail, Exception? inner)
        => new(new PlatformError(TopErrorCatalogue.Platform, "malformed-response", $"The {operation.Method} reply could not be read: {detail}.",
            ErrorCategory.Unknown, operation.Idempotency == OperationIdempotency.Read
                ? "TOP answered with an unexpected shape; check the result type against the API's documentation."
                : "TOP accepted the call but the reply has an unexpected shape: the write probably happened. Query before resending."), inner)
        {
            MayHaveBeenProcessed = operation.Idempotency != OperationIdempotency.Read,
        };
}

/// <summary>A successful TOP reply. Owns the parsed document: dispose it when done with <see cref="Result"/>.</summary>
public sealed class TopResult : IDisposable
{
    private readonly JsonDocument _document;

    internal TopResult(JsonDocument document, JsonElement result, int attempts)
    {
        _document = document;
        Result = result;
        Attempts = attempts;
    }

    /// <summary>The success object (the content of <c>&lt;method&gt;_response</c>).</summary>
    public JsonElement Result { get; }

    /// <summary>TOP's <c>request_id</c>, when the reply carries one.</summary>
    public string? RequestId => TopResponseParser.Text(Result, "request_id");

    /// <summary>How many attempts the call took.</summary>
    public int Attempts { get; }

    /// <inheritdoc />
    public void Dispose() => _document.Dispose();
}
