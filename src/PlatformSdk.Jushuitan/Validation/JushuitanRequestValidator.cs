using System.Globalization;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Models.Shops;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Validation;

namespace PlatformSdk.Jushuitan.Validation;

/// <summary>
/// The input checks of the Jushuitan client calls other than order upload (<see cref="JushuitanOrderValidator"/>): order queries,
/// cancels (RJST-08), carrier windows (RJST-04) and authorization codes.
/// </summary>
internal static class JushuitanRequestValidator
{
    private static readonly ValidationGuard Guard = new(JushuitanErrorCatalogue.Platform);

    /// <summary>An order query: a complete, ordered time window or ids, positive shop id, so_ids within limits.</summary>
    public static void Query(JushuitanOrderQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.ModifiedBegin.HasValue != query.ModifiedEnd.HasValue)
        {
            Guard.Fail(query.ModifiedBegin.HasValue ? "modified_end" : "modified_begin", null, null, "give both modified_begin and modified_end, or neither.");
        }

        if (query.ModifiedBegin is { } first && query.ModifiedEnd is { } last)
        {
            // Dates the wire cannot express, or a forgotten (default) start, would otherwise become ~100,000 seven-day windows.
            Guard.WireTime("modified_begin", first);
            Guard.WireTime("modified_end", last);

            if (last < first)
            {
                Guard.Fail("modified_end", JushuitanWireTime.Format(last), null, $"the window ends before it begins ({JushuitanWireTime.Format(first)}).");
            }

            if (last - first > JushuitanWireChoices.MaxQueryRange)
            {
                Guard.Fail("modified_begin", JushuitanWireTime.Format(first), null,
                    $"the window spans {(last - first).TotalDays:0} days; at most {JushuitanWireChoices.MaxQueryRange.TotalDays:0} days are queried in one call "
                    + $"({JushuitanWireChoices.MaxQueryRange.TotalDays / JushuitanWireChoices.MaxQueryWindow.TotalDays:0} seven-day requests). Query a shorter range, or several.");
            }
        }

        if (query.ModifiedBegin is null && query.SoIds is not { Count: > 0 } && query.OIds is not { Count: > 0 })
        {
            Guard.Fail("modified_begin", null, null, "give a time window, so_ids or o_ids; Jushuitan requires at least one.");
        }

        if (query.ShopId is { } shopId)
        {
            Guard.Positive("shop_id", shopId);
        }

        for (var i = 0; i < (query.SoIds?.Count ?? 0); i++)
        {
            Guard.Identifier($"so_ids[{i}]", query.SoIds![i], 50, "RJST-14");
        }

        for (var i = 0; i < (query.OIds?.Count ?? 0); i++)
        {
            Guard.Positive($"o_ids[{i}]", query.OIds![i]);
        }

        if (!Enum.IsDefined(query.DateType))
        {
            Guard.Fail("date_type", ((int)query.DateType).ToString(CultureInfo.InvariantCulture), null, "not a known date_type.");
        }

        if (query.Status is { } status)
        {
            Guard.Identifier("status", status.Value, null);
        }
    }

    /// <summary>A cancel request: a positive shop id and at least one distinct so_id within limits.</summary>
    public static void Cancel(JushuitanCancelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Guard.Positive("shop_id", request.ShopId);
        if (request.SoIds is null || request.SoIds.Count == 0)
        {
            Guard.Fail("so_ids", "0", null, "at least one so_id is required.");
        }

        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.SoIds!.Count; i++)
        {
            Guard.Identifier($"so_ids[{i}]", request.SoIds[i], 50, "RJST-14");
            if (!distinct.Add(request.SoIds[i]))
            {
                Guard.Fail($"so_ids[{i}]", request.SoIds[i], null, "the so_id is listed twice.");
            }
        }

        Guard.OptionalIdentifier("cancel_type", request.CancelType, null);
        Guard.Text("remark", request.Remark, null);
    }

    /// <summary>RJST-08: a split order (held more than once for the so_id, or marked split) is cancelled only on purpose.</summary>
    /// <param name="index">The so_id's index in the request.</param>
    /// <param name="soId">The so_id.</param>
    /// <param name="matches">The ERP orders found for it.</param>
    /// <param name="allowSplitOrderCancellation">The request's opt-in.</param>
    public static void SplitCancellation(int index, string soId, IReadOnlyList<JushuitanOrder> matches, bool allowSplitOrderCancellation)
    {
        var split = matches.Count > 1 || matches.Any(o => o.Status == JushuitanOrderStatus.Split || o.IsSplit == true);
        if (split && !allowSplitOrderCancellation)
        {
            Guard.Fail($"so_ids[{index}]", soId, "RJST-08",
                $"the order is split into {matches.Count} ERP orders (o_id {string.Join(", ", matches.Select(m => m.OId.ToString(CultureInfo.InvariantCulture)))}); "
                + "cancelling it cancels all of them. Set AllowSplitOrderCancellation = true to do that on purpose.");
        }
    }

    /// <summary>RJST-04: a carrier query gives both ends of its modification window, in order, or neither.</summary>
    public static void LogisticsWindow(DateTimeOffset? modifiedBegin, DateTimeOffset? modifiedEnd)
    {
        if (modifiedBegin is { } begin)
        {
            Guard.WireTime("modified_begin", begin, "RJST-04");
        }

        if (modifiedEnd is { } end)
        {
            Guard.WireTime("modified_end", end, "RJST-04");
        }

        if (modifiedBegin.HasValue != modifiedEnd.HasValue)
        {
            Guard.Fail(modifiedBegin.HasValue ? "modified_end" : "modified_begin", null, "RJST-04",
                "give both modified_begin and modified_end, or neither to list every carrier.");
        }

        if (modifiedBegin > modifiedEnd)
        {
            Guard.Fail("modified_end", JushuitanWireTime.Format(modifiedEnd!.Value), "RJST-04",
                $"the window must not end before it begins ({JushuitanWireTime.Format(modifiedBegin!.Value)}).");
        }
    }

    /// <summary>A shop query's filters: positive shop ids and nicks that are valid ids.</summary>
    public static void Shops(JushuitanShopQuery? query)
    {
        if (query is null)
        {
            return;
        }

        for (var i = 0; i < (query.ShopIds?.Count ?? 0); i++)
        {
            Guard.Positive($"shop_ids[{i}]", query.ShopIds![i], "RJST-04");
        }

        for (var i = 0; i < (query.Nicks?.Count ?? 0); i++)
        {
            Guard.Identifier($"nicks[{i}]", query.Nicks![i], null);
        }
    }

    /// <summary>The code of an open API token request.</summary>
    public static void AuthorizationCode(string code) => Guard.Identifier("code", code, null);

    /// <summary>The optional <c>state</c> of the authorization page: echoed back to the callback, so it must be a plain value.</summary>
    public static void AuthorizationState(string? state) => Guard.OptionalIdentifier("state", state, MaxStateLength);

    // The authorization page echoes state in the callback URL: an SDK cap (as for 1688) that keeps the URL short.
    private const int MaxStateLength = 512;
}
