using Microsoft.Extensions.Options;
using PlatformSdk.Http;

namespace PlatformSdk.Configuration;

/// <summary>
/// The base of every platform's options validator: collects the platform's own problems, adds those of the tenant's
/// <see cref="PlatformResilienceOptions"/>, and prefixes each with the platform and tenant. Messages name the setting, never its
/// value. The shared checks (<see cref="Credential"/>, <see cref="AbsoluteHttpUrl"/>, <see cref="DefinedEnum"/>) hold one rule
/// for every platform.
/// </summary>
/// <typeparam name="TOptions">The platform's options.</typeparam>
public abstract class PlatformOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    private readonly IOptionsMonitor<PlatformResilienceOptions>? _resilience;

    /// <summary>Creates the validator.</summary>
    /// <param name="platform">The platform name.</param>
    /// <param name="resilience">The resilience options, whose problems are reported too; <see langword="null"/> to skip them.</param>
    protected PlatformOptionsValidator(string platform, IOptionsMonitor<PlatformResilienceOptions>? resilience)
    {
        ArgumentException.ThrowIfNullOrEmpty(platform);
        Platform = platform;
        _resilience = resilience;
    }

    /// <summary>The platform name.</summary>
    public string Platform { get; }

    /// <summary>The label of the default tenant in messages.</summary>
    protected virtual string DefaultTenantLabel => "default";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Check(options, problems);
        if (_resilience is not null)
        {
            problems.AddRange(_resilience.Get(PlatformResilienceOptions.NameFor(Platform, name)).Validate());
        }

        if (problems.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var tenant = string.IsNullOrEmpty(name) ? DefaultTenantLabel : name;
        return ValidateOptionsResult.Fail(problems.Select(p => $"{Platform} tenant '{tenant}': {p}"));
    }

    /// <summary>The problems with a set of options, one message each (no secrets, no tenant prefix).</summary>
    /// <param name="options">The options.</param>
    /// <returns>The problems; empty when valid.</returns>
    public IReadOnlyList<string> Problems(TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        Check(options, problems);
        return problems;
    }

    /// <summary>Adds the platform's own problems.</summary>
    /// <param name="options">The options.</param>
    /// <param name="problems">Where to add them.</param>
    protected abstract void Check(TOptions options, ICollection<string> problems);

    /// <summary>
    /// A key, secret, token or session: required when <paramref name="required"/>; never containing whitespace anywhere (a
    /// copy-paste slip every platform reports as an invalid key or signature, and no platform issues credentials with spaces).
    /// </summary>
    /// <param name="problems">Where to add a problem.</param>
    /// <param name="setting">The setting's path, for example <c>OpenApi:AppKey</c>.</param>
    /// <param name="value">The value (never shown).</param>
    /// <param name="required">True when it must be present.</param>
    /// <param name="requiredWhen">Why it is required, appended to the message (for example "for the chosen protocol").</param>
    /// <param name="platformReply">What the platform answers to such a credential, appended to the whitespace message.</param>
    protected static void Credential(ICollection<string> problems, string setting, string? value, bool required, string? requiredWhen = null, string? platformReply = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (string.IsNullOrEmpty(value))
        {
            if (required)
            {
                problems.Add($"{setting} is required{(requiredWhen is null ? string.Empty : " " + requiredWhen)} but is missing.");
            }

            return;
        }

        var reply = platformReply is null ? string.Empty : " " + platformReply;
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add($"{setting} is blank (only whitespace).");
        }
        else if (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            problems.Add($"{setting} has surrounding whitespace: {setting} contains whitespace (leading or trailing spaces, tabs or line breaks, usually from a copy-paste); remove it.{reply}");
        }
        else if (value.Any(char.IsWhiteSpace))
        {
            problems.Add($"{setting} contains whitespace (spaces, tabs or line breaks); remove it. Platform keys, secrets, tokens and sessions never contain any.{reply}");
        }
    }

    /// <summary>An endpoint URL: absolute, http or https.</summary>
    /// <param name="problems">Where to add a problem.</param>
    /// <param name="setting">The setting's path.</param>
    /// <param name="uri">The URL.</param>
    protected static void AbsoluteHttpUrl(ICollection<string> problems, string setting, Uri? uri)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{setting} must be an absolute http or https URL.");
        }
    }

    /// <summary>An enum setting with a defined value; the message lists the allowed names.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="problems">Where to add a problem.</param>
    /// <param name="setting">The setting's path.</param>
    /// <param name="value">The value.</param>
    /// <param name="ruleId">The rule behind it, if any.</param>
    protected static void DefinedEnum<TEnum>(ICollection<string> problems, string setting, TEnum value, string? ruleId = null)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (!Enum.IsDefined(value))
        {
            problems.Add($"{setting} must be {EnumNames.Allowed<TEnum>()} (got {Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)}){(ruleId is null ? string.Empty : $" ({ruleId})")}.");
        }
    }
}

/// <summary>Enum names for configuration messages.</summary>
public static class EnumNames
{
    /// <summary>The allowed names of an enum, quoted and joined for a message: <c>'A', 'B' or 'C'</c>.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <returns>The text.</returns>
    public static string Allowed<TEnum>()
        where TEnum : struct, Enum
        => Join(Enum.GetNames<TEnum>());

    /// <summary>The allowed names of an enum type known only at run time (configuration binding), as <see cref="Allowed{TEnum}"/> writes them.</summary>
    /// <param name="enumType">The enum type.</param>
    /// <returns>The text.</returns>
    internal static string Allowed(Type enumType) => Join(Enum.GetNames(enumType));

    private static string Join(string[] names)
    {
        var quoted = names.Select(n => $"'{n}'").ToArray();
        return quoted.Length == 1 ? quoted[0] : string.Join(", ", quoted, 0, quoted.Length - 1) + " or " + quoted[^1];
    }
}
