using System.Net.Http.Headers;
using System.Text;
using PlatformSdk.Testing;

namespace PlatformSdk.Contract.Tests.Contract;

/// <summary>Reply damage the contract needs and the bundled fakes' <c>Fault</c> kinds do not model.</summary>
public enum ReplyMangle
{
    /// <summary>A real HTTP 302 on the wire, to a landing URL that records whether anything followed it.</summary>
    Redirect,

    /// <summary>The platform's real answer padded with whitespace to 64 KiB.</summary>
    Oversized,

    /// <summary>The platform's real answer preceded by a UTF-8 byte order mark.</summary>
    ByteOrderMark,

    /// <summary>The platform's real answer followed by a second JSON object.</summary>
    TrailingBytes,
}

/// <summary>
/// Damages replies of platforms whose fakes cannot: a per-attempt handler (the SDK's own <c>AddPolicy(platform, handler)</c>
/// extension point, just above the primary handler) that lets the request reach the fake and rewrites its answer, or for a redirect
/// sends the request to a loopback stub that answers a real 302. Also steps the clock after each attempt when asked.
/// </summary>
public sealed class ReplyTamper : IDisposable
{
    /// <summary>The size <see cref="ReplyMangle.Oversized"/> pads to.</summary>
    public const int OversizedBytes = 64 * 1024;

    private readonly object _gate = new();
    private readonly List<Rule> _rules = [];
    private LoopbackStubServer? _redirector;

    /// <summary>Runs after every attempt (the contract steps a fake clock with it).</summary>
    public Action? AfterAttempt { get; set; }

    /// <summary>Where redirects point; a request there means the SDK followed a redirect.</summary>
    public Uri Landing => new(Redirector.BaseUri, "landed");

    /// <summary>How many requests followed a redirect to <see cref="Landing"/>.</summary>
    public int Landed => _redirector?.RequestsTo("/landed").Count ?? 0;

    private LoopbackStubServer Redirector
    {
        get
        {
            lock (_gate)
            {
                return _redirector ??= new LoopbackStubServer(request => request.Path == "/landed"
                    ? StubReply.Json("{\"code\":0,\"msg\":\"landed\"}")
                    : StubReply.Empty(302).WithHeader("Location", _redirector!.Url + "/landed"));
            }
        }
    }

    /// <summary>How many damaged replies are still to be delivered.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>Damages the next <paramref name="count"/> replies to requests that <paramref name="match"/>.</summary>
    /// <param name="match">Which requests (signed, as they go to the wire).</param>
    /// <param name="mangle">The damage.</param>
    /// <param name="count">How many replies.</param>
    public void Add(Func<HttpRequestMessage, bool> match, ReplyMangle mangle, int count)
    {
        _ = Redirector;
        lock (_gate)
        {
            _rules.Add(new Rule(match, mangle) { Remaining = count });
        }
    }

    /// <summary>The handler to register with <c>builder.AddPolicy(platform, _ =&gt; tamper.CreateHandler())</c>.</summary>
    /// <returns>A new handler sharing this state.</returns>
    public DelegatingHandler CreateHandler() => new Handler(this);

    /// <inheritdoc />
    public void Dispose() => _redirector?.Dispose();

    private ReplyMangle? Take(HttpRequestMessage request)
    {
        lock (_gate)
        {
            var rule = _rules.Find(r => r.Remaining > 0 && r.Match(request));
            if (rule is null)
            {
                return null;
            }

            rule.Remaining--;
            return rule.Mangle;
        }
    }

    private static byte[] Damage(ReplyMangle mangle, byte[] body) => mangle switch
    {
        ReplyMangle.ByteOrderMark => [0xEF, 0xBB, 0xBF, .. body],
        ReplyMangle.TrailingBytes => [.. body, .. "{\"code\":0}"u8],
        ReplyMangle.Oversized => [.. body, .. Encoding.ASCII.GetBytes(new string(' ', Math.Max(0, OversizedBytes - body.Length)))],
        _ => body,
    };

    private sealed class Rule(Func<HttpRequestMessage, bool> match, ReplyMangle mangle)
    {
        public Func<HttpRequestMessage, bool> Match { get; } = match;

        public ReplyMangle Mangle { get; } = mangle;

        public int Remaining { get; set; }
    }

    private sealed class Handler(ReplyTamper owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                var mangle = owner.Take(request);
                if (mangle == ReplyMangle.Redirect)
                {
                    request.RequestUri = new Uri(owner.Redirector.BaseUri, "redirect");
                    return await base.SendAsync(request, cancellationToken);
                }

                var response = await base.SendAsync(request, cancellationToken);
                if (mangle is not { } damage)
                {
                    return response;
                }

                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var content = new ByteArrayContent(Damage(damage, body));
                content.Headers.ContentType = response.Content.Headers.ContentType is { } type ? MediaTypeHeaderValue.Parse(type.ToString()) : null;
                response.Content.Dispose();
                response.Content = content;
                return response;
            }
            finally
            {
                owner.AfterAttempt?.Invoke();
            }
        }
    }
}
