using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PlatformSdk.Errors;
using PlatformSdk.Http;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Jushuitan.Models.Orders;
using PlatformSdk.Jushuitan.Protocol;
using PlatformSdk.Jushuitan.Validation;
using PlatformSdk.Paging;

namespace PlatformSdk.Jushuitan;

/// <summary>Order upload, query and cancel.</summary>
public class JushuitanOrdersClient
{
    private const string CancelledRemedy = "Jushuitan accepted the upload, but the order was cancelled in the ERP and stays cancelled (RJST-12): "
        + "uploading it again does not restore it. Restore it in the ERP by hand if the cancellation was wrong.";

    private const string NotFoundRemedy = "Jushuitan accepted the upload, but the ERP does not show the order (RJST-13). Check that the shop is enabled in the ERP "
        + "and, for unpaid orders, that the shop's 'download all orders' (下载全部订单) switch is on.";

    private readonly JushuitanTransport _transport = null!;

    internal JushuitanOrdersClient(JushuitanTransport transport) => _transport = transport;

    /// <summary>For mocking.</summary>
    protected JushuitanOrdersClient()
    {
    }

    /// <summary>
    /// Uploads orders to own-mall shops. Platform API: legacy <c>jushuitan.orders.upload</c>, open API
    /// <c>/open/jushuitan/orders/upload</c>. Every order is validated before anything is sent (doc §7, RJST-15/17/18/19/20).
    /// The upload is idempotent on (shop_id, so_id) (RJST-14), so it is retried on transient failures and a failed call
    /// can be repeated safely. Sent in batches of 50.
    /// </summary>
    /// <remarks>
    /// With <see cref="JushuitanOrderSettings.VerifyAfterUpload"/> on (default), the accepted orders are queried back: an order
    /// the ERP keeps cancelled is reported with <see cref="JushuitanOrderUploadResult.IsCancelledInErp"/> (RJST-12), one it does not
    /// show with <see cref="JushuitanOrderUploadResult.NotFoundAfterUpload"/> (RJST-13).
    /// </remarks>
    /// <param name="orders">The orders.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One result per order, in input order.</returns>
    /// <exception cref="PlatformValidationException">An order breaks a rule; nothing was sent.</exception>
    /// <exception cref="PlatformException">Jushuitan rejected a batch (for example RJST-06: not an own-mall shop) or the call failed.</exception>
    public virtual async Task<JushuitanUploadResult> UploadAsync(IReadOnlyList<JushuitanOrderUpload> orders, CancellationToken cancellationToken = default)
    {
        JushuitanOrderValidator.Validate(orders);
        var results = new List<JushuitanOrderUploadResult>(orders.Count);
        // The batches and the check query share one deadline: the whole call never outlasts the tenant's total timeout.
        using var deadline = PlatformDeadline.Start(_transport.Resilience.TotalTimeout, _transport.Time, cancellationToken);
        try
        {
            foreach (var batch in orders.Chunk(JushuitanWireChoices.UploadBatchSize))
            {
                var wire = batch.Select(JushuitanMappers.ToWire).ToList();
                var body = JushuitanWireChoices.UploadBizIsArray || _transport.Protocol == JushuitanProtocol.Legacy
                    ? JushuitanTransport.Serialize(wire, JushuitanJsonContext.Wire.ListUploadOrderWire)
                    : JushuitanTransport.Serialize(new UploadOrdersEnvelopeWire { Orders = wire }, JushuitanJsonContext.Wire.UploadOrdersEnvelopeWire);
                results.AddRange(await _transport.SendAsync(JushuitanApi.UploadOrders, body, reply => ReadUploadResults(reply, batch).ToList(), deadline.Token).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw deadline.Exceeded(JushuitanErrorCatalogue.Platform, "Uploading the orders", mayHaveHappened: true);
        }

        if (_transport.Options.Orders.VerifyAfterUpload)
        {
            results = await VerifyAsync(results, deadline, cancellationToken).ConfigureAwait(false);
        }

        return new JushuitanUploadResult(results);
    }

    /// <summary>
    /// Queries orders, paging and slicing as needed. Platform API: legacy <c>orders.single.query</c>, open API
    /// <c>/open/orders/single/query</c>. Time windows longer than 7 days are split into 7-day slices; so_ids are sent 20 per
    /// call; orders are deduplicated by o_id.
    /// </summary>
    /// <remarks>
    /// Query by time returns every status except orders of Taobao-family shops, which need Qimen (RJST-16; see
    /// <see cref="JushuitanPlatforms.RequiresQimen"/>). For out-of-stock orders, query status
    /// <see cref="JushuitanOrderStatus.Question"/> with <see cref="JushuitanOrderQuery.QuestionDescContains"/> (RJST-10).
    /// </remarks>
    /// <param name="query">Which orders.</param>
    /// <param name="cancellationToken">Cancels every enumeration of the result.</param>
    /// <returns>The orders.</returns>
    /// <exception cref="PlatformValidationException">The query is incomplete or inconsistent; nothing was sent.</exception>
    public virtual PlatformPageable<JushuitanOrder> QueryAsync(JushuitanOrderQuery query, CancellationToken cancellationToken = default)
        => PlatformPageable.Create<JushuitanOrder>((token, _, ct) => QueryPagesAsync(query, token, ct), cancellationToken);

    // The query is split into parts (7-day windows × so_id chunks × o_id chunks, RJST-05), each paged; a continuation token is
    // part:<k>;page:<n>. Orders are deduplicated by o_id within one enumeration.
    private async IAsyncEnumerable<PlatformPage<JushuitanOrder>> QueryPagesAsync(JushuitanOrderQuery query, string? continuationToken,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        JushuitanRequestValidator.Query(query);
        var windows = query.ModifiedBegin is { } begin && query.ModifiedEnd is { } end
            ? JushuitanTimeWindows.Slice(begin, end).Select(w => ((DateTimeOffset, DateTimeOffset)?)w).ToList()
            : [null];
        List<List<string>?> soChunks = query.SoIds is { Count: > 0 } soIds ? soIds.Chunk(JushuitanWireChoices.QuerySoIdsPerCall).Select(c => (List<string>?)c.ToList()).ToList() : [null];
        List<List<long>?> oChunks = query.OIds is { Count: > 0 } oIds ? oIds.Chunk(JushuitanWireChoices.OrderPageSize).Select(c => (List<long>?)c.ToList()).ToList() : [null];
        var parts = (from window in windows from soChunk in soChunks from oChunk in oChunks select (window, soChunk, oChunk)).ToList();
        var (startPart, startPage) = ParseOrderToken(continuationToken, parts.Count);
        var seen = new HashSet<long>();
        for (var part = startPart; part < parts.Count; part++)
        {
            var (window, soChunk, oChunk) = parts[part];
            var pages = JushuitanPaging.PagesAsync(_transport, JushuitanApi.QueryOrders, (index, size) => JushuitanTransport.Serialize(new OrderQueryWire
            {
                ShopId = query.ShopId,
                SoIds = soChunk,
                OIds = oChunk,
                ModifiedBegin = window is { } w1 ? JushuitanWireTime.Format(w1.Item1) : null,
                ModifiedEnd = window is { } w2 ? JushuitanWireTime.Format(w2.Item2) : null,
                DateType = window is null || query.DateType == JushuitanOrderDateType.Modified ? null : (int)query.DateType,
                Status = query.Status?.Value,
                PageIndex = index,
                PageSize = size,
            }, JushuitanJsonContext.Wire.OrderQueryWire), JushuitanWireChoices.OrderPageSize, JushuitanMappers.Order, null,
                part == startPart ? startPage : 1, cancellationToken);
            await foreach (var page in pages.ConfigureAwait(false))
            {
                var orders = new List<JushuitanOrder>(page.Values.Count);
                foreach (var order in page.Values)
                {
                    if (order.OId != 0 && !seen.Add(order.OId))
                    {
                        continue;
                    }

                    if (query.QuestionDescContains is { Length: > 0 } fragment
                        && (order.QuestionDesc is null || !order.QuestionDesc.Contains(fragment, StringComparison.OrdinalIgnoreCase)))
                    {
                        continue;
                    }

                    orders.Add(order);
                }

                var next = page.ContinuationToken is { } pageToken ? OrderToken(part, JushuitanPaging.StartPage(pageToken))
                    : part + 1 < parts.Count ? OrderToken(part + 1, 1)
                    : null;
                yield return new PlatformPage<JushuitanOrder>(orders, next);
            }
        }
    }

    private static string OrderToken(int part, int page) => string.Create(CultureInfo.InvariantCulture, $"part:{part};{JushuitanPaging.PageToken(page)}");

    private static (int Part, int Page) ParseOrderToken(string? continuationToken, int parts)
    {
        if (continuationToken is null)
        {
            return (0, 1);
        }

        var separator = continuationToken.IndexOf(';', StringComparison.Ordinal);
        if (continuationToken.StartsWith("part:", StringComparison.Ordinal) && separator > 5
            && int.TryParse(continuationToken.AsSpan(5, separator - 5), NumberStyles.None, CultureInfo.InvariantCulture, out var part) && part < parts)
        {
            return (part, JushuitanPaging.StartPage(continuationToken[(separator + 1)..]));
        }

        throw new FormatException($"'{continuationToken}' is not a continuation token of this order query (part:<k>;page:<n>).");
    }

    /// <summary>Reads every matching order into a list (see <see cref="QueryAsync"/>).</summary>
    /// <param name="query">Which orders.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The orders.</returns>
    public virtual async Task<IReadOnlyList<JushuitanOrder>> ListAsync(JushuitanOrderQuery query, CancellationToken cancellationToken = default)
    {
        var orders = new List<JushuitanOrder>();
        await foreach (var order in QueryAsync(query, cancellationToken).ConfigureAwait(false))
        {
            orders.Add(order);
        }

        return orders;
    }

    /// <summary>
    /// Cancels orders by online order number. Platform API: legacy <c>jushuitan.orders.cancel</c> (by shop_id + so_id), open API
    /// <c>/open/jushuitan/orderbyoid/cancel</c> (by o_id, looked up first with the order query). Never retried automatically
    /// after it may have reached Jushuitan.
    /// </summary>
    /// <remarks>
    /// The orders are queried first. Cancelling a split order cancels all its sub-orders (RJST-08), so an order the ERP holds
    /// more than once for the so_id, or marks split, is refused unless <see cref="JushuitanCancelRequest.AllowSplitOrderCancellation"/> is set.
    /// </remarks>
    /// <param name="request">What to cancel.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What was cancelled.</returns>
    /// <exception cref="PlatformValidationException">The request is invalid, or an order is split without opt-in (RJST-08); nothing was sent.</exception>
    /// <exception cref="PlatformException">An order does not exist in the ERP, or Jushuitan rejected the cancel.</exception>
    public virtual async Task<JushuitanCancelResult> CancelAsync(JushuitanCancelRequest request, CancellationToken cancellationToken = default)
    {
        JushuitanRequestValidator.Cancel(request);

        // The lookup and every cancel batch share one deadline: the whole call never outlasts the tenant's total timeout.
        using var deadline = PlatformDeadline.Start(_transport.Resilience.TotalTimeout, _transport.Time, cancellationToken);
        IReadOnlyList<JushuitanOrder> found;
        try
        {
            found = await ListAsync(new JushuitanOrderQuery { ShopId = request.ShopId, SoIds = request.SoIds }, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw deadline.Exceeded(JushuitanErrorCatalogue.Platform, "Looking up the orders to cancel", mayHaveHappened: false);
        }

        var bySoId = found.Where(o => o.SoId is not null).GroupBy(o => o.SoId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var oIds = new List<long>();
        for (var i = 0; i < request.SoIds.Count; i++)
        {
            var soId = request.SoIds[i];
            if (!bySoId.TryGetValue(soId, out var matches))
            {
                throw new PlatformException(new PlatformError(JushuitanErrorCatalogue.Platform, "order-not-found",
                    $"Shop {request.ShopId} has no order with so_id '{soId}' in the ERP; nothing was cancelled.", ErrorCategory.BusinessRule,
                    "Check the shop_id and so_id; an order must be uploaded (and visible, RJST-13) before it can be cancelled."));
            }

            JushuitanRequestValidator.SplitCancellation(i, soId, matches, request.AllowSplitOrderCancellation);

            oIds.AddRange(matches.Where(m => m.Status != JushuitanOrderStatus.Cancelled && m.OId != 0).Select(m => m.OId));
        }

        string? message = null;
        var cancelled = new List<string>();
        try
        {
            if (_transport.Protocol == JushuitanProtocol.Legacy)
            {
                foreach (var batch in request.SoIds.Chunk(JushuitanWireChoices.CancelBatchSize))
                {
                    var body = JushuitanTransport.Serialize(batch.Select(s => new LegacyCancelWire { ShopId = request.ShopId, SoId = s }).ToList(),
                        JushuitanJsonContext.Wire.ListLegacyCancelWire);
                    message = await _transport.SendAsync(JushuitanApi.CancelOrders, body, reply => reply.Message, deadline.Token).ConfigureAwait(false);
                    cancelled.AddRange(batch.Select(s => "so_id " + s));
                }
            }
            else
            {
                foreach (var batch in oIds.Distinct().Chunk(JushuitanWireChoices.CancelBatchSize))
                {
                    var body = JushuitanTransport.Serialize(new OpenCancelWire
                    {
                        OIds = batch.ToList(),
                        CancelType = string.IsNullOrEmpty(request.CancelType) ? null : request.CancelType,
                        Remark = string.IsNullOrEmpty(request.Remark) ? null : request.Remark,
                    }, JushuitanJsonContext.Wire.OpenCancelWire);
                    message = await _transport.SendAsync(JushuitanApi.CancelOrders, body,
                        reply => reply.Root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.String ? JushuitanJson.Text(data) ?? reply.Message : reply.Message,
                        deadline.Token).ConfigureAwait(false);
                    cancelled.AddRange(batch.Select(o => "o_id " + o.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw deadline.Exceeded(JushuitanErrorCatalogue.Platform, "Cancelling the orders", mayHaveHappened: true);
        }
        catch (PlatformException ex) when (cancelled.Count > 0)
        {
            // A later batch failing does not undo the earlier ones: the caller must not read this as "nothing was cancelled".
            throw new PlatformException(ex.Error with
            {
                Delivery = RequestDelivery.OutcomeUnknown,
                Remedy = ex.Error.Remedy + $" Earlier batches of this call were cancelled ({string.Join(", ", cancelled.Take(10))}{(cancelled.Count > 10 ? ", …" : string.Empty)}): "
                    + "query the orders before sending the cancel again.",
            }, ex) { MayHaveBeenProcessed = true };
        }

        return new JushuitanCancelResult(request.SoIds.ToArray(), oIds.Distinct().ToArray(), message);
    }

    private static IEnumerable<JushuitanOrderUploadResult> ReadUploadResults(JushuitanEnvelope reply, JushuitanOrderUpload[] batch)
    {
        var rows = JushuitanJson.Array(reply.Payload, "datas").ToList();
        if (rows.Count == 0)
        {
            rows = JushuitanJson.Array(reply.Root, "datas").Concat(JushuitanJson.Array(reply.Root, "data")).ToList();
        }

        // One batch may hold the same so_id for two shops (RJST-09) and rows carry no shop_id: hand out rows per so_id in order.
        var bySoId = new Dictionary<string, Queue<JsonElement>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (JushuitanJson.String(row, "so_id") is { } soId)
            {
                if (!bySoId.TryGetValue(soId, out var queue))
                {
                    bySoId[soId] = queue = new Queue<JsonElement>();
                }

                queue.Enqueue(row);
            }
        }

        foreach (var order in batch)
        {
            if (!bySoId.TryGetValue(order.SoId, out var queue) || !queue.TryDequeue(out var row))
            {
                // No per-order row (legacy replies may have none, doc §7): the envelope's success stands for every order.
                yield return new JushuitanOrderUploadResult { ShopId = order.ShopId, SoId = order.SoId, IsSuccess = true, Message = reply.Message };
                continue;
            }

            var success = JushuitanJson.Bool(row, "issuccess") ?? true;
            var message = JushuitanJson.String(row, "msg") ?? JushuitanJson.String(row, "message");
            var error = success ? null : JushuitanErrorCatalogue.Instance.Classify(JushuitanJson.String(row, "code") ?? "0", null, message ?? string.Empty);
            yield return new JushuitanOrderUploadResult
            {
                ShopId = order.ShopId,
                SoId = order.SoId,
                OId = JushuitanJson.Long(row, "o_id") is { } oId && oId != 0 ? oId : null,
                IsSuccess = success,
                Message = message,
                Error = error,
                Remedy = error?.Remedy,
            };
        }
    }

    private async Task<List<JushuitanOrderUploadResult>> VerifyAsync(List<JushuitanOrderUploadResult> results, PlatformDeadline deadline, CancellationToken cancellationToken)
    {
        var verified = new List<JushuitanOrderUploadResult>(results);
        foreach (var shop in results.Where(r => r.IsSuccess).GroupBy(r => r.ShopId))
        {
            IReadOnlyList<JushuitanOrder> found;
            try
            {
                found = await ListAsync(new JushuitanOrderQuery { ShopId = shop.Key, SoIds = shop.Select(r => r.SoId).Distinct().ToArray() }, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is PlatformException || (failure is OperationCanceledException && deadline.Expired && !cancellationToken.IsCancellationRequested))
            {
                // The uploads were accepted: a check that fails or runs out of the call's deadline never loses their results.
                var ex = failure as PlatformException ?? deadline.Exceeded(JushuitanErrorCatalogue.Platform, "The check query", mayHaveHappened: false);
                for (var i = 0; i < verified.Count; i++)
                {
                    if (verified[i].IsSuccess && verified[i].ShopId == shop.Key)
                    {
                        verified[i] = verified[i] with
                        {
                            Verification = JushuitanUploadVerification.CheckFailed,
                            Remedy = "The upload succeeded but the check query failed (" + ex.ErrorCode + "); query the order later to confirm it.",
                        };
                    }
                }

                continue;
            }

            var bySoId = found.Where(o => o.SoId is not null).GroupBy(o => o.SoId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            for (var i = 0; i < verified.Count; i++)
            {
                var result = verified[i];
                if (!result.IsSuccess || result.ShopId != shop.Key)
                {
                    continue;
                }

                if (!bySoId.TryGetValue(result.SoId, out var matches))
                {
                    verified[i] = result with { Verification = JushuitanUploadVerification.NotFound, Remedy = NotFoundRemedy };
                }
                else if (matches.All(m => m.Status == JushuitanOrderStatus.Cancelled))
                {
                    verified[i] = result with
                    {
                        Verification = JushuitanUploadVerification.CancelledInErp,
                        ErpStatus = JushuitanOrderStatus.Cancelled,
                        OId = result.OId ?? matches[0].OId,
                        Remedy = CancelledRemedy,
                    };
                }
                else
                {
                    var live = matches.First(m => m.Status != JushuitanOrderStatus.Cancelled);
                    verified[i] = result with { Verification = JushuitanUploadVerification.Found, ErpStatus = live.Status, OId = result.OId ?? live.OId };
                }
            }
        }

        return verified;
    }
}
