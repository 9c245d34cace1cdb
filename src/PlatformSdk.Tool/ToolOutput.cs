using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PlatformSdk.Tool;

/// <summary>How commands print: one JSON document per line with <c>--json</c>, else text; and how secrets are shown.</summary>
internal static class ToolOutput
{
    // Chinese platform messages stay readable in the JSON instead of becoming \uXXXX escapes; the output is never embedded in HTML.
    public static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static string ToJson(JsonNode node) => node.ToJsonString(Json);

    public static void WriteJson(JsonNode node)
    {
        Console.Out.WriteLine(ToJson(node));
        Console.Out.Flush();
    }

    public static void WriteLine(string text)
    {
        Console.Out.WriteLine(text);
        Console.Out.Flush();
    }

    /// <summary>Keeps the first and last two characters of a long secret (<c>ab****yz</c>), so two secrets can be told apart without revealing either.</summary>
    public static string Mask(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return secret.Length >= 8 ? string.Concat(secret.AsSpan(0, 2), "****", secret.AsSpan(secret.Length - 2)) : "****";
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
