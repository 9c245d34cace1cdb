using System.Text.Json;
using System.Text.Json.Serialization;
using PlatformSdk.Errors;

namespace PlatformSdk.Logistics.Sync.Stores;

/// <summary>
/// How the durable stores write a shipment and an outcome: source-generated System.Text.Json (no reflection, AOT-safe), enums
/// by name so that a renumbering cannot change what a stored record means. Every read failure is a <see cref="PlatformException"/>.
/// </summary>
internal static class ShipmentSyncJson
{
    public static string WriteShipment(Shipment shipment) => JsonSerializer.Serialize(shipment, ShipmentSyncJsonContext.Default.Shipment);

    public static Shipment ReadShipment(string shipmentId, string json)
    {
        Shipment? shipment;
        try
        {
            shipment = JsonSerializer.Deserialize(json, ShipmentSyncJsonContext.Default.Shipment);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Corrupt(shipmentId, "shipment", ex);
        }

        if (shipment is null || string.IsNullOrEmpty(shipment.ShipmentId) || shipment.Packages is null || shipment.SubOrderIds is null || shipment.MergedOrderIds is null)
        {
            throw Corrupt(shipmentId, "shipment", null);
        }

        return shipment;
    }

    public static string WriteOutcome(ShipmentSyncOutcome outcome) => JsonSerializer.Serialize(OutcomeDto.From(outcome), ShipmentSyncJsonContext.Default.OutcomeDto);

    public static ShipmentSyncOutcome? ReadOutcome(string shipmentId, string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            var dto = JsonSerializer.Deserialize(json, ShipmentSyncJsonContext.Default.OutcomeDto);
            return dto?.ToOutcome() ?? throw Corrupt(shipmentId, "outcome", null);
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException or ArgumentException)
        {
            throw Corrupt(shipmentId, "outcome", ex);
        }
    }

    public static PlatformException Corrupt(string shipmentId, string part, Exception? cause) => new(
        new PlatformError(
            ShipmentSyncErrorCodes.Platform,
            ShipmentSyncErrorCodes.CorruptRecord,
            $"The stored {part} of shipment '{shipmentId}' cannot be read" + (cause is null ? "." : " (" + cause.GetType().Name + ": " + cause.Message + ")."),
            ErrorCategory.Configuration,
            "Check what else writes to the store's file or keys; restore the record from a backup or remove it and submit the shipment again after checking it on the platform.")
        { Delivery = RequestDelivery.NotSent },
        cause);

    internal sealed class OutcomeDto
    {
        public string ShipmentId { get; set; } = string.Empty;

        public ShipmentSyncStatus Status { get; set; }

        public string? RuleId { get; set; }

        public string? Remedy { get; set; }

        public ErrorDto? Error { get; set; }

        public int Attempts { get; set; }

        public bool MayHaveBeenProcessed { get; set; }

        public static OutcomeDto From(ShipmentSyncOutcome outcome) => new()
        {
            ShipmentId = outcome.ShipmentId,
            Status = outcome.Status,
            RuleId = outcome.RuleId,
            Remedy = outcome.Remedy,
            Error = outcome.Error is null ? null : ErrorDto.From(outcome.Error),
            Attempts = outcome.Attempts,
            MayHaveBeenProcessed = outcome.MayHaveBeenProcessed,
        };

        public ShipmentSyncOutcome ToOutcome() => new()
        {
            ShipmentId = ShipmentId,
            Status = Status,
            RuleId = RuleId,
            Remedy = Remedy,
            Error = Error?.ToError(),
            Attempts = Attempts,
            MayHaveBeenProcessed = MayHaveBeenProcessed,
        };
    }

    /// <summary>The wire form of a <see cref="PlatformError"/>, whose constructor the serializer cannot see through.</summary>
    internal sealed class ErrorDto
    {
        public string Platform { get; set; } = string.Empty;

        public string Code { get; set; } = string.Empty;

        public string? SubCode { get; set; }

        public string Message { get; set; } = string.Empty;

        public ErrorCategory Category { get; set; }

        public string Remedy { get; set; } = string.Empty;

        public string? RuleId { get; set; }

        public string? RequestId { get; set; }

        public int HttpStatus { get; set; }

        public long? RetryAfterMilliseconds { get; set; }

        public bool IsTokenExpiry { get; set; }

        public RequestDelivery Delivery { get; set; }

        public static ErrorDto From(PlatformError error) => new()
        {
            Platform = error.Platform,
            Code = error.Code,
            SubCode = error.SubCode,
            Message = error.Message,
            Category = error.Category,
            Remedy = error.Remedy,
            RuleId = error.RuleId,
            RequestId = error.RequestId,
            HttpStatus = error.HttpStatus,
            RetryAfterMilliseconds = error.RetryAfter is { } after ? (long)after.TotalMilliseconds : null,
            IsTokenExpiry = error.IsTokenExpiry,
            Delivery = error.Delivery,
        };

        public PlatformError ToError() => new(Platform, Code, Message, Category, Remedy)
        {
            SubCode = SubCode,
            RuleId = RuleId,
            RequestId = RequestId,
            HttpStatus = HttpStatus,
            RetryAfter = RetryAfterMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            IsTokenExpiry = IsTokenExpiry,
            Delivery = Delivery,
        };
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Shipment))]
[JsonSerializable(typeof(ShipmentSyncJson.OutcomeDto))]
internal sealed partial class ShipmentSyncJsonContext : JsonSerializerContext
{
}
