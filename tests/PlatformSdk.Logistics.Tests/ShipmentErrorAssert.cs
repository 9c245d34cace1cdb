using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Logistics.Errors;

namespace PlatformSdk.Logistics.Tests;

/// <summary>Checks one catalogue row against the exact message and its noisy forms.</summary>
internal static class ShipmentErrorAssert
{
    public static void Explains(string platform, string message, string ruleId, ErrorCategory category)
    {
        foreach (var (form, text) in Variants(message))
        {
            var why = ShipmentErrorCatalogue.Explain(platform, text);
            Assert.True(why.RuleId == ruleId && why.Category == category,
                $"{platform}, {form} form '{text}': expected {ruleId} {category}, got {why.RuleId ?? "nothing"} {why.Category}");
            Assert.Same(text, why.Message);
            Assert.False(string.IsNullOrWhiteSpace(why.Remedy));
        }
    }

    /// <summary>The exact message and the forms platforms wrap it in.</summary>
    public static IEnumerable<(string Form, string Text)> Variants(string message)
    {
        yield return ("exact", message);
        yield return ("surrounded", "发货失败：订单 3791234567890123 " + message + " (request_id: 15807151639054916)");
        yield return ("full-width", FullWidth(message));
        yield return ("spaced and re-cased", Respaced(message));
        if (!message.Contains('"', StringComparison.Ordinal))
        {
            // The message as it sits in an error body read as text (a quote inside would be escaped there).
            yield return ("JSON body", "{\"error_response\":{\"code\":15,\"sub_msg\":\"" + message + "\"}}");
        }
    }

    private static string FullWidth(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                ' ' => '\u3000',
                >= '!' and <= '~' => (char)(c + 0xFEE0),
                _ => c,
            });
        }

        return builder.ToString();
    }

    private static string Respaced(string text)
    {
        var builder = new StringBuilder(text.Length * 2);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            builder.Append(char.IsAsciiLetter(c) ? (char.IsAsciiLetterUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c)) : c);
            if (i % 3 == 2)
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }
}
