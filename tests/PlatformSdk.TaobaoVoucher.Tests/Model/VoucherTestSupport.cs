using Microsoft.Extensions.Time.Testing;
using PlatformSdk.TaobaoVoucher.Model;

namespace PlatformSdk.TaobaoVoucher.Tests.Model;

/// <summary>Returns scripted codes in order, then counts up from 90000000001 so tests never run dry.</summary>
internal sealed class ScriptedCodeGenerator(params string[] codes) : IVoucherCodeGenerator
{
    private int _next;
    private long _counter = 90000000000;

    public int Calls { get; private set; }

    public VoucherCode NewCode(string orderId)
    {
        Calls++;
        return _next < codes.Length
            ? VoucherCode.Parse(codes[_next++])
            : VoucherCode.Parse((++_counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

internal static class Voucher
{
    public const string Mobile = "13812345678";
    public const string LastFour = "5678";
    public const string FirstCode = "100001";
    public const string Account = "tb_shop_clerk";

    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 10, 0, 0, ChinaTime.Offset);
    public static readonly DateTimeOffset ValidUntil = new(2025, 6, 30, 23, 59, 59, ChinaTime.Offset);

    public static VoucherOrderTerms Terms(int quantity = 3) => new()
    {
        OrderId = "4100000000001",
        Quantity = quantity,
        UnitPrice = 50m,
        Mobile = Mobile,
        ValidUntil = ValidUntil,
    };

    public static VoucherOrder Created(FakeTimeProvider time, int quantity = 3, IVoucherCodeGenerator? codes = null)
        => VoucherOrder.Create(Terms(quantity), time, codes ?? new ScriptedCodeGenerator("200002", "300003", "400004", "500005"));

    public static VoucherOrder Sent(FakeTimeProvider time, int quantity = 3, IVoucherCodeGenerator? codes = null)
        => Created(time, quantity, codes).Send(FirstCode);

    public static VoucherOrder RedeemLive(this VoucherOrder order, int count, string? posId = null, string? serial = null)
        => order.Redeem(order.LiveCode!.Value.Value, count, LastFour, Account, posId, serial);

    /// <summary>Builds an order of 3 units in the given state; time stays before the end of validity except for Expired.</summary>
    public static VoucherOrder InState(VoucherOrderState state, FakeTimeProvider time) => state switch
    {
        VoucherOrderState.AwaitingCode => Created(time),
        VoucherOrderState.Issued => Sent(time),
        VoucherOrderState.PartiallyRedeemed => Sent(time).RedeemLive(1),
        VoucherOrderState.FullyRedeemed => Sent(time).RedeemLive(3),
        VoucherOrderState.Refunded => Sent(time).Refund(VoucherRefundReason.UnexpiredAutomatic),
        VoucherOrderState.Expired => Sent(time).Expire(ValidUntil.AddSeconds(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static FakeTimeProvider Clock() => new(T0);
}
