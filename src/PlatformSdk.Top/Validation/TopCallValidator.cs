using PlatformSdk.Errors;
using PlatformSdk.Top.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Top.Validation;

/// <summary>Rejects malformed calls before anything is sent (docs/protocols/taobao-top.md §2).</summary>
public static class TopCallValidator
{
    private static readonly ValidationGuard Guard = new(TopErrorCatalogue.Platform);

    /// <summary>Checks the method name, parameter names (no system names, no duplicates) and file parameters.</summary>
    /// <param name="call">The call.</param>
    /// <exception cref="PlatformValidationException">The call is malformed; it names the field and the rule.</exception>
    public static void Validate(TopCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (call.Method.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) || call.Method.StartsWith('.') || call.Method.EndsWith('.'))
        {
            Guard.Fail("method", call.Method, null, "a TOP API name is dotted text without spaces, for example taobao.item.seller.get.");
        }

        if (call.Seller is { } seller && string.IsNullOrWhiteSpace(seller))
        {
            Guard.Fail("seller", seller, null, "pass a configured seller name, or null for APIs that need no seller authorization.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < call.Parameters.Count; i++)
        {
            var name = call.Parameters[i].Key;
            CheckName($"parameters[{i}]", name, names);
        }

        for (var i = 0; i < call.Files.Count; i++)
        {
            var file = call.Files[i];
            CheckName($"files[{i}]", file.Name, names);
            Guard.Required($"files[{i}].fileName", file.FileName);
        }
    }

    private static void CheckName(string field, string? name, HashSet<string> seen)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Guard.Fail(field, name, null, "a parameter name is required.");
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
