using System.CommandLine;
using System.Text.Json.Nodes;
using PlatformSdk.Alibaba1688.Signing;
using PlatformSdk.Jushuitan.Signing;
using PlatformSdk.Top.Signing;

namespace PlatformSdk.Tool.Commands;

/// <summary><c>platformsdk sign</c>: the string to sign and the signature, from the SDK's own signature functions.</summary>
internal static class SignCommand
{
    // Parameter values that are credentials: masked like the secret unless --show-secret.
    private static readonly string[] TokenParameters = ["access_token", "refresh_token", "session", "token", "partnerkey", "app_secret", "client_secret"];

    public static Command Create(Option<bool> json)
    {
        var platform = new Argument<string>("platform") { Description = "jushuitan (open API), jushuitan-legacy (query.aspx), 1688, top or qimen." };
        platform.AcceptOnlyFromAmong("jushuitan", "jushuitan-legacy", "1688", "top", "qimen");
        var parameters = new Option<string[]>("--param")
        {
            Description = "A request parameter as name=value (repeat the option; the value may contain '='). For Jushuitan pass biz as the exact JSON text.",
            AllowMultipleArgumentsPerToken = false,
        };
        var secret = new Option<string?>("--secret") { Description = "The app secret (Jushuitan app_secret, 1688 appSecret, TOP/Qimen app secret)." };
        var secretEnv = new Option<string?>("--secret-env") { Description = "The name of an environment variable holding the secret (keeps it out of the shell history)." };
        var showSecret = new Option<bool>("--show-secret") { Description = "Print the secret and token values in clear (masked as ab****yz by default)." };
        var path = new Option<string?>("--path") { Description = "1688 only: the API path that is signed, e.g. param2/1/com.alibaba.product/alibaba.product.get/1000000." };
        var signMethod = new Option<string?>("--sign-method") { Description = "TOP only: md5, hmac or hmac-sha256; default: the sign_method parameter, else md5." };
        signMethod.AcceptOnlyFromAmong("md5", "hmac", "hmac-sha256");
        var body = new Option<string?>("--body") { Description = "Qimen (and TOP SPI): the exact request body, signed after the sorted parameters." };
        var command = new Command("sign", "Show the canonical string to sign and the signature for Jushuitan (open API or legacy), 1688, TOP or Qimen, as the SDK computes them. The secret and tokens are masked unless --show-secret.")
        {
            platform,
            parameters,
            secret,
            secretEnv,
            showSecret,
            path,
            signMethod,
            body,
        };
        command.SetAction(result => Run(
            result.GetValue(platform)!,
            ParseParameters(result.GetValue(parameters) ?? []),
            ResolveSecret(result.GetValue(secret), result.GetValue(secretEnv)),
            result.GetValue(showSecret),
            result.GetValue(path),
            result.GetValue(signMethod),
            result.GetValue(body),
            result.GetValue(json)));
        return command;
    }

    private static int Run(string platform, List<KeyValuePair<string, string?>> parameters, string secret, bool showSecret, string? path,
        string? signMethod, string? body, bool json)
    {
        string stringToSign;
        string signature;
        string algorithm;
        switch (platform)
        {
            case "jushuitan":
                Reject(path, "--path", platform);
                Reject(signMethod, "--sign-method", platform);
                Reject(body, "--body", platform);
                // What the open API hashes is the secret followed by the sorted pairs: OpenApiCanonical without masking.
                stringToSign = JushuitanSignature.OpenApiCanonical(secret, parameters, maskSecrets: false);
                signature = JushuitanSignature.OpenApi(secret, parameters);
                algorithm = "md5 (lowercase hex) of app_secret + sorted name+value pairs";
                break;
            case "jushuitan-legacy":
                Reject(path, "--path", platform);
                Reject(signMethod, "--sign-method", platform);
                Reject(body, "--body", platform);
                var ts = Required(parameters, "ts");
                if (!long.TryParse(ts, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp))
                {
                    throw new UsageException($"--param ts='{ts}' is not Unix seconds.");
                }

                // The legacy protocol signs named values, not a parameter list; the secret is the partnerkey.
                var (legacyMethod, partnerId, token) = (Required(parameters, "method"), Required(parameters, "partnerid"), Required(parameters, "token"));
                stringToSign = JushuitanSignature.LegacyCanonical(legacyMethod, partnerId, token, timestamp, secret, maskSecrets: false);
                signature = JushuitanSignature.Legacy(legacyMethod, partnerId, token, timestamp, secret);
                algorithm = "md5 (lowercase hex) of method + partnerid + \"token\" + token + \"ts\" + ts + partnerkey";
                break;
            case "1688":
                Reject(signMethod, "--sign-method", platform);
                Reject(body, "--body", platform);
                if (string.IsNullOrEmpty(path))
                {
                    throw new UsageException("1688 signs the API path: pass --path, e.g. --path param2/1/com.alibaba.product/alibaba.product.get/1000000.");
                }

                stringToSign = Alibaba1688Signature.Canonical(path.TrimStart('/'), parameters, maskSecrets: false);
                signature = Alibaba1688Signature.Compute(path.TrimStart('/'), parameters, secret);
                algorithm = "hmac-sha1 (uppercase hex) keyed with appSecret over path + sorted name+value strings";
                break;
            case "top":
            case "qimen":
                Reject(path, "--path", platform);
                var wire = signMethod ?? parameters.LastOrDefault(p => p.Key == "sign_method").Value ?? "md5";
                var method = wire switch
                {
                    "md5" => TopSignMethod.Md5,
                    "hmac" => TopSignMethod.Hmac,
                    "hmac-sha256" => TopSignMethod.HmacSha256,
                    _ => throw new UsageException($"Unknown sign_method '{wire}': use md5, hmac or hmac-sha256."),
                };
                if (platform == "qimen" && method != TopSignMethod.Md5)
                {
                    throw new UsageException("Qimen signs with md5 only.");
                }

                var canonical = TopSignature.Canonical(parameters, body);
                stringToSign = method == TopSignMethod.Md5 ? string.Concat(secret, canonical, secret) : canonical;
                signature = platform == "qimen" ? TopSignature.SignQimen(secret, parameters, body) : TopSignature.Sign(method, secret, parameters, body);
                algorithm = method switch
                {
                    TopSignMethod.Md5 => "md5 (uppercase hex) of secret + sorted name+value pairs" + (body is null ? string.Empty : " + body") + " + secret",
                    TopSignMethod.Hmac => "hmac-md5 (uppercase hex) keyed with the secret over the sorted name+value pairs",
                    _ => "hmac-sha256 (uppercase hex) keyed with the secret over the sorted name+value pairs",
                };
                break;
            default:
                throw new UsageException($"Unknown platform '{platform}'.");
        }

        var shownSecret = showSecret ? secret : ToolOutput.Mask(secret);
        var shownString = showSecret ? stringToSign : MaskCredentials(stringToSign, secret, parameters);
        if (json)
        {
            var shownParameters = new JsonObject();
            foreach (var (name, value) in parameters)
            {
                shownParameters[name] = !showSecret && TokenParameters.Contains(name) && value is not null ? ToolOutput.Mask(value) : value;
            }

            ToolOutput.WriteJson(new JsonObject
            {
                ["platform"] = platform,
                ["algorithm"] = algorithm,
                ["path"] = path,
                ["parameters"] = shownParameters,
                ["secret"] = shownSecret,
                ["stringToSign"] = shownString,
                ["signature"] = signature,
            });
        }
        else
        {
            ToolOutput.WriteLine($"platform:       {platform}");
            ToolOutput.WriteLine($"algorithm:      {algorithm}");
            ToolOutput.WriteLine($"secret:         {shownSecret}");
            ToolOutput.WriteLine($"string to sign: {shownString}");
            ToolOutput.WriteLine($"signature:      {signature}");
        }

        return ExitCodes.Ok;
    }

    private static string MaskCredentials(string text, string secret, List<KeyValuePair<string, string?>> parameters)
    {
        var masked = text.Replace(secret, ToolOutput.Mask(secret), StringComparison.Ordinal);
        foreach (var (name, value) in parameters)
        {
            if (TokenParameters.Contains(name) && !string.IsNullOrEmpty(value))
            {
                masked = masked.Replace(name + value, name + ToolOutput.Mask(value), StringComparison.Ordinal);
            }
        }

        return masked;
    }

    private static string Required(List<KeyValuePair<string, string?>> parameters, string name) =>
        parameters.LastOrDefault(p => p.Key == name).Value is { Length: > 0 } value
            ? value
            : throw new UsageException($"The legacy Jushuitan signature needs --param {name}=...; the secret is the partnerkey.");

    private static void Reject(string? value, string option, string platform)
    {
        if (value is not null)
        {
            throw new UsageException($"{option} does not apply to {platform}.");
        }
    }

    private static List<KeyValuePair<string, string?>> ParseParameters(string[] values)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new UsageException($"--param '{value}' is not name=value.");
            }

            parameters.Add(new(value[..equals], value[(equals + 1)..]));
        }

        return parameters;
    }

    private static string ResolveSecret(string? secret, string? secretEnv)
    {
        if (secret is not null && secretEnv is not null)
        {
            throw new UsageException("Pass either --secret or --secret-env, not both.");
        }

        if (secretEnv is not null)
        {
            return Environment.GetEnvironmentVariable(secretEnv) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : throw new RefusedException($"The environment variable {secretEnv} named by --secret-env is not set or empty.");
        }

        return string.IsNullOrEmpty(secret) ? throw new UsageException("The secret is required: pass --secret S or --secret-env VAR.") : secret;
    }
}
