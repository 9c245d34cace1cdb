using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Matching;

namespace PlatformSdk.Abstractions.Tests.Matching;

/// <summary>R1688-11 rule 4 and manual matches, through the service and the in-memory store.</summary>
public class SkuMatchingServiceTests
{
    private static readonly DateTimeOffset Start = new(2030, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SkuMatchScope Shop = new("Alibaba1688", "shop-a");

    private static readonly SkuMatchingCatalogue Catalogue = SkuMatchingCatalogue.Create(
        [new ErpSku("TS-RED-M", "TS-01"), new ErpSku("TS-RED-L", "TS-01"), new ErpSku("TS-BLK-M", "TS-01")],
        ["BAG-01", "BAG-02"]);

    private static PlatformItem[] Items =>
    [
        new PlatformItem("549605719581", "TS-01", [new("s1", "TS-RED-M"), new("s2", "TS-RED-L")]),
        new PlatformItem("549605719582", "BAG-01"),
    ];

    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemorySkuMatchStore _store = new();

    private SkuMatchingService Service() => new(_store, _time);

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_AutoMatch_PersistsAutoMatchesStampedWithTheClock()
    {
        var report = await Service().AutoMatchAsync(Shop, Catalogue, Items);

        Assert.Equal(3, report.MatchedCount);
        var all = await _store.GetAllAsync(Shop, CancellationToken.None);
        Assert.Equal(3, all.Count);
        var sku = all[new PlatformSkuKey("549605719581", "s1")];
        Assert.Equal(new SkuMatch(new("549605719581", "s1"), "TS-RED-M", "TS-01", SkuMatchKind.Auto, SkuMatchRule.SkuCodeEqual, Start), sku);
        var item = all[new PlatformSkuKey("549605719582", null)];
        Assert.Equal(SkuMatchRule.ProductCodeEqual, item.Rule);
        Assert.Null(item.ErpSkuCode);
        Assert.Equal("BAG-01", item.ErpProductCode);
        Assert.Empty(await _store.GetAllAsync(new SkuMatchScope("Alibaba1688", "shop-b"), CancellationToken.None));
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_Rule4_RerunningNeverRematchesMatchedItems()
    {
        var service = Service();
        await service.AutoMatchAsync(Shop, Catalogue, Items);
        _time.Advance(TimeSpan.FromHours(1));

        // The ERP codes change meanwhile: a rerun must still leave the existing matches alone.
        var changed = SkuMatchingCatalogue.Create([new ErpSku("TS-RED-M", "TS-99")], ["BAG-01"]);
        var rerun = await service.AutoMatchAsync(Shop, changed, Items);

        Assert.Equal(0, rerun.MatchedCount);
        Assert.Equal(3, rerun.AlreadyMatchedCount);
        Assert.All(rerun.Results, r =>
        {
            Assert.Equal(SkuMatchOutcome.AlreadyMatched, r.Outcome);
            Assert.Equal(SkuMatchRule.AlreadyMatched, r.Rule);
            Assert.Equal(Start, r.ExistingMatch!.MatchedAt);
            Assert.True(r.IsMatched);
        });
        Assert.Equal("TS-01", rerun.Results[0].ErpProductCode);
        Assert.Contains("rule 4", rerun.Results[0].Describe(), StringComparison.Ordinal);
        Assert.Contains("automatically", rerun.Results[0].Describe(), StringComparison.Ordinal);
        Assert.All((await _store.GetAllAsync(Shop, CancellationToken.None)).Values, m => Assert.Equal(Start, m.MatchedAt));
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_Rule4_ManualMatchIsNeverAutoMatched()
    {
        var service = Service();
        var key = new PlatformSkuKey("549605719581", "s1");
        await service.MatchManuallyAsync(Shop, key, "TS-BLK-M", "TS-01");

        var report = await service.AutoMatchAsync(Shop, Catalogue, Items);

        var result = report.Results[0];
        Assert.Equal(SkuMatchOutcome.AlreadyMatched, result.Outcome);
        Assert.Equal("TS-BLK-M", result.ErpSkuCode);
        Assert.Equal(SkuMatchKind.Manual, result.ExistingMatch!.Kind);
        Assert.Contains("by hand", result.Describe(), StringComparison.Ordinal);
        Assert.Equal("TS-BLK-M", (await _store.GetAsync(Shop, key, CancellationToken.None))!.ErpSkuCode);
        Assert.Equal(2, report.MatchedCount);
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_ManualRematch_ReplacesAnAutoMatchAndIsRecordedAsManual()
    {
        var service = Service();
        await service.AutoMatchAsync(Shop, Catalogue, Items);
        _time.Advance(TimeSpan.FromMinutes(30));
        var key = new PlatformSkuKey("549605719581", "s2");

        var change = await service.MatchManuallyAsync(Shop, key, "TS-BLK-M", "TS-01");

        Assert.Equal(SkuMatchKind.Auto, change.Previous!.Kind);
        Assert.Equal("TS-RED-L", change.Previous.ErpSkuCode);
        Assert.Equal(new SkuMatch(key, "TS-BLK-M", "TS-01", SkuMatchKind.Manual, SkuMatchRule.None, Start.AddMinutes(30)), change.Current);
        Assert.Equal(change.Current, await _store.GetAsync(Shop, key, CancellationToken.None));

        // A manual match may be changed by hand again.
        _time.Advance(TimeSpan.FromMinutes(5));
        var again = await service.MatchManuallyAsync(Shop, key, "TS-RED-M", "TS-01");
        Assert.Equal(change.Current, again.Previous);
        Assert.Equal(Start.AddMinutes(35), again.Current.MatchedAt);
        Assert.Equal(SkuMatchKind.Manual, again.Current.Kind);
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_ManualMatchOfUnmatchedItem_HasNoPrevious()
    {
        var change = await Service().MatchManuallyAsync(Shop, new PlatformSkuKey("9", null), null, "BAG-02");

        Assert.Null(change.Previous);
        Assert.Equal("BAG-02", change.Current.ErpProductCode);
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_ManualMatch_ValidatesBeforeWriting()
    {
        var service = Service();

        var noSku = await Assert.ThrowsAsync<PlatformValidationException>(() => service.MatchManuallyAsync(Shop, new("1", "s1"), " ", "TS-01"));
        var noProduct = await Assert.ThrowsAsync<PlatformValidationException>(() => service.MatchManuallyAsync(Shop, new("1", null), null, ""));
        var noItem = await Assert.ThrowsAsync<PlatformValidationException>(() => service.MatchManuallyAsync(Shop, new("", null), null, "BAG-01"));

        Assert.Equal("erpSkuCode", noSku.Field);
        Assert.Equal("R1688-11", noSku.RuleId);
        Assert.Equal("erpProductCode", noProduct.Field);
        Assert.Equal("key.itemId", noItem.Field);
        Assert.Empty(await _store.GetAllAsync(Shop, CancellationToken.None));
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_Unmatch_LetsTheNextRunMatchAgain()
    {
        var service = Service();
        await service.AutoMatchAsync(Shop, Catalogue, Items);
        var key = new PlatformSkuKey("549605719582", null);

        var removed = await service.UnmatchAsync(Shop, key);
        var rerun = await service.AutoMatchAsync(Shop, Catalogue, Items);

        Assert.NotNull(removed);
        Assert.Equal(1, rerun.MatchedCount);
        Assert.Equal(key, rerun.NewlyMatched.Single().Key);
        Assert.Null(await service.UnmatchAsync(Shop, new("nope", null)));
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_Rule4_StoreKeepsAMatchRecordedDuringARun()
    {
        var manual = new SkuMatch(new("549605719581", "s1"), "TS-BLK-M", "TS-01", SkuMatchKind.Manual, SkuMatchRule.None, Start);
        await _store.SetAsync(Shop, manual, CancellationToken.None);
        var auto = new SkuMatch(manual.Key, "TS-RED-M", "TS-01", SkuMatchKind.Auto, SkuMatchRule.SkuCodeEqual, Start.AddSeconds(1));

        var added = await _store.AddIfAbsentAsync(Shop, [auto], CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(manual, await _store.GetAsync(Shop, manual.Key, CancellationToken.None));
    }

    [Fact]
    [Rule("R1688-11")]
    public async Task R168811_MatchesCanBeUsedInPreOrders()
    {
        var service = Service();
        await service.AutoMatchAsync(Shop, Catalogue, Items);
        await service.MatchManuallyAsync(Shop, new("549605719583", "z9"), "ts-red-m", "TS-01");
        var lookup = SkuMatchLookup.Create((await _store.GetAllAsync(Shop, CancellationToken.None)).Values);

        // Manual beats auto for the same ERP SKU; ERP codes compare normalised.
        Assert.True(lookup.TryFind("TS-RED-M", "TS-01", out var bySku));
        Assert.Equal(new PlatformSkuKey("549605719583", "z9"), bySku.Key);
        Assert.True(lookup.TryFind("TS-RED-L", null, out var other));
        Assert.Equal(new PlatformSkuKey("549605719581", "s2"), other.Key);

        // A SKU of a product matched at item level (rule 2) orders the SKU-less item.
        Assert.True(lookup.TryFind("BAG-01-BLUE", "ｂａｇ－０１", out var byProduct));
        Assert.Equal(new PlatformSkuKey("549605719582", null), byProduct.Key);
        Assert.False(lookup.TryFind("TS-BLK-M", "TS-01", out _));
        Assert.False(lookup.TryFind(null, null, out _));
    }

    [Fact]
    public async Task Cancellation_IsHonouredBeforeReading()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Service().AutoMatchAsync(Shop, Catalogue, Items, cts.Token));
    }
}
