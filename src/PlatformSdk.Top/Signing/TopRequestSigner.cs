using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Top.Protocol;
using PlatformSdk.Top.Sessions;
using PlatformSdk.Top.Validation;

namespace PlatformSdk.Top.Signing;

/// <summary>
/// Writes and signs every TOP attempt from a <see cref="TopCall"/> (docs/protocols/taobao-top.md §2–§3): system parameters,
/// a fresh GMT+8 timestamp, the seller's current session, the signature, as a UTF-8 form POST (multipart when the call has
/// files). Registers the app secret, session and signature for log masking.
/// </summary>
/// <remarks>
/// After TOP rejects a session (code 27, sub-code <c>invalid-sessionkey</c>) the next attempt asks the
/// <see cref="ITopSessionProvider"/> for a newer one; if there is none, the platform's rejection is thrown without resending.
/// </remarks>
internal sealed class TopRequestSigner : PlatformRequestSigner<TopCall>
{
    private readonly IOptionsMonitor<TopOptions> _options;
    private readonly ITopSessionProvider _sessions;

    /// <summary>Creates the signer.</summary>
    /// <param name="options">The TOP options (app key, secret, sign method).</param>
    /// <param name="sessions">The session provider.</param>
    /// <param name="time">The clock used for <c>timestamp</c>.</param>
    public TopRequestSigner(IOptionsMonitor<TopOptions> options, ITopSessionProvider sessions, TimeProvider time)
        : base(time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sessions);
        _options = options;
        _sessions = sessions;
    }

    /// <summary>Formats an instant as TOP's <c>timestamp</c>: <c>yyyy-MM-dd HH:mm:ss</c> in GMT+8.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The wire text.</returns>
    public static string FormatTimestamp(DateTimeOffset instant)
        => instant.ToOffset(ChinaTime.Offset).ToString(ChinaTime.DateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>
    /// The signed parameter list of a call: system parameters, business parameters with a value, and <c>sign</c> last.
    /// Pure; the signer sends exactly this list.
    /// </summary>
    /// <param name="call">The call.</param>
    /// <param name="options">The app settings.</param>
    /// <param name="session">The seller's session, or <see langword="null"/>.</param>
    /// <param name="now">The signing time.</param>
    /// <returns>The parameters in sending order.</returns>
    public static IReadOnlyList<KeyValuePair<string, string>> BuildParameters(TopCall call, TopOptions options, string? session, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(options);
        TopCallValidator.Validate(call);
        return BuildValidatedParameters(call, options, session, now);
    }

    // TopClient validated the call once before the first attempt; attempts do not repeat it.
    private static List<KeyValuePair<string, string>> BuildValidatedParameters(TopCall call, TopOptions options, string? session, DateTimeOffset now)
    {
        var appKey = options.AppKey ?? throw new InvalidOperationException("TopOptions.AppKey is not configured.");
        var secret = options.AppSecret ?? throw new InvalidOperationException("TopOptions.AppSecret is not configured.");
        var parameters = new List<KeyValuePair<string, string>>
        {
            new(TopParameterNames.Method, call.Method),
            new(TopParameterNames.AppKey, appKey),
            new(TopParameterNames.Timestamp, FormatTimestamp(now)),
            new(TopParameterNames.Format, TopWireChoices.Format),
            new(TopParameterNames.Version, TopWireChoices.ApiVersion),
            new(TopParameterNames.SignMethod, TopSignature.WireName(options.SignMethod)),
        };
        AddIfPresent(parameters, TopParameterNames.Session, session);
        AddIfPresent(parameters, TopParameterNames.Simplify, call.Simplify ? "true" : null);
        AddIfPresent(parameters, TopParameterNames.PartnerId, options.PartnerId);
        AddIfPresent(parameters, TopParameterNames.TargetAppKey, call.TargetAppKey ?? options.TargetAppKey);
        foreach (var (name, value) in call.Parameters)
        {
            // Empty values would be skipped by the signature but still sent; not sending them keeps both sides identical.
            AddIfPresent(parameters, name, value);
        }

        var sign = TopSignature.Sign(options.SignMethod, secret, parameters.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        parameters.Add(new(TopParameterNames.Sign, sign));
        return parameters;
    }

    /// <inheritdoc />
    protected override async ValueTask WriteAsync(HttpRequestMessage request, TopCall call, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var options = _options.CurrentValue;
        string? session = null;
        if (call.Seller is { } seller)
        {
            session = (await CurrentSessionAsync(seller, context, cancellationToken).ConfigureAwait(false)).Value;
        }

        var parameters = BuildValidatedParameters(call, options, session, Time.GetUtcNow());
        request.Method = HttpMethod.Post;
        request.RequestUri = options.ResolveEndpoints().Rest;
        request.Content = call.Files.Count == 0 ? Form(parameters) : Multipart(parameters, call.Files);
        AddSecret(context, options.AppSecret);
        AddSecret(context, session);
        AddSecret(context, parameters[^1].Value);
    }

    private async ValueTask<PlatformSdk.Tokens.AccessToken> CurrentSessionAsync(string seller, PlatformRequestContext context, CancellationToken cancellationToken)
    {
        PlatformSdk.Tokens.AccessToken token;
        if (context.PreviousError is { IsTokenExpiry: true } rejection && context.TokenUsed is { } used)
        {
            token = await _sessions.RenewRejectedAsync(seller, used, cancellationToken).ConfigureAwait(false);
            if (string.Equals(token.Value, used.Value, StringComparison.Ordinal))
            {
                // No newer session exists: resending would be rejected again, so surface TOP's own answer.
                throw new PlatformException(rejection);
            }
        }
        else
        {
            token = await _sessions.GetSessionAsync(seller, cancellationToken).ConfigureAwait(false);
        }

        context.UseToken(token, token.Value);
        return token;
    }

    private static FormUrlEncodedContent Form(IReadOnlyList<KeyValuePair<string, string>> parameters)
    {
        var content = new FormUrlEncodedContent(parameters);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(TopWireChoices.FormContentType);
        return content;
    }

    private static MultipartFormDataContent Multipart(IReadOnlyList<KeyValuePair<string, string>> parameters, IReadOnlyList<TopFileParameter> files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in parameters)
        {
            content.Add(new StringContent(value, System.Text.Encoding.UTF8), name);
        }

        foreach (var file in files)
        {
#if NET8_0_OR_GREATER
            var part = new ReadOnlyMemoryContent(file.Content);
#else
            var part = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(file.Content, out var segment)
                ? new ByteArrayContent(segment.Array!, segment.Offset, segment.Count)
                : new ByteArrayContent(file.Content.ToArray());
#endif
            part.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
            content.Add(part, file.Name, file.FileName);
        }

        return content;
    }

    private static void AddIfPresent(List<KeyValuePair<string, string>> parameters, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parameters.Add(new(name, value));
        }
    }

    private static void AddSecret(PlatformRequestContext context, string? value) => context.AddSecret(value);
}
