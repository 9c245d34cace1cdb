using System.Security;
using System.Text;
using PlatformSdk.Top.Protocol;

namespace PlatformSdk.Top.Qimen;

/// <summary>Standard Qimen reply bodies (<c>&lt;response&gt;&lt;flag/&gt;&lt;code/&gt;&lt;message/&gt;&lt;/response&gt;</c>; docs/protocols/taobao-top.md §8).</summary>
public static class QimenReplies
{
    /// <summary>The reply to a push whose signature check failed, as XML: flag <c>failure</c>, code <c>sign-check-failure</c>, message <c>Illegal request</c>.</summary>
    public static string SignCheckFailureXml { get; } = Failure(QimenFormat.Xml, TopWireChoices.QimenSignFailureCode, TopWireChoices.QimenSignFailureMessage);

    /// <summary>The same reply as JSON (<c>{"response":{…}}</c>).</summary>
    public static string SignCheckFailureJson { get; } = Failure(QimenFormat.Json, TopWireChoices.QimenSignFailureCode, TopWireChoices.QimenSignFailureMessage);

    /// <summary>The sign-check failure reply in the request's format.</summary>
    /// <param name="format">The format of the push.</param>
    /// <returns>The body.</returns>
    public static string SignCheckFailure(QimenFormat format) => format == QimenFormat.Json ? SignCheckFailureJson : SignCheckFailureXml;

    /// <summary>A standard failure reply.</summary>
    /// <param name="format">XML or JSON.</param>
    /// <param name="code">The code.</param>
    /// <param name="message">The message.</param>
    /// <returns>The body.</returns>
    public static string Failure(QimenFormat format, string code, string message) => Build(format, "failure", code, message);

    /// <summary>A standard success reply.</summary>
    /// <param name="format">XML or JSON.</param>
    /// <param name="code">The code (often <c>0</c>).</param>
    /// <param name="message">The message.</param>
    /// <returns>The body.</returns>
    public static string Success(QimenFormat format, string code, string message) => Build(format, "success", code, message);

    private static string Build(QimenFormat format, string flag, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        var codeField = TopWireChoices.QimenReplyCodeField;
        var messageField = TopWireChoices.QimenReplyMessageField;
        if (format == QimenFormat.Json)
        {
            return new StringBuilder("{\"response\":{\"flag\":").Append(Json(flag))
                .Append(",\"").Append(codeField).Append("\":").Append(Json(code))
                .Append(",\"").Append(messageField).Append("\":").Append(Json(message)).Append("}}").ToString();
        }

        return $"<?xml version=\"1.0\" encoding=\"utf-8\"?><response><flag>{flag}</flag><{codeField}>{SecurityElement.Escape(code)}</{codeField}><{messageField}>{SecurityElement.Escape(message)}</{messageField}></response>";
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value, QimenJsonContext.Default.String);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class QimenJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
