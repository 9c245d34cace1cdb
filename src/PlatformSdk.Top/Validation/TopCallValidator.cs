using PlatformSdk.Errors;
using PlatformSdk.Top.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Top.Validation;

/// <summary>Rejects malformed calls before anything is sent (docs/protocols/taobao-top.md §2).</summary>
public static class TopCallValidator
{
    private static readonly ValidationGuard Guard = new(TopErrorCatalogue.Platform);

    // An SDK limit: the longest TOP API and parameter names are far shorter.
    private const int MaxNameLength = 128;

    /// <summary>Checks the method name, parameter names (no system names, no duplicates) and file parameters.</summary>
    /// <param name="call">The call.</param>
    /// <exception cref="PlatformValidationException">The call is malformed; it names the field and the rule.</exception>
    public static void Validate(TopCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Method.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c)) || call.Method.StartsWith('.') || call.Method.EndsWith('.'))
        {
            Guard.Fail("method", call.Method, null, "a TOP API name is dotted text without spaces, for example taobao.item.seller.get.");
        }

        Guard.MaxLength("method", call.Method, MaxNameLength);
        if (call.Seller is { } seller && string.IsNullOrWhiteSpace(seller))
        {
            Guard.Fail("seller", seller, null, "pass a configured seller name, or null for APIs that need no seller authorization.");
        }

        // The seller names the tenant (token store key, rate-limit partition, logs).
        Guard.OptionalIdentifier("seller", call.Seller, ValidationGuard.SdkNameMaxLength);
        Guard.OptionalIdentifier("target_app_key", call.TargetAppKey, null);
        Guard.NotNull("parameters", call.Parameters);
        Guard.NotNull("files", call.Files);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < call.Parameters.Count; i++)
        {
            var (name, value) = call.Parameters[i];
            CheckName($"parameters[{i}]", name, names);
            // Values are free text (JSON, descriptions) of any length, but a control character other than a line break or a
            // lone surrogate cannot be form-encoded faithfully: UTF-8 would silently replace it and sign something else.
            if (value is not null && ValidationGuard.IndexOfForbiddenCharacter(value, allowLineBreaks: true) is var bad and >= 0)
            {
                Guard.Fail(name!, null, null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"the value has a control character or lone surrogate at index {bad} (U+{(int)value[bad]:X4}); TOP would receive something other than what was signed."));
            }
        }

        for (var i = 0; i < call.Files.Count; i++)
        {
            var file = call.Files[i] ?? throw Guard.Fail($"files[{i}]", null, null, "the file is null.");
            CheckName($"files[{i}]", file.Name, names);
            Guard.FileName($"files[{i}].fileName", file.FileName);
            // Written into the part's Content-Type header: a line break would inject headers.
            Guard.Identifier($"files[{i}].contentType", file.ContentType, ValidationGuard.SdkNameMaxLength);
        }
    }

    private static void CheckName(string field, string? name, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Guard.Fail(field, name, null, "a parameter name is required.");
        }

        if (name!.Length > MaxNameLength || ValidationGuard.IndexOfForbiddenCharacter(name) >= 0 || name.Any(char.IsWhiteSpace))
        {
            Guard.Fail(field, name, null, $"a parameter name is at most {MaxNameLength} characters without spaces or control characters (a limit of the SDK).");
        }

        if (TopParameterNames.All.Contains(name!))
        {
            Guard.Fail(field, name, null, $"'{name}' is a TOP system parameter the SDK sets itself; do not pass it as a business parameter.");
        }

        if (!seen.Add(name!))
        {
            Guard.Fail(field, name, null, $"the parameter '{name}' is given more than once; TOP accepts one value per name.");
        }
    }
}
