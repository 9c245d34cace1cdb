using System.CommandLine;
using System.Text.Json.Nodes;
using PlatformSdk.Alibaba1688.Errors;
using PlatformSdk.Errors;
using PlatformSdk.Jushuitan.Errors;
using PlatformSdk.Logistics;
using PlatformSdk.Logistics.Errors;
using PlatformSdk.TaobaoVoucher.Errors;
using PlatformSdk.TmallGlobalDirect.Errors;
using PlatformSdk.Top.Errors;

namespace PlatformSdk.Tool.Commands;

/// <summary><c>platformsdk explain</c>: a platform's error message through the SDK's own catalogues.</summary>
internal static class ExplainCommand
{
    private static readonly (string Name, ErrorCatalogue Catalogue)[] PlatformCatalogues =
    [
        ("JushuitanErrorCatalogue", JushuitanErrorCatalogue.Instance),
        ("Alibaba1688ErrorCatalogue", Alibaba1688ErrorCatalogue.Instance),
        ("TaobaoVoucherErrorCatalogue", TaobaoVoucherErrorCatalogue.Instance),
        ("TmallGlobalDirectErrorCatalogue", TmallGlobalDirectErrorCatalogue.Instance),
        ("TopErrorCatalogue", TopErrorCatalogue.Instance),
    ];

    public static Command Create(Option<bool> json)
    {
        var message = new Argument<string>("message") { Description = "The platform's error message (or sub-message), as received." };
        var platform = new Option<string?>("--platform", "-p")
        {
            Description = "Where the message came from: jushuitan, 1688, top, taobao-voucher, tmall-global-direct, or a shipment platform "
                + "(taobao, tmall, pdd, douyin, jd, suning, youzan, ...). Without it every catalogue is searched, the shipment rules first.",
        };
        var code = new Option<string?>("--code", "-c") { Description = "The platform's error code or sub-code, if it sent one apart from the message." };
        var command = new Command("explain", "Explain a platform error message: rule ID, category and remedy from the SDK's catalogues (ShipmentErrorCatalogue and the platform error catalogues). Exit 1 when no catalogue knows it.")
        {
            message,
            platform,
            code,
        };
        command.SetAction(result => Run(result.GetValue(message)!, result.GetValue(platform), result.GetValue(code), result.GetValue(json)));
        return command;
    }

    private static int Run(string message, string? platform, string? code, bool json)
    {
        var (shipmentPlatform, catalogues) = Resolve(platform);
        JsonObject? found = null;
        if (shipmentPlatform is not null)
        {
            var explanation = ShipmentErrorCatalogue.Explain(shipmentPlatform, message, code);
            if (explanation.IsKnown)
            {
                found = Known(explanation.RuleId, explanation.Category, explanation.Remedy, $"ShipmentErrorCatalogue({explanation.Platform})", explanation.OutcomeUnknown);
            }
        }

        foreach (var (name, catalogue) in catalogues)
        {
            if (found is not null)
            {
                break;
            }

            if (catalogue.Find(code, code, message) is { } entry)
            {
                found = Known(entry.RuleId, entry.Category, entry.Remedy, name, entry.OutcomeUnknown);
            }
        }

        if (found is null)
        {
            if (json)
            {
                ToolOutput.WriteJson(new JsonObject { ["known"] = false, ["result"] = "unknown", ["platform"] = platform, ["message"] = message, ["code"] = code });
            }
            else
            {
                ToolOutput.WriteLine("unknown: " + message);
            }

            return ExitCodes.Refused;
        }

        found["platform"] = platform;
        found["message"] = message;
        found["code"] = code;
        if (json)
        {
            ToolOutput.WriteJson(found);
        }
        else
        {
            ToolOutput.WriteLine($"rule:     {(string?)found["rule"] ?? "(none)"}");
            ToolOutput.WriteLine($"category: {(string?)found["category"]}");
            ToolOutput.WriteLine($"remedy:   {(string?)found["remedy"]}");
            ToolOutput.WriteLine($"source:   {(string?)found["source"]}");
        }

        return ExitCodes.Ok;
    }

    private static JsonObject Known(string? ruleId, ErrorCategory category, string remedy, string source, bool outcomeUnknown) => new()
    {
        ["known"] = true,
        ["rule"] = ruleId,
        ["category"] = category.ToString(),
        ["remedy"] = remedy,
        ["source"] = source,
        ["outcomeUnknown"] = outcomeUnknown,
    };

    /// <summary>The shipment platform to explain with (null: none) and the platform catalogues to try, in order.</summary>
    private static (string? ShipmentPlatform, (string Name, ErrorCatalogue Catalogue)[] Catalogues) Resolve(string? platform)
    {
        (string, ErrorCatalogue)[] Only(string name) => [.. PlatformCatalogues.Where(c => c.Name == name)];
        switch (platform?.Trim().ToUpperInvariant())
        {
            case null or "" or "ALL":
                // An unknown platform name makes the shipment catalogue match every platform's rows.
                return ("any", PlatformCatalogues);
            case "JUSHUITAN" or "JST":
                return (null, Only("JushuitanErrorCatalogue"));
            case "1688" or "ALIBABA1688" or "ALIBABA":
                return (ShipmentPlatforms.Alibaba1688, Only("Alibaba1688ErrorCatalogue"));
            case "TOP" or "TAOBAO" or "QIMEN":
                return (ShipmentPlatforms.Taobao, Only("TopErrorCatalogue"));
            case "TMALL":
                return (ShipmentPlatforms.Tmall, Only("TopErrorCatalogue"));
            case "TAOBAO-VOUCHER" or "TAOBAOVOUCHER" or "VOUCHER":
                return (null, [.. Only("TaobaoVoucherErrorCatalogue"), .. Only("TopErrorCatalogue")]);
            case "TMALL-GLOBAL-DIRECT" or "TMALLGLOBALDIRECT":
                return (ShipmentPlatforms.TmallGlobalDirect, Only("TmallGlobalDirectErrorCatalogue"));
            default:
                return ShipmentPlatforms.Canonical(platform) is { } canonical
                    ? (canonical, [])
                    : throw new UsageException($"Unknown --platform '{platform}': use jushuitan, 1688, top, taobao-voucher, tmall-global-direct or one of the shipment platforms {string.Join(", ", ShipmentPlatforms.All)}.");
        }
    }
}
