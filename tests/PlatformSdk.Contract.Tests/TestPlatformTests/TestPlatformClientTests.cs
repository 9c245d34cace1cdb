using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Contract.Tests.Contract;
using PlatformSdk.Contract.Tests.Contract.Adapters;
using PlatformSdk.Errors;
using PlatformSdk.TestPlatform;
using PlatformSdk.TestPlatform.Models.Items;
using PlatformSdk.TestPlatform.Models.Orders;
using PlatformSdk.TestPlatform.Signing;
using PlatformSdk.TestPlatform.Validation;
using PlatformSdk.Testing.Faults;
using PlatformSdk.Testing.TestPlatform;
using PlatformSdk.Validation;

namespace PlatformSdk.Contract.Tests.TestPlatformTests;

/// <summary>
/// What TestPlatform needs beyond the shared contract: its signature, paging, token refresh, resending by business key and its
/// own input rule. The tests a new platform writes next to its adapter.
/// </summary>
public sealed class TestPlatformClientTests(TestPlatformContractFixture adapter) : IClassFixture<TestPlatformContractFixture>
{
    [Fact]
    public void Signature_IsHmacSha256_OverSortedKeyValuePairs_WithoutSignAndEmptyValues()
    {
        KeyValuePair<string, string?>[] parameters =
        [
            new("timestamp", "1773108000000"), new("method", "items.query"), new("app_key", "tp-app-1001"), new("sign_method", "hmac-sha256"),
            new("access_token", "tp-at-initial-0001"), new("biz", "{\"page_no\":1,\"page_size\":50}"), new("sign", "ignored"), new("empty", ""),
        ];

        Assert.Equal("access_tokentp-at-initial-0001app_keytp-app-1001biz{\"page_no\":1,\"page_size\":50}methoditems.querysign_methodhmac-sha256timestamp1773108000000",
            TestPlatformSignature.Canonical(parameters));
        Assert.Equal("79347f5da0ea7a6dcf8f8e7e616665f0046ff2cfcb9c45d3e2b726bae11ef707", TestPlatformSignature.Compute("tpAppSecretF4ke0001", parameters));
    }

    [Fact]
    public async Task Items_ArePaged_UntilThePlatformSaysThereAreNoMore()
    {
        await using var s = await adapter.StartAsync();

        var items = await Client(s).Items.ListAsync(new TestPlatformItemQuery { PageSize = 3 });

        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"TP-ITEM-{i:000}"), items.Select(i => i.ItemId));
        Assert.Equal(11m, items[0].Price);
        Assert.Equal(3, s.Fake.CallsTo(FakeTestPlatformRoutes.ItemsQuery).Count);
    }

    [Fact]
    public async Task ExpiredToken_IsRefreshedOnce_AndTheCallRepeated()
    {
        await using var s = await adapter.StartAsync();
        var fake = (FakeTestPlatformServer)s.Fake;
        var first = fake.AccessToken;
        fake.ExpireTokens();

        await Client(s).Items.ListAsync();
        await Client(s).Items.ListAsync();

        Assert.Single(fake.CallsTo(FakeTestPlatformRoutes.TokenRefresh));
        var reads = fake.CallsTo(FakeTestPlatformRoutes.ItemsQuery);
        Assert.Equal([first, fake.AccessToken, fake.AccessToken], reads.Select(r => r.Form["access_token"]));
        Assert.NotEqual(first, fake.AccessToken);
    }

    [Fact]
    public async Task Resend_WithTheSameBusinessKey_AfterMayHaveBeenProcessed_ReturnsTheExistingOrder()
    {
        await using var s = await adapter.StartAsync();
        var fake = (FakeTestPlatformServer)s.Fake;
        fake.Faults.For(FakeTestPlatformRoutes.OrdersCreate).Once(Fault.DropConnection(processRequest: true));
        var order = new TestPlatformOrderRequest { OutOrderId = "SO-2026-0001", ItemId = "TP-ITEM-002", Quantity = 2 };

        var ex = await Assert.ThrowsAsync<PlatformException>(() => Client(s).Orders.CreateAsync(order));
        var resent = await Client(s).Orders.CreateAsync(order);

        Assert.True(ex.MayHaveBeenProcessed);
        Assert.True(resent.AlreadyExisted);
        var kept = Assert.Single(fake.Orders);
        Assert.Equal(kept.OrderId, resent.OrderId);
    }

    [Fact]
    public async Task BackendTimeoutCode_OnAWrite_MayHaveBeenProcessed()
    {
        await using var s = await adapter.StartAsync();
        s.Fake.Faults.For(FakeTestPlatformRoutes.OrdersCreate).Once(Fault.PlatformError("50401", "backend timeout", processRequest: true));

        var ex = await Assert.ThrowsAsync<PlatformException>(() =>
            Client(s).Orders.CreateAsync(new TestPlatformOrderRequest { OutOrderId = "SO-2026-0002", ItemId = "TP-ITEM-001", Quantity = 1 }));

        Assert.Equal("50401", ex.ErrorCode);
        Assert.True(ex.MayHaveBeenProcessed);
        Assert.Single(s.Fake.CallsTo(FakeTestPlatformRoutes.OrdersCreate));
    }

    [Theory]
    [InlineData("", 1, "out_order_id")]
    [InlineData("SO-2026-0003-ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, "out_order_id")]
    [InlineData("SO-2026-0003", 0, "quantity")]
    [InlineData("SO-2026-0003", 1000, "quantity")]
    public void OrderValidator_RefusesBadBusinessKeysAndQuantities(string outOrderId, int quantity, string field)
    {
        var ex = Assert.Throws<PlatformValidationException>(() =>
            TestPlatformOrderValidator.Validate(new TestPlatformOrderRequest { OutOrderId = outOrderId, ItemId = "TP-ITEM-001", Quantity = quantity }));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void OptionsValidator_NamesTheSetting_NeverItsValue()
    {
        var problems = new TestPlatformOptionsValidator().Problems(new TestPlatformOptions { AppKey = "tp-app-1001", AppSecret = "secret with space" });

        Assert.Contains(problems, p => p.StartsWith("AppSecret contains whitespace", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("AccessToken is required", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("secret with space", StringComparison.Ordinal));
    }

    private static TestPlatformClient Client(ContractSession s) => s.Services.GetRequiredService<TestPlatformClient>();
}
