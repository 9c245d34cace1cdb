using PlatformSdk.Configuration;

namespace PlatformSdk.TmallGlobalDirect.Validation;

/// <summary>
/// Rejects unusable receiver settings at startup: a missing app key or secret (without the secret no push can be verified, so
/// every order would be refused), whitespace in credentials, an undefined business mode, a body limit or timestamp tolerance
/// out of range. Messages name the setting, never its value.
/// </summary>
internal sealed class TmallGlobalDirectOptionsValidator : PlatformOptionsValidator<TmallGlobalDirectOptions>
{
    /// <summary>The largest configurable body limit: 64 MiB (far above any push; it bounds what one request may hold in memory).</summary>
    public const int MaxConfigurableBodyBytes = 64 * 1024 * 1024;

    /// <summary>Creates the validator.</summary>
    public TmallGlobalDirectOptionsValidator()
        : base(TmallGlobalDirectServiceNames.Platform, null)
    {
    }

    /// <summary>The problems with a set of options, one message each (no secrets).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public static IReadOnlyList<string> ProblemsOf(TmallGlobalDirectOptions options) => new TmallGlobalDirectOptionsValidator().Problems(options);

    /// <inheritdoc />
    protected override void Check(TmallGlobalDirectOptions options, ICollection<string> problems)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        Credential(problems, "AppKey", options.AppKey, required: true);
        Credential(problems, "AppSecret", options.AppSecret, required: true);
        Credential(problems, "SupplierId", options.SupplierId, required: false);
        DefinedEnum(problems, "BusinessMode", options.BusinessMode, "RTGD-02");
        if (options.MaxPushBodyBytes < 1 || options.MaxPushBodyBytes > MaxConfigurableBodyBytes)
        {
            problems.Add($"MaxPushBodyBytes: {options.MaxPushBodyBytes} is outside 1..{MaxConfigurableBodyBytes}.");
        }

        if (options.TimestampTolerance <= TimeSpan.Zero || options.TimestampTolerance > TimeSpan.FromHours(1))
        {
            problems.Add($"TimestampTolerance: {options.TimestampTolerance} is outside (0, 1 hour]; a wide window lets replays through.");
        }

        Credential(problems, "Shop", options.Shop, required: false);
        if (options.AuthorizationWarningWindow <= TimeSpan.Zero || options.AuthorizationWarningWindow > TimeSpan.FromDays(366))
        {
            problems.Add($"AuthorizationWarningWindow: {options.AuthorizationWarningWindow} is outside (0, 366 days] (RTGD-04).");
        }

        foreach (var (shop, settings) in options.Shops ?? [])
        {
            Credential(problems, $"Shops:{shop}:SupplierId", settings?.SupplierId, required: false);
        }
    }
}
