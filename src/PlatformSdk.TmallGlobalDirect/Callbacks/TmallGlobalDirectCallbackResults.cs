namespace PlatformSdk.TmallGlobalDirect.Callbacks;

/// <summary>A callback the platform accepted (its <c>ResultWrapper</c> said <c>success=true</c>).</summary>
public sealed class TmallGlobalDirectCallbackResult
{
    internal TmallGlobalDirectCallbackResult(string method, string? code, string? message, string? requestId, int attempts)
    {
        Method = method;
        Code = code;
        Message = message;
        RequestId = requestId;
        Attempts = attempts;
    }

    /// <summary>The TOP API called.</summary>
    public string Method { get; }

    /// <summary>The wrapper's <c>error_code</c>, if the platform sent one with the success.</summary>
    public string? Code { get; }

    /// <summary>The wrapper's <c>error_message</c>, if any.</summary>
    public string? Message { get; }

    /// <summary>TOP's <c>request_id</c>, if any.</summary>
    public string? RequestId { get; }

    /// <summary>How many attempts the call took (more than one: a retry with the same idempotency key).</summary>
    public int Attempts { get; }

    /// <inheritdoc />
    public override string ToString() => $"TmallGlobalDirectCallbackResult({Method}, attempts={Attempts})";
}

/// <summary>The ERP's decision on a cancel (intercept) instruction (RTGD-08), kept so it can be shown and reported again.</summary>
public sealed class ConsignOrderCancelDecision
{
    internal ConsignOrderCancelDecision(string bizOrderCode, ConsignOrderWarehouseStatus status, bool intercepted, string? reason, DateTimeOffset decidedAt)
    {
        BizOrderCode = bizOrderCode;
        Status = status;
        Intercepted = intercepted;
        Reason = reason;
        DecidedAt = decidedAt;
    }

    /// <summary>The fulfilment order.</summary>
    public string BizOrderCode { get; }

    /// <summary>The warehouse status the decision was made on.</summary>
    public ConsignOrderWarehouseStatus Status { get; }

    /// <summary>Whether the order is intercepted (only while it was not released to the warehouse).</summary>
    public bool Intercepted { get; }

    /// <summary>Why it was refused; <see langword="null"/> when intercepted.</summary>
    public string? Reason { get; }

    /// <summary>When the decision was made.</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>The rule the decision follows.</summary>
    public const string RuleId = "RTGD-08";

    /// <inheritdoc />
    public override string ToString() => $"ConsignOrderCancelDecision({BizOrderCode}, {Status}, intercepted={Intercepted})";
}

/// <summary>A cancel instruction decided and reported: the decision and the platform's acceptance of the feedback.</summary>
public sealed class ConsignOrderCancelOutcome
{
    internal ConsignOrderCancelOutcome(ConsignOrderCancelDecision decision, TmallGlobalDirectCallbackResult feedback)
    {
        Decision = decision;
        Feedback = feedback;
    }

    /// <summary>The decision.</summary>
    public ConsignOrderCancelDecision Decision { get; }

    /// <summary>The accepted <c>cancel.feedback</c> call.</summary>
    public TmallGlobalDirectCallbackResult Feedback { get; }
}

/// <summary>A shop whose authorization lapses soon (RTGD-04).</summary>
public sealed class TmallGlobalDirectAuthorizationExpiry
{
    internal TmallGlobalDirectAuthorizationExpiry(string shop, string? supplierId, DateTimeOffset expiresAt, TimeSpan remaining)
    {
        Shop = shop;
        SupplierId = supplierId;
        ExpiresAt = expiresAt;
        Remaining = remaining;
    }

    /// <summary>The shop (its key under <see cref="TmallGlobalDirectOptions.Shops"/>).</summary>
    public string Shop { get; }

    /// <summary>Its supplier id, if configured.</summary>
    public string? SupplierId { get; }

    /// <summary>When the flagship store's authorization lapses.</summary>
    public DateTimeOffset ExpiresAt { get; }

    /// <summary>The time left; zero or negative once it has lapsed.</summary>
    public TimeSpan Remaining { get; }

    /// <summary>Whether it has lapsed already.</summary>
    public bool Expired => Remaining <= TimeSpan.Zero;

    /// <inheritdoc />
    public override string ToString() => $"TmallGlobalDirectAuthorizationExpiry({Shop}, expires {ExpiresAt:O})";
}
