namespace PlatformSdk.TmallGlobalDirect;

/// <summary>Names shared by the package.</summary>
internal static class TmallGlobalDirectServiceNames
{
    /// <summary>The platform name (errors, options messages, inbox source).</summary>
    public const string Platform = "TmallGlobalDirect";
}
