using PlatformSdk.Errors;
using PlatformSdk.Tokens;

namespace PlatformSdk.Http;

/// <summary>
/// One logical call as it travels through <see cref="PlatformRequestExecutor"/>: the operation, the tenant, the unsigned payload
/// the signer writes on every attempt, and what the previous attempt returned. It travels one way, as an argument; the
/// executor alone advances it, signers only read it and record the token and secrets they used.
/// </summary>
public sealed class PlatformRequestContext
{
    private readonly List<string> _secretValues = [];

    /// <summary>Creates a context.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="tenant">The tenant (shop, company, seller) the call is made for; rate limits and tokens are kept per tenant.</param>
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

    /// <summary>The 1-based number of the attempt in progress (0 before the first).</summary>
    public int Attempt { get; private set; }

    /// <summary>The classified failure of the previous attempt, so a signer can react (refresh a rejected token).</summary>
    public PlatformError? PreviousError { get; private set; }

    /// <summary>The token the signer used on the current attempt, so a rejection can invalidate exactly that token.</summary>
    public AccessToken? TokenUsed { get; private set; }

    /// <summary>True once the call has refreshed a rejected token; the SDK refreshes at most once per call.</summary>
    public bool TokenRefreshed { get; private set; }

    /// <summary>
    /// Secret values (keys, tokens, sessions, signatures) the signer used. Logs and exception messages mask them wherever they
    /// occur, on top of masking sensitive parameter names.
    /// </summary>
    public IReadOnlyList<string> SecretValues => _secretValues;

    /// <summary>True when some attempt of this call may have reached the platform.</summary>
    internal bool AnyAttemptSent { get; private set; }

    /// <summary>True when the current attempt may have reached the platform.</summary>
    internal bool CurrentAttemptSent { get; private set; }

    /// <summary>The classified failure of the current attempt, once known.</summary>
    internal PlatformError? CurrentError { get; set; }

    /// <summary>Registers a secret value to mask in logs and messages.</summary>
    /// <param name="value">The value; <see langword="null"/> or empty is ignored.</param>
    public void AddSecret(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_secretValues)
        {
            if (!_secretValues.Contains(value))
            {
                _secretValues.Add(value);
            }
        }
    }

    /// <summary>Records the token the current attempt sends, and masks its value.</summary>
    /// <param name="token">The token.</param>
    /// <param name="sentValue">The value actually sent (the previous token while a refreshed one is not yet active).</param>
    public void UseToken(AccessToken token, string sentValue)
    {
        ArgumentNullException.ThrowIfNull(token);
        TokenUsed = token;
        AddSecret(sentValue);
        AddSecret(token.Value);
    }

    internal void BeginAttempt()
    {
        Attempt++;
        PreviousError = CurrentError;
        CurrentError = null;
        CurrentAttemptSent = false;
        if (PreviousError?.IsTokenExpiry == true)
        {
            TokenRefreshed = true;
        }
    }

    internal void MarkSent()
    {
        AnyAttemptSent = true;
        CurrentAttemptSent = true;
    }

    internal string[] SecretSnapshot()
    {
        lock (_secretValues)
        {
            return _secretValues.ToArray();
        }
    }
}
