using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Logistics.Carriers;
using PlatformSdk.Top;

namespace PlatformSdk.Logistics.Senders.Taobao;

/// <summary>
/// Taobao's carrier list (<c>taobao.logistics.companies.get</c>, fields <c>id,code,name,reg_mail_no</c>) as the registry's
/// <see cref="PlatformCarrier"/> rows, for <c>CarrierRegistry.Diff(ShipmentPlatforms.Taobao, …)</c>: the code is TOP's
/// <c>company_code</c>, <c>reg_mail_no</c> the tracking-number pattern.
/// </summary>
public static class TaobaoCarrierList
{
    private static readonly TopOperation CompaniesGet = new(TaobaoLogisticsWireChoices.CompaniesGetMethod, OperationIdempotency.Read, ShipmentPlatforms.Taobao);

    /// <summary>Downloads the carrier list.</summary>
    /// <param name="top">The TOP client.</param>
    /// <param name="seller">The seller whose session is sent, or <see langword="null"/> to call with the app alone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The carriers, in TOP's order.</returns>
    /// <exception cref="PlatformException">TOP refused, or the reply could not be read.</exception>
    public static async Task<IReadOnlyList<PlatformCarrier>> GetAsync(TopClient top, string? seller = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(top);
        var result = await top.ExecuteAsync(CompaniesGet, [new("fields", TaobaoLogisticsWireChoices.CompaniesGetFields)], seller, cancellationToken)
            .ConfigureAwait(false);
        return Read(result.Result);
    }

    /// <summary>Reads a <c>companies.get</c> success object (wrapped or simplified list); rows without a code are left out.</summary>
    /// <param name="result">The success object.</param>
    /// <returns>The carriers.</returns>
    /// <exception cref="PlatformException">The object holds no carrier list (malformed-response).</exception>
    public static IReadOnlyList<PlatformCarrier> Read(JsonElement result)
    {
        if (result.ValueKind != JsonValueKind.Object || !result.TryGetProperty(TaobaoLogisticsWireChoices.CompaniesObject, out _))
        {
            // TOP leaves an empty list out of the reply, so an object without it is an empty list, but anything else is not a reply.
            if (result.ValueKind == JsonValueKind.Object)
            {
                return [];
            }

            throw new PlatformException(new PlatformError(ShipmentPlatforms.Taobao, PlatformErrorCodes.MalformedResponse,
                "taobao.logistics.companies.get answered no object.", ErrorCategory.Transient, "Download the carrier list again."));
        }

        return TaobaoShipmentSender.Items(result, TaobaoLogisticsWireChoices.CompaniesObject, TaobaoLogisticsWireChoices.CompanyElement)
            .Select(row => (Code: PlatformJsonText.Property(row, "code")?.Trim(), Row: row))
            .Where(r => !string.IsNullOrEmpty(r.Code))
            .Select(r => new PlatformCarrier(r.Code!, PlatformJsonText.Property(r.Row, "name"))
            {
                Id = PlatformJsonText.Property(r.Row, "id"),
                TrackingNumberPattern = PlatformJsonText.Property(r.Row, "reg_mail_no") is { Length: > 0 } pattern ? pattern : null,
            })
            .ToArray().AsReadOnly();
    }
}
