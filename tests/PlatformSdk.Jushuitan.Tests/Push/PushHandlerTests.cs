using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PlatformSdk.Errors;
using PlatformSdk.Inbox;
using PlatformSdk.Jushuitan.Push;
using PlatformSdk.Testing.Jushuitan;

namespace PlatformSdk.Jushuitan.Tests.Push;

/// <summary>The push handler called directly: the sign vector, kind inference, hostile input and registration (RJST-05).</summary>
public class PushHandlerTests
{
    private const string AppKey = "jst-app";
    private const string Secret = "jst-push-secret";
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero); // Unix 1773108000

    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingInbox _inbox = new();

    private JushuitanPushHandler Handler() => new(new JushuitanPushReceiverOptions { AppKey = AppKey, AppSecret = Secret }, _inbox, _time);

    private static JushuitanPushRequest Form(IEnumerable<KeyValuePair<string, string>> fields) => new()
    {
        Body = Encoding.UTF8.GetBytes(FakeJushuitanPusher.FormEncode(fields)),
        ContentType = "application/x-www-form-urlencoded; charset=utf-8",
    };

    private static List<KeyValuePair<string, string>> Signed(string? kind, string biz, string secret = Secret, long timestamp = 1773108000)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("app_key", AppKey), new("timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("charset", "utf-8"),
        };
        if (kind is not null)
        {
            fields.Add(new("msg_type", kind));
        }

        fields.Add(new("biz", biz));
        fields.Add(new("sign", FakeJushuitanPusher.Sign(secret, fields)));
        return fields;
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_push_signed_as_the_independent_vector_is_accepted_with_exactly_code_0()
    {
        // Vector computed outside the SDK (python3 hashlib.md5 and printf | md5sum):
        // md5("jst-push-secret" + "app_keyjst-app" + "biz{\"so_id\":\"SO-1\",\"l_id\":\"SF1\"}" + "charsetutf-8" + "msg_typelogistics" + "timestamp1773108000")
        //   = c0c77035d78bea2535566a477818cebe
        var fields = new List<KeyValuePair<string, string>>
        {
            new("app_key", "jst-app"), new("timestamp", "1773108000"), new("charset", "utf-8"), new("msg_type", "logistics"),
            new("biz", "{\"so_id\":\"SO-1\",\"l_id\":\"SF1\"}"), new("sign", "c0c77035d78bea2535566a477818cebe"),
        };
        Assert.Equal("c0c77035d78bea2535566a477818cebe", FakeJushuitanPusher.Sign(Secret, fields));

        var reply = await Handler().HandleAsync(Form(fields));

        Assert.Equal(JushuitanPushOutcome.Stored, reply.Outcome);
        Assert.Equal(200, reply.StatusCode);
        Assert.Equal("{\"code\":0}", Encoding.UTF8.GetString(reply.Body.Span));
        Assert.Equal("application/json; charset=utf-8", reply.ContentType);
        var stored = Assert.Single(_inbox.Stored);
        Assert.Equal("logistics||SO-1||SF1", stored.DeduplicationKey);
        Assert.Equal("SO-1", stored.Attributes!["so_id"]);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_an_uppercase_sign_is_the_same_sign()
    {
        var fields = Signed("inventory", "{\"sku_id\":\"A\",\"qty\":1}");
        fields[^1] = new("sign", fields[^1].Value.ToUpperInvariant());

        Assert.True((await Handler().HandleAsync(Form(fields))).IsAcknowledged);
    }

    [Theory]
    [InlineData("{\"so_id\":\"SO-9\",\"l_id\":\"SF9\",\"lc_id\":\"SF\"}", JushuitanPushKinds.Logistics)]
    [InlineData("{\"o_id\":77,\"logistics_company\":\"顺丰\"}", JushuitanPushKinds.Logistics)]
    [InlineData("{\"sku_id\":\"A-1\",\"qty\":\"12\"}", JushuitanPushKinds.Inventory)]
    [Rule("RJST-05")]
    public async Task RJST05_without_a_message_type_the_kind_is_inferred_from_biz(string biz, string kind)
    {
        var reply = await Handler().HandleAsync(Form(Signed(null, biz)));

        Assert.Equal(JushuitanPushOutcome.Stored, reply.Outcome);
        Assert.Equal(kind, Assert.Single(_inbox.Stored).Kind);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_numbers_sent_as_strings_or_numbers_read_the_same_and_unknown_fields_are_kept()
    {
        var handler = Handler();
        await handler.HandleAsync(Form(Signed("inventory", "{\"sku_id\":\"A\",\"qty\":\"12\",\"wms_co_id\":\"7\",\"order_lock\":2.0,\"extra\":{\"x\":1}}")));
        var message = new InboxMessage { MessageId = "m", Push = Assert.Single(_inbox.Stored), DeliveryCount = 1, LeaseToken = "t" };

        var push = Assert.IsType<JushuitanInventoryPush>(handler.ReadStoredMessage(message));

        Assert.Equal(12, push.Quantity);
        Assert.Equal("7", push.WarehouseId);
        Assert.Equal(2, push.LockQuantity);
        Assert.Equal("{\"x\":1}", push.Fields["extra"]);
        Assert.Null(push.Modified);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_inventory_changes_differ_by_quantity_and_change_time_while_a_redelivery_keeps_its_key()
    {
        var handler = Handler();
        await handler.HandleAsync(Form(Signed("inventory", "{\"sku_id\":\"A\",\"wms_co_id\":1,\"qty\":5,\"modified\":\"2026-03-10 10:00:00\"}")));
        await handler.HandleAsync(Form(Signed("inventory", "{\"sku_id\":\"A\",\"wms_co_id\":1,\"qty\":4,\"modified\":\"2026-03-10 10:00:00\"}")));
        _time.Advance(TimeSpan.FromMinutes(2));
        var retry = await handler.HandleAsync(Form(Signed("inventory", "{\"sku_id\":\"A\",\"wms_co_id\":1,\"qty\":5,\"modified\":\"2026-03-10 10:00:00\"}", timestamp: 1773108120)));

        Assert.Equal(JushuitanPushOutcome.Duplicate, retry.Outcome);
        Assert.Equal(["inventory|1|A|2026-03-10 10:00:00|5", "inventory|1|A|2026-03-10 10:00:00|4"], _inbox.Stored.Select(p => p.DeduplicationKey));
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_sign_over_fields_split_between_query_and_body_is_verified_over_all_of_them()
    {
        var fields = Signed("logistics", "{\"so_id\":\"SO-Q\",\"l_id\":\"W1\"}");
        var query = fields.Where(p => p.Key != "biz").ToList();
        var request = new JushuitanPushRequest
        {
            QueryString = "?" + FakeJushuitanPusher.FormEncode(query),
            Body = Encoding.UTF8.GetBytes(FakeJushuitanPusher.FormEncode(fields.Where(p => p.Key == "biz"))),
            ContentType = "application/x-www-form-urlencoded",
        };

        var handler = Handler();
        Assert.True((await handler.HandleAsync(request)).IsAcknowledged);
        var message = new InboxMessage { MessageId = "m", Push = Assert.Single(_inbox.Stored), DeliveryCount = 1, LeaseToken = "t" };
        var push = Assert.IsType<JushuitanLogisticsPush>(handler.ReadStoredMessage(message));
        Assert.Equal("SO-Q", push.SoId);
        Assert.Equal(AppKey, push.AppKey);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_a_field_sent_twice_with_different_values_is_refused()
    {
        var fields = Signed("inventory", "{\"sku_id\":\"A\",\"qty\":1}");
        var request = new JushuitanPushRequest
        {
            QueryString = "biz=" + Uri.EscapeDataString("{\"sku_id\":\"B\",\"qty\":1}"),
            Body = Form(fields).Body,
            ContentType = "application/x-www-form-urlencoded",
        };

        var reply = await Handler().HandleAsync(request);

        Assert.Equal(JushuitanPushOutcome.Rejected, reply.Outcome);
        Assert.Equal(140, reply.Code);
        Assert.Empty(_inbox.Stored);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [Rule("RJST-05")]
    public async Task RJST05_another_verb_than_POST_is_refused(string verb)
    {
        var request = Form(Signed("inventory", "{\"sku_id\":\"A\",\"qty\":1}"));

        var reply = await Handler().HandleAsync(new JushuitanPushRequest { HttpMethod = verb, Body = request.Body, ContentType = request.ContentType });

        Assert.Equal(140, reply.Code);
        Assert.Empty(_inbox.Stored);
    }

    [Fact]
    [Rule("RJST-05")]
    public async Task RJST05_garbage_never_escapes_as_a_raw_exception()
    {
        const int Seed = 20260310;
        var random = new Random(Seed);
        var handler = Handler();
        string[] seeds = ["{", "[]", "null", "\"x\"", "{\"sku_id\":null,\"qty\":1}", "{\"qty\":1e400,\"sku_id\":\"A\"}", "{\"so_id\":{},\"o_id\":\"x\"}",
            "{\"items\":[1,null,{\"qty\":\"9999999999999\"}],\"so_id\":\"S\"}", new string('[', 5000), "{\"sku_id\":\"A\",\"qty\":-0.5}", "\uFFFD\u0000"];
        for (var i = 0; i < 400; i++)
        {
            var biz = i < seeds.Length ? seeds[i] : Mutate(seeds[random.Next(seeds.Length)], random);
            var kind = (i % 3) switch { 0 => "logistics", 1 => "inventory", _ => null };
            JushuitanPushReply reply;
            try
            {
                reply = await handler.HandleAsync(Form(Signed(kind, biz)));
                var raw = new byte[random.Next(0, 200)];
                random.NextBytes(raw);
                await handler.HandleAsync(new JushuitanPushRequest { Body = raw, ContentType = i % 2 == 0 ? "application/json" : null });
            }
            catch (Exception ex) when (ex is not PlatformException)
            {
                throw new Xunit.Sdk.XunitException($"seed {Seed}, case {i}, biz {biz}: {ex}");
            }

            Assert.True(reply.Outcome is JushuitanPushOutcome.Stored or JushuitanPushOutcome.Duplicate or JushuitanPushOutcome.DeadLettered, $"seed {Seed}, case {i}: {reply} {reply.Detail}");
        }

        foreach (var push in _inbox.Stored.Concat(_inbox.Dead))
        {
            var message = new InboxMessage { MessageId = "m", Push = push, DeliveryCount = 1, LeaseToken = "t" };
            try
            {
                handler.ReadStoredMessage(message);
            }
            catch (PlatformException)
            {
                // A dead letter reads back as a PlatformException: the contract.
            }
        }
    }

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToCharArray().ToList();
        for (var n = random.Next(1, 4); n > 0; n--)
        {
            var at = chars.Count == 0 ? 0 : random.Next(chars.Count);
            switch (random.Next(3))
            {
                case 0 when chars.Count > 0: chars.RemoveAt(at); break;
                case 1: chars.Insert(at, "{}[]\",:0a\\"[random.Next(10)]); break;
                default: chars.Insert(at, (char)random.Next(0, 0xD7FF)); break;
            }
        }

        return new string([.. chars]);
    }

    [Fact]
    [Rule("RJST-05")]
    public void RJST05_the_receiver_registers_in_one_call_and_resolves_over_the_registered_inbox()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPushInbox>(_inbox);
        services.AddPlatformSdk().AddJushuitanPushReceiver(o =>
        {
            o.AppKey = AppKey;
            o.AppSecret = Secret;
        });
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<JushuitanPushHandler>());
        var options = provider.GetRequiredService<IOptions<JushuitanPushReceiverOptions>>().Value;
        Assert.DoesNotContain(Secret, options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, System.Text.Json.JsonSerializer.Serialize(options), StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-05")]
    public void RJST05_a_receiver_without_app_secret_fails_at_start_naming_the_setting_not_a_value()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPushInbox>(_inbox);
        services.AddPlatformSdk().AddJushuitanPushReceiver(o => o.AppKey = AppKey);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("AppSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Rule("RJST-05")]
    public void RJST05_the_model_factory_builds_the_typed_pushes_and_replies()
    {
        Assert.Equal("SF1", JushuitanModelFactory.LogisticsPush("SO-1", "SF1").WaybillNumber);
        Assert.Equal(JushuitanPushKinds.Inventory, JushuitanModelFactory.InventoryPush("A", 3).Kind);
        Assert.Equal("{\"code\":0}", Encoding.UTF8.GetString(JushuitanModelFactory.PushReply().Body.Span));
        Assert.Equal("{\"code\":150,\"msg\":\"busy\"}", Encoding.UTF8.GetString(JushuitanModelFactory.PushReply(JushuitanPushOutcome.InboxFailed, 150, "busy").Body.Span));
    }

    private sealed class RecordingInbox : IPushInbox
    {
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public List<InboxPush> Stored { get; } = [];

        public List<InboxPush> Dead { get; } = [];

        public ValueTask<InboxStoreResult> StoreAsync(InboxPush push, CancellationToken cancellationToken = default) => Keep(push, Stored);

        public ValueTask<InboxStoreResult> DeadLetterAsync(InboxPush push, string reason, CancellationToken cancellationToken = default) => Keep(push, Dead);

        public ValueTask<IReadOnlyList<InboxMessage>> LeaseAsync(int maxMessages, TimeSpan leaseDuration, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> CompleteAsync(InboxMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> AbandonAsync(InboxMessage message, string reason, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<IReadOnlyList<InboxMessage>> ListDeadLettersAsync(int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<bool> ReplayAsync(string messageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public ValueTask<int> PurgeCompletedAsync(DateTimeOffset completedBefore, int maxMessages, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private ValueTask<InboxStoreResult> Keep(InboxPush push, List<InboxPush> list)
        {
            var key = push.Source + "\n" + push.DeduplicationKey;
            if (_ids.TryGetValue(key, out var id))
            {
                return ValueTask.FromResult(new InboxStoreResult(id, true));
            }

            id = "m-" + (_ids.Count + 1);
            _ids[key] = id;
            list.Add(push);
            return ValueTask.FromResult(new InboxStoreResult(id, false));
        }
    }
}
