using System.Text.Json.Serialization;
using PlatformSdk.Configuration;

namespace PlatformSdk.Testing.TmallGlobalDirect;

/// <summary>Settings of a <see cref="FakeTmallGlobalDirectPlatform"/>.</summary>
public sealed class FakeTmallGlobalDirectPlatformOptions
{
    /// <summary>The receiver's URL, for example <c>http://127.0.0.1:5000/qimen</c> (the system parameters are appended as the query).</summary>
    public Uri? ReceiverUrl { get; set; }

    /// <summary>The receiver's app secret: Qimen re-signs every push with it before forwarding, so the fake signs with it.</summary>
    [JsonConverter(typeof(SecretJsonConverter))]
    public string? AppSecret { get; set; }

    /// <summary>The <c>app_key</c> query parameter.</summary>
    public string AppKey { get; set; } = "23000001";

    /// <summary>The <c>customerId</c> query parameter (Qimen's routing id of the ERP).</summary>
    public string CustomerId { get; set; } = "fake-customer";

    /// <summary>The <c>supplierId</c> written in the bodies.</summary>
    public string SupplierId { get; set; } = "2200001234";

    /// <summary>The clock of the timestamps and of the redelivery schedule; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>The seed of the duplicates and of the order of <see cref="FakeTmallGlobalDirectPlatform.PushAllAsync"/>; printed in <see cref="FakeTmallGlobalDirectPlatform.ToString"/>.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>How many deliveries a push gets at most (duplicates sent on purpose not counted); then it is given up. Default 5.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first redelivery; doubled after each further failure, up to <see cref="MaxRedeliveryDelay"/> (else a year). Default 1 minute.</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest wait between two redeliveries, however often a push failed; <see langword="null"/> (the default): the wait
    /// keeps doubling, up to a year. A cap keeps a receiver that was down for a while from waiting long for its backlog once it is back.
    /// </summary>
    public TimeSpan? MaxRedeliveryDelay { get; set; }

    /// <summary>
    /// How long one delivery waits for the receiver's reply before it counts as not acknowledged (a transport failure, delivered
    /// again later). Default 100 seconds, as <see cref="HttpClient.Timeout"/>.
    /// </summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The share (0 to 1) of pushes <see cref="FakeTmallGlobalDirectPlatform.PushAllAsync"/> sends twice, as the platform does when an acknowledgement is lost.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>Whether <see cref="FakeTmallGlobalDirectPlatform.PushAllAsync"/> sends the pushes in a seeded random order instead of the order enqueued.</summary>
    public bool OutOfOrder { get; set; }

    /// <summary>The HTTP handler to push through (default: a new <see cref="SocketsHttpHandler"/>); not disposed by the fake.</summary>
    public HttpMessageHandler? HttpMessageHandler { get; set; }
}

/// <summary>Where a push stands.</summary>
public enum FakeTmallGlobalDirectPushState
{
    /// <summary>Not yet delivered, or not acknowledged and due again.</summary>
    Pending = 0,

    /// <summary>A reply said <c>success=true</c>.</summary>
    Acknowledged,

    /// <summary>A reply said <c>success=false</c> with <c>retry=false</c>: the platform does not deliver it again.</summary>
    Refused,

    /// <summary>Not acknowledged after <see cref="FakeTmallGlobalDirectPlatformOptions.MaxAttempts"/> deliveries.</summary>
    GaveUp,
}

/// <summary>One line of a pushed order.</summary>
/// <param name="ScItemId">The platform's item id (<c>scItemId</c>).</param>
/// <param name="Quantity">The quantity.</param>
/// <param name="ItemAmountFen">The line amount in fen (<c>itemAmount</c>).</param>
public sealed record FakeTmallGlobalDirectLine(string ScItemId, int Quantity, long ItemAmountFen);

/// <summary>The receiver's reply, as parsed by the fake.</summary>
/// <param name="Success"><c>success</c>.</param>
/// <param name="ErrorCode"><c>errorCode</c>.</param>
/// <param name="ErrorMessage"><c>errorMsg</c>.</param>
/// <param name="Retry"><c>retry</c>.</param>
public sealed record FakeTmallGlobalDirectReply(bool Success, string ErrorCode, string ErrorMessage, bool Retry);

/// <summary>One push the fake platform has to deliver; its state changes as it is delivered.</summary>
public sealed class FakeTmallGlobalDirectPush
{
    internal FakeTmallGlobalDirectPush(int number, string method, string bizOrderCode, string body)
    {
        Number = number;
        Method = method;
        BizOrderCode = bizOrderCode;
        Body = body;
    }

    /// <summary>The push's number, in the order it was enqueued (1 for the first).</summary>
    public int Number { get; }

    /// <summary>The Qimen <c>method</c>.</summary>
    public string Method { get; }

    /// <summary>The <c>bizOrderCode</c> of the body.</summary>
    public string BizOrderCode { get; }

    /// <summary>The XML body.</summary>
    public string Body { get; }

    /// <summary>Where it stands.</summary>
    public FakeTmallGlobalDirectPushState State { get; internal set; }

    /// <summary>How many deliveries it had (duplicates sent on purpose not counted).</summary>
    public int Attempts { get; internal set; }

    /// <summary>When it is due again, while pending after a failure.</summary>
    public DateTimeOffset? NextAttemptAt { get; internal set; }

    /// <summary>The last reply, if one was read.</summary>
    public FakeTmallGlobalDirectReply? LastReply { get; internal set; }

    /// <inheritdoc />
    public override string ToString() => $"push #{Number} {Method} {BizOrderCode}: {State} after {Attempts} attempt(s)";
}

/// <summary>One delivery in the fake platform's journal.</summary>
public sealed class FakeTmallGlobalDirectDelivery
{
    /// <summary>The push delivered.</summary>
    public required FakeTmallGlobalDirectPush Push { get; init; }

    /// <summary>The attempt number of this delivery (for a duplicate: the attempts so far).</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether it was a duplicate sent on purpose.</summary>
    public required bool IsDuplicate { get; init; }

    /// <summary>When it was sent (the fake's clock).</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>The full request URL, query with <c>sign</c> included.</summary>
    public required Uri RequestUri { get; init; }

    /// <summary>The HTTP status, when a response came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>The parsed reply, when the response was one.</summary>
    public FakeTmallGlobalDirectReply? Reply { get; init; }

    /// <summary>Why no reply was read (transport failure, unreadable reply), if so.</summary>
    public string? Error { get; init; }

    /// <summary>Whether this delivery was acknowledged (<c>success=true</c>).</summary>
    public bool Acknowledged => Reply?.Success == true;

    /// <inheritdoc />
    public override string ToString() => $"#{Push.Number} {Push.Method} {Push.BizOrderCode} attempt {Attempt}{(IsDuplicate ? " (duplicate)" : string.Empty)}: "
        + (Reply is { } r ? $"success={r.Success} errorCode={r.ErrorCode} retry={r.Retry}" : $"status {StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {Error}");
}
