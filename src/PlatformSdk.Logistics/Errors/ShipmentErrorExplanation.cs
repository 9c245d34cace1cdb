using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Errors;

/// <summary>What a platform's refusal of a shipment means: its rule, category and remedy, with the raw text kept.</summary>
public readonly struct ShipmentErrorExplanation : IEquatable<ShipmentErrorExplanation>
{
    internal ShipmentErrorExplanation(string platform, string? message, string? code, ShipmentErrorRule? rule)
    {
        Platform = platform;
        Message = message;
        Code = code;
        Rule = rule;
    }

    /// <summary>The platform, as the caller named it.</summary>
    public string Platform { get; }

    /// <summary>The platform's message, exactly as received.</summary>
    public string? Message { get; }

    /// <summary>The platform's code, if one was given.</summary>
    public string? Code { get; }

    /// <summary>The matching rule, or <see langword="null"/> when the refusal is not in the catalogue.</summary>
    public ShipmentErrorRule? Rule { get; }

    /// <summary>Whether the catalogue knows the refusal.</summary>
    public bool IsKnown => Rule is not null;

    /// <summary>The rule id (<c>RLOG-07</c>), or <see langword="null"/>.</summary>
    public string? RuleId => Rule?.RuleId;

    /// <summary>The category; <see cref="ErrorCategory.Unknown"/> when the refusal is not known.</summary>
    public ErrorCategory Category => Rule?.Category ?? ErrorCategory.Unknown;

    /// <summary>What to do.</summary>
    public string Remedy => Rule?.Remedy ?? ShipmentErrorCatalogue.UnknownRemedy;

    /// <summary>True when the platform timed out in its back end: the shipment may have been applied, so reconcile before resending.</summary>
    public bool OutcomeUnknown => Rule?.OutcomeUnknown ?? false;

    /// <summary>
    /// The refusal as a <see cref="PlatformError"/> (for an exception or a sync outcome). A refusal with an unknown outcome is
    /// marked <see cref="RequestDelivery.OutcomeUnknown"/>, others <see cref="RequestDelivery.Answered"/>.
    /// </summary>
    /// <param name="httpStatus">The HTTP status of the reply.</param>
    /// <param name="requestId">The platform's request id, if any.</param>
    /// <returns>The error.</returns>
    public PlatformError ToPlatformError(int httpStatus = 200, string? requestId = null) => new(
        Platform, Code ?? string.Empty, Message ?? string.Empty, Category, Remedy)
    {
        RuleId = RuleId,
        HttpStatus = httpStatus,
        RequestId = requestId,
        RetryAfter = Rule?.RetryAfter,
        IsTokenExpiry = Rule?.IsTokenExpiry ?? false,
        Delivery = OutcomeUnknown ? RequestDelivery.OutcomeUnknown : RequestDelivery.Answered,
    };

    /// <inheritdoc />
    public bool Equals(ShipmentErrorExplanation other)
        => string.Equals(Platform, other.Platform, StringComparison.Ordinal) && string.Equals(Message, other.Message, StringComparison.Ordinal)
           && string.Equals(Code, other.Code, StringComparison.Ordinal) && ReferenceEquals(Rule, other.Rule);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ShipmentErrorExplanation other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Platform, Message, Code, Rule?.RuleId);

    /// <summary>Compares two explanations.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(ShipmentErrorExplanation left, ShipmentErrorExplanation right) => left.Equals(right);

    /// <summary>Compares two explanations.</summary>
    /// <param name="left">One.</param>
    /// <param name="right">The other.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(ShipmentErrorExplanation left, ShipmentErrorExplanation right) => !left.Equals(right);

    /// <inheritdoc />
    public override string ToString() => IsKnown ? $"{RuleId} {Category} on {Platform}: {Remedy}" : $"Unknown refusal on {Platform}: {Message}";
}
