namespace PlatformSdk.Testing.Top;

// The Tmall Global direct-supply module, registered with every server like the e-voucher module.
public sealed partial class FakeTopServer
{
    /// <summary>The Tmall Global direct-supply callbacks (<c>alibaba.ascp.uop.supplier.*</c>, <c>aicinventory.publish</c>), their state and hooks.</summary>
    public FakeTmallGlobalDirectModule TmallGlobalDirect { get; }
}
