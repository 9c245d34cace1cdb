using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Testing.Top;
using PlatformSdk.TmallGlobalDirect.Callbacks;

namespace PlatformSdk.TmallGlobalDirect.Tests.Callbacks;

public sealed class InventoryAndAuthorizationTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static AicInventoryPublishRequest Publish(long quantity, long? reserved = null, AicInventoryMode mode = AicInventoryMode.FullAmount) => new()
    {
        Mode = mode,
        OperationOrderId = "INV-0001",
        Lines = [new() { StoreCode = CallbackHarness.Store, ScItemId = "SC-1", Quantity = quantity, ReservedQuantity = reserved, OperationDetailOrderId = "INV-0001-1" }],
    };

    [Fact]
    [Rule("RTGD-09")]
    public async Task RTGD09_a_total_below_the_known_reserved_quantity_is_refused_before_the_network()
    {
        await using var h = CallbackHarness.Start();

        var ex = await Assert.ThrowsAsync<PlatformValidationException>(() => h.Client.PublishInventoryAsync(Publish(4, reserved: 5), Ct));

        Assert.Equal("RTGD-09", ex.RuleId);
        Assert.Equal("Lines[0].Quantity", ex.Field);
        Assert.Equal("4", ex.Value);
        Assert.Equal(0, h.AllCalls);
    }

    [Fact]
    [Rule("RTGD-09")]
    public async Task RTGD09_the_platforms_insufficient_stock_refusal_is_a_business_rule_error_with_its_remedy()
    {
        await using var h = CallbackHarness.Start();
        h.Platform.SetReserved(CallbackHarness.Store, "SC-1", 5);

        var ex = await Assert.ThrowsAsync<PlatformException>(() => h.Client.PublishInventoryAsync(Publish(4), Ct));

        Assert.Equal(ErrorCategory.BusinessRule, ex.Category);
        Assert.Equal("RTGD-09", ex.RuleId);
        Assert.Contains("reserved", ex.Remedy, StringComparison.Ordinal);
        Assert.Equal(FakeTmallGlobalDirectModule.InsufficientStockMessage, ex.Error.Message);
        Assert.False(ex.MayHaveBeenProcessed);
        Assert.Equal(5, h.Platform.Stock(CallbackHarness.Store, "SC-1"));
    }

    [Fact]
    [Rule("RTGD-09")]
    public async Task RTGD09_a_total_at_or_above_the_reserved_quantity_is_published()
    {
        await using var h = CallbackHarness.Start();
        h.Platform.SetReserved(CallbackHarness.Store, "SC-1", 5);

        await h.Client.PublishInventoryAsync(Publish(5, reserved: 5), Ct);
        await h.Client.PublishInventoryAsync(Publish(3, mode: AicInventoryMode.Increment), Ct);

        Assert.Equal(8, h.Platform.Stock(CallbackHarness.Store, "SC-1"));
    }

    [Fact]
    [Rule("RTGD-04")]
    public void RTGD04_shops_whose_authorization_lapses_within_the_window_are_reported_soonest_first()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero));
        var now = time.GetUtcNow();
        var options = new TmallGlobalDirectOptions { SupplierId = "S-default", AuthorizationWarningWindow = TimeSpan.FromDays(14) };
        options.Shops["soon"] = new TmallGlobalDirectShopOptions { SupplierId = "S-soon", AuthorizationExpiresAt = now.AddDays(3) };
        options.Shops["lapsed"] = new TmallGlobalDirectShopOptions { AuthorizationExpiresAt = now.AddDays(-1) };
        options.Shops["edge"] = new TmallGlobalDirectShopOptions { AuthorizationExpiresAt = now.AddDays(14) };
        options.Shops["later"] = new TmallGlobalDirectShopOptions { AuthorizationExpiresAt = now.AddDays(14).AddSeconds(1) };
        options.Shops["unknown"] = new TmallGlobalDirectShopOptions();
        var watch = new TmallGlobalDirectAuthorizationWatch(options, time);

        var expiring = watch.ExpiringWithin();

        Assert.Equal(["lapsed", "soon", "edge"], expiring.Select(e => e.Shop));
        Assert.True(expiring[0].Expired);
        Assert.Equal("S-default", expiring[0].SupplierId);
        Assert.Equal("S-soon", expiring[1].SupplierId);
        Assert.Equal(TimeSpan.FromDays(3), expiring[1].Remaining);
        Assert.Equal(["unknown"], watch.ShopsWithoutKnownExpiry());

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, watch.ExpiringWithin().Count);
        Assert.Equal(["lapsed"], watch.ExpiringWithin(TimeSpan.Zero).Select(e => e.Shop));
    }

    [Fact]
    [Rule("RTGD-04")]
    public void RTGD04_an_unusable_warning_window_is_refused_at_startup()
    {
        var problems = Validation.TmallGlobalDirectOptionsValidator.ProblemsOf(new TmallGlobalDirectOptions
        {
            AppKey = "k", AppSecret = "s", AuthorizationWarningWindow = TimeSpan.Zero,
        });

        Assert.Contains(problems, p => p.StartsWith("AuthorizationWarningWindow", StringComparison.Ordinal));
    }
}

/// <summary>The package's surface is the flows the platform supports (RTGD-03), nothing more.</summary>
public sealed class SupportedFlowTests
{
    [Fact]
    [Rule("RTGD-03")]
    public void RTGD03_the_client_offers_the_supported_flows_and_no_product_download()
    {
        var operations = typeof(TmallGlobalDirectClient).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal))
            .Select(m => m.Name)
            .ToHashSet(StringComparer.Ordinal);

        // Receiving orders is the push handler's; the calls back are receipt, shipment, cancel interception, out of stock, waybill
        // change, the return inbound and inventory.
        Assert.Equal(
            new[] { "AcknowledgeReceiptAsync", "ChangeWaybillAsync", "InterceptAsync", "PublishInventoryAsync", "ReportCancelAsync", "ReportOutOfStockAsync", "ReportReturnInboundAsync", "ShipAsync" },
            operations.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(typeof(TmallGlobalDirectClient).Assembly.GetExportedTypes(),
            t => t.Name.Contains("Product", StringComparison.Ordinal) || t.GetMethods().Any(m => m.Name.Contains("Product", StringComparison.Ordinal)));
        Assert.Contains(typeof(TmallGlobalDirectClient).Assembly.GetExportedTypes(), t => t.Name == "TmallGlobalDirectPushHandler");
    }
}
