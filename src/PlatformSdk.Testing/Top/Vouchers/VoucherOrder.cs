namespace PlatformSdk.Testing.Top;

/// <summary>One code of an order: the units it stood for when issued, the units left, live/void/used.</summary>
internal sealed class VoucherCodeState(string code, int units, DateTimeOffset issuedAt)
{
    public string Code { get; } = code;

    public int Units { get; set; } = units;

    public int Left { get; set; } = units;

    public FakeTopCodeStatus Status { get; set; } = FakeTopCodeStatus.Live;

    public DateTimeOffset IssuedAt { get; } = issuedAt;
}

/// <summary>A redemption with the units left on the order after it (the answer a repeated consume gets again).</summary>
internal sealed record VoucherLogEntry(FakeTopRedemption Entry, int LeftAfter);

/// <summary>
/// The state machine of one voucher order (RTV-10/12/15): awaiting code → shipped (one live code) → partly redeemed (old code void,
/// new code for the rest) → used; refund voids the live code; reversal restores units. <see cref="Snapshot"/> is the public view.
/// </summary>
internal sealed class VoucherOrder(long orderId, string seller, string itemTitle, int units, string mobile, DateTimeOffset from, DateTimeOffset until)
{
    public long OrderId { get; } = orderId;

    public string Seller { get; } = seller;

    public string ItemTitle { get; } = itemTitle;

    public int Units { get; } = units;

    public int Redeemed { get; set; }

    public int Left => Refunded ? 0 : Units - Redeemed;

    public string BuyerMobile { get; } = mobile;

    public DateTimeOffset ValidFrom { get; } = from;

    public DateTimeOffset ValidUntil { get; set; } = until;

    public bool Shipped { get; set; }

    public DateTimeOffset? ShippedAt { get; set; }

    public bool Refunded { get; set; }

    public HashSet<string> Tokens { get; } = new(StringComparer.Ordinal);

    public List<VoucherCodeState> Codes { get; } = [];

    public List<VoucherLogEntry> Log { get; } = [];

    public List<DateTimeOffset> Resends { get; } = [];

    public VoucherCodeState? LiveCode => Codes.LastOrDefault(c => c.Status == FakeTopCodeStatus.Live);

    public FakeTopVoucherOrder Snapshot(DateTimeOffset now) => new()
    {
        OrderId = OrderId,
        Seller = Seller,
        ItemTitle = ItemTitle,
        Units = Units,
        Redeemed = Redeemed,
        BuyerMobile = BuyerMobile,
        ValidFrom = ValidFrom,
        ValidUntil = ValidUntil,
        Shipped = Shipped,
        ShippedAt = ShippedAt,
        Refunded = Refunded,
        LiveCode = LiveCode?.Code,
        VoidCodes = Codes.Where(c => c.Status == FakeTopCodeStatus.Void).Select(c => c.Code).ToArray(),
        Codes = Codes.Select(c => new FakeTopVoucherCode(c.Code, c.Units, c.Left, c.Status, c.IssuedAt)).ToArray(),
        Log = Log.Select(l => l.Entry).ToArray(),
        Resends = Resends.ToArray(),
        State = Refunded ? FakeTopVoucherState.Unavailable
            : Shipped && Left == 0 ? FakeTopVoucherState.Used
            : now > ValidUntil ? FakeTopVoucherState.Unavailable
            : Shipped ? FakeTopVoucherState.Available
            : FakeTopVoucherState.AwaitingCode,
    };
}
