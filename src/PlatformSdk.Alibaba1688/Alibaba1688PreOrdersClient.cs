using PlatformSdk.Http;
using System.Globalization;
using System.Text.Json;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Alibaba1688.Models.PreOrders;
using PlatformSdk.Alibaba1688.Protocol;
using PlatformSdk.Alibaba1688.Validation;
using PlatformSdk.Errors;
using PlatformSdk.Money;

namespace PlatformSdk.Alibaba1688;

/// <summary>
/// One shop's pre-orders (E经经 预订单, R1688-13..20): create an order from a sales order, fetch its payment link and render it as
/// a QR code the buyer scans with the Alipay or Alibaba app. The creation API is <c>alibaba.trade.fastCreateOrder</c>
/// (a stand-in: no 1688 pre-order API was found, doc §7).
/// </summary>
public class Alibaba1688PreOrdersClient
{
    private readonly Alibaba1688Transport _transport = null!;
    private readonly string _shop = null!;
    private readonly Alibaba1688OrdersClient _orders = null!;

    internal Alibaba1688PreOrdersClient(Alibaba1688Transport transport, string shop, Alibaba1688OrdersClient orders)
    {
        _transport = transport;
        _shop = shop;
        _orders = orders;
    }

    /// <summary>For mocking.</summary>
    protected Alibaba1688PreOrdersClient()
    {
    }

    /// <summary>
    /// Creates a pre-order. Before sending: at most 50 lines (R1688-19; split with <see cref="Alibaba1688PreOrderValidator.Split"/>),
    /// non-negative freight deciding the logistics mode (R1688-13), a bound market (R1688-04). Lines priced more than 30% from their
    /// list price are reported, not refused (R1688-23). The sales order id is sent as <c>outOrderId</c>; the call is never resent
    /// blindly: when it fails after it may have reached 1688, the order is looked up by <c>outOrderId</c> and returned if found.
    /// Then the payment link is fetched and rendered as PNG and SVG QR codes. A freight 1688 computes differently from the sales
    /// order is a warning (R1688-15). The create, its reconcile lookup and the payment link share one deadline (the total timeout):
    /// a link not fetched in time is reported in <see cref="Alibaba1688PreOrderResult.PaymentLinkError"/> with the order id.
    /// </summary>
    /// <param name="request">The pre-order.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created order with its payment link.</returns>
    public virtual async Task<Alibaba1688PreOrderResult> CreateAsync(Alibaba1688PreOrderRequest request, CancellationToken cancellationToken = default)
    {
        var mode = Alibaba1688PreOrderValidator.Validate(request);
        _transport.Options.Shops.TryGetValue(_shop, out var shopOptions);
        if (string.IsNullOrWhiteSpace(request.Market ?? shopOptions?.Market))
        {
            var error = Alibaba1688ErrorCatalogue.Instance.Classify("market-not-set", null,
                $"当前店铺没有设置对应市场: shop '{_shop}' has no market; set Shops:{_shop}:Market or the request's Market. The request was not sent.");
            throw new PlatformException(error);
        }

        var deviations = Alibaba1688PreOrderRules.FindPriceDeviations(request.Lines);
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("flow", Alibaba1688WireChoices.PreOrderFlow),
            new("cargoParamList", Alibaba1688JsonContext.Serialize(request.Lines.Select(l => new CargoParamWire
            {
                OfferId = l.OfferId,
                SpecId = Alibaba1688WireChoices.OmitSpecIdWhenNoSku ? l.SpecId : l.SpecId ?? string.Empty,
                Quantity = l.Quantity,
            }).ToList(), Alibaba1688JsonContext.Wire.ListCargoParamWire)),
            new("outOrderId", request.SalesOrderId),
        };
        if (!string.IsNullOrEmpty(request.Message))
        {
            parameters.Add(new("message", request.Message));
        }

        if (request.Receiver is { } r)
        {
            parameters.Add(new("addressParam", Alibaba1688JsonContext.Serialize(new AddressParamWire
            {
                FullName = r.FullName, Mobile = r.Mobile, Phone = r.Phone, PostCode = r.PostCode, ProvinceText = r.Province,
                CityText = r.City, AreaText = r.Area, TownText = r.Town, Address = r.Address,
            }, Alibaba1688JsonContext.Wire.AddressParamWire)));
        }

        long orderId;
        long? totalFen = null;
        long? postFeeFen = null;
        List<Alibaba1688FailedLine> failed = [];
        var reconciled = false;
        // The create and its reconcile lookup share one deadline: together they never outlast the total timeout.
        using var deadline = PlatformDeadline.Start(_transport.Resilience.TotalTimeout, _transport.Time, cancellationToken);
        try
        {
            (orderId, totalFen, postFeeFen, failed) = await _transport.SendAsync(_shop, Alibaba1688Api.CreatePreOrder, parameters, root =>
            {
                var result = Alibaba1688Json.Property(root, "result") ?? root;
                var lines = new List<Alibaba1688FailedLine>();
                foreach (var line in Alibaba1688Json.Array(result, "failedOfferList"))
                {
                    var message = Alibaba1688Json.String(line, "errorMessage", "errorMsg", "message") ?? string.Empty;
                    lines.Add(new Alibaba1688FailedLine(Alibaba1688Json.Long(line, "offerId"), Alibaba1688Json.String(line, "specId"),
                        Alibaba1688ErrorCatalogue.Instance.Classify(Alibaba1688Json.String(line, "errorCode") ?? Alibaba1688ResponseClassifier.UnnamedBusinessErrorCode, null, message)));
                }

                // Every line refused is a definite answer (nothing created); no order id without refusals leaves the outcome unknown.
                var id = Alibaba1688Json.Long(result, "orderId")
                    ?? throw new PlatformException(lines.Count > 0
                        ? lines[0].Error
                        : new PlatformError(Alibaba1688ErrorCatalogue.Platform, PlatformErrorCodes.MalformedResponse, "1688's order reply has no orderId.", ErrorCategory.Unknown,
                            $"The order may have been created: look it up by outOrderId '{request.SalesOrderId}' (Orders.FindByOutOrderIdAsync) before sending again.")
                        {
                            Delivery = RequestDelivery.OutcomeUnknown,
                        });
                return (id, Alibaba1688Json.Long(result, "totalSuccessAmount"), Alibaba1688Json.Long(result, "postFee"), lines);
            }, deadline.Token).ConfigureAwait(false);
        }
        catch (PlatformException ex) when (ex.MayHaveBeenProcessed)
        {
            // Never resend blindly (doc §6): an order found by outOrderId was created by this call.
            Models.Orders.Alibaba1688Order? found;
            try
            {
                found = await _orders.FindByOutOrderIdAsync(request.SalesOrderId, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception lookup) when (lookup is PlatformException || (lookup is OperationCanceledException && deadline.Expired))
            {
                // The lookup failing tells nothing: the create's ambiguity stands, with the lookup's failure attached.
                throw PlatformOutcomePolicy.ReconcileFailed(ex, lookup);
            }

            if (found is null)
            {
                throw;
            }

            orderId = found.OrderId;
            reconciled = true;
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            throw deadline.Exceeded(Alibaba1688ErrorCatalogue.Platform, "Creating the pre-order", mayHaveHappened: true);
        }

        string? freightWarning = null;
        if (postFeeFen is { } fee && fee != Cny.ToFen(request.Freight))
        {
            freightWarning = string.Create(CultureInfo.InvariantCulture,
                $"1688 computed freight {Cny.Format(Cny.FromFen(fee))} but the sales order says {Cny.Format(request.Freight)}; freight must be real (R1688-15).");
        }

        Alibaba1688PaymentLink? link = null;
        PlatformError? linkError = null;
        try
        {
            // Still inside the create's deadline: the whole call never outlasts the total timeout, and a late link is reported, not thrown.
            link = await GetPaymentLinkAsync([orderId], deadline.Token).ConfigureAwait(false);
            if (!link.IsComplete)
            {
                linkError = new PlatformError(Alibaba1688ErrorCatalogue.Platform, "payment-link-failed",
                    string.Create(CultureInfo.InvariantCulture, $"1688 returned no payment link for order {orderId}."), ErrorCategory.Unknown,
                    "The order exists; fetch the link again later with GetPaymentLinkAsync.");
            }
        }
        catch (PlatformException ex) when (ex is not PlatformValidationException)
        {
            // The order exists: report the missing link rather than lose the order id.
            linkError = ex.Error;
        }
        catch (OperationCanceledException) when (deadline.Expired)
        {
            linkError = deadline.Exceeded(Alibaba1688ErrorCatalogue.Platform, "Fetching the payment link", mayHaveHappened: false).Error with
            {
                Remedy = "The order exists; fetch its payment link again with GetPaymentLinkAsync.",
            };
        }

        var url = link?.IsComplete == true ? link.PayUrl : null;
        ReadOnlyMemory<byte> qrPng = ReadOnlyMemory<byte>.Empty;
        string? qrSvg = null;
        if (url is not null && Alibaba1688WireChoices.RenderPaymentUrlAsQr)
        {
            try
            {
                qrPng = Alibaba1688PaymentQr.RenderPng(url);
                qrSvg = Alibaba1688PaymentQr.RenderSvg(url);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The order exists: a payment URL too long for a QR code (or any rendering failure) must not lose its id.
                linkError = new PlatformError(Alibaba1688ErrorCatalogue.Platform, "payment-qr-failed",
                    $"The payment link could not be rendered as a QR code ({ex.GetType().Name}: {ex.Message}).", ErrorCategory.Unknown,
                    "The order exists and the payment link is in PaymentLink.PayUrl: send the link itself, or render it with another tool.");
            }
        }

        return new Alibaba1688PreOrderResult
        {
            OrderId = orderId,
            SalesOrderId = request.SalesOrderId,
            LogisticsMode = mode,
            PlatformTotalAmount = totalFen is { } total ? Cny.FromFen(total) : null,
            PlatformFreight = postFeeFen is { } post ? Cny.FromFen(post) : null,
            FreightWarning = freightWarning,
            FailedLines = failed,
            PriceDeviations = deviations,
            PaymentLink = link,
            PaymentLinkError = linkError,
            PaymentQrPng = qrPng,
            PaymentQrSvg = qrSvg,
            Reconciled = reconciled,
        };
    }

    /// <summary>
    /// Fetches the cashier URL for up to 100 orders (<c>alibaba.alipay.url.get</c>): one order gives the 1688 cashier, several the
    /// Alipay cashier. Render it with <see cref="Alibaba1688PaymentQr"/>. Safe to repeat.
    /// </summary>
    /// <param name="orderIds">1 to 100 order ids.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link, with the orders 1688 could not include.</returns>
    public virtual async Task<Alibaba1688PaymentLink> GetPaymentLinkAsync(IReadOnlyList<long> orderIds, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.PaymentLinkOrders(orderIds);

        return await _transport.SendAsync(_shop, Alibaba1688Api.PaymentUrl,
            [new("orderIdList", Alibaba1688JsonContext.Serialize(orderIds.ToList(), Alibaba1688JsonContext.Wire.ListInt64))], root =>
            {
                var failedIds = Alibaba1688Json.Array(root, "payFailureOrderList")
                    .Select(e => e.ValueKind == JsonValueKind.Object ? Alibaba1688Json.Long(e, "orderId", "id") : long.TryParse(Alibaba1688Json.AsText(e), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null)
                    .OfType<long>().ToArray();
                return new Alibaba1688PaymentLink(orderIds.ToArray(), Alibaba1688Json.String(root, "payUrl"), failedIds);
            }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Fetches payment links for any number of orders, 100 per call.</summary>
    /// <param name="orderIds">The order ids.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>One link per batch of up to 100 orders, in order.</returns>
    public virtual async Task<IReadOnlyList<Alibaba1688PaymentLink>> GetPaymentLinksAsync(IReadOnlyList<long> orderIds, CancellationToken cancellationToken = default)
    {
        Alibaba1688RequestValidator.PaymentLinkOrderIds(orderIds);
        var links = new List<Alibaba1688PaymentLink>();
        foreach (var batch in orderIds.Chunk(Alibaba1688WireChoices.MaxOrdersPerPaymentLink))
        {
            links.Add(await GetPaymentLinkAsync(batch, cancellationToken).ConfigureAwait(false));
        }

        return links;
    }
}
