using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Testing.Jushuitan;

/// <summary>How <see cref="FakeJushuitanPusher"/> puts the push fields on the wire.</summary>
public enum FakeJushuitanPushEncoding
{
    /// <summary>A form-urlencoded POST body (the default reading of the protocol).</summary>
    Form = 0,

    /// <summary>Every field in the query string, an empty POST body.</summary>
    Query,

    /// <summary>A JSON object body with the fields (<c>biz</c> as a JSON string).</summary>
    Json,
}

/// <summary>Settings of a <see cref="FakeJushuitanPusher"/>.</summary>
public sealed class FakeJushuitanPusherOptions
{
    /// <summary>The receiver's URL, for example <c>http://127.0.0.1:5000/jst/push</c>.</summary>
    public Uri? ReceiverUrl { get; set; }

    /// <summary>The <c>app_key</c> sent.</summary>
    public string AppKey { get; set; } = "fake-jst-app";

    /// <summary>The app secret the pushes are signed with.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>The name of the message-type field; <see langword="null"/> sends none (the receiver then infers the kind from <c>biz</c>).</summary>
    public string? KindField { get; set; } = "msg_type";

    /// <summary>How the fields are sent. Default <see cref="FakeJushuitanPushEncoding.Form"/>.</summary>
    public FakeJushuitanPushEncoding Encoding { get; set; } = FakeJushuitanPushEncoding.Form;

    /// <summary>The clock of the timestamps and of the retry schedule; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How many deliveries a push gets at most (duplicates sent on purpose not counted); then it is given up. Default 10, as Jushuitan retries.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>The wait before the first retry; doubled after each further failure. Default 1 minute.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether a retry is signed again with a fresh <c>timestamp</c> (default) or resends the first attempt's fields unchanged.</summary>
    public bool ResignRetries { get; set; } = true;

    /// <summary>The HTTP handler to push through (default: a new <see cref="SocketsHttpHandler"/>); not disposed by the fake.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }
}

/// <summary>Where a push stands.</summary>
public enum FakeJushuitanPushState
{
    /// <summary>Not yet delivered, or not acknowledged and due again.</summary>
    Pending = 0,

    /// <summary>A reply was exactly <c>{"code":0}</c>.</summary>
    Acknowledged,

    /// <summary>Not acknowledged after <see cref="FakeJushuitanPusherOptions.MaxAttempts"/> deliveries.</summary>
    GaveUp,
}

/// <summary>One push the fake has to deliver; its state changes as it is delivered.</summary>
public sealed class FakeJushuitanPush
{
    internal FakeJushuitanPush(int number, string? kind, string biz)
    {
        Number = number;
        Kind = kind;
        Biz = biz;
    }

    /// <summary>Its number, from 1, in the order enqueued.</summary>
    public int Number { get; }

    /// <summary>The message-type value sent (<c>logistics</c>, <c>inventory</c>, or your own); <see langword="null"/> sends none.</summary>
    public string? Kind { get; }

    /// <summary>The <c>biz</c> JSON sent.</summary>
    public string Biz { get; }

    /// <summary>Where it stands.</summary>
    public FakeJushuitanPushState State { get; internal set; }

    /// <summary>Deliveries made (duplicates sent on purpose not counted).</summary>
    public int Attempts { get; internal set; }

    /// <summary>When it is due again, while pending after a failed delivery.</summary>
    public DateTimeOffset? NextAttemptAt { get; internal set; }

    internal List<KeyValuePair<string, string>>? FirstFields { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"FakeJushuitanPush(#{Number}, {Kind ?? "(no kind)"}, {State}, {Attempts} attempts)";
}

/// <summary>One delivery of a push and what came back.</summary>
public sealed class FakeJushuitanPushDelivery
{
    /// <summary>The push.</summary>
    public required FakeJushuitanPush Push { get; init; }

    /// <summary>Which attempt it was (a duplicate repeats the last attempt's number).</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether it was a duplicate sent on purpose.</summary>
    public bool IsDuplicate { get; init; }

    /// <summary>When it was sent, by the fake's clock.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>The HTTP status, when a reply came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The reply body, when a reply came.</summary>
    public string? ReplyBody { get; init; }

    /// <summary>Whether the reply was exactly <c>{"code":0}</c> (after trimming whitespace).</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Why it failed (transport error, not the success reply); <see langword="null"/> when acknowledged.</summary>
    public string? Error { get; init; }

    /// <inheritdoc />
    public override string ToString()
        => $"#{Push.Number} attempt {Attempt}{(IsDuplicate ? " (duplicate)" : string.Empty)} at {SentAt:O}: "
            + (Acknowledged ? "acknowledged" : "failed: " + Error);
}
