using System.Globalization;
using PlatformSdk.Testing.Faults;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// TOP errors for <see cref="FaultInjector"/> rules. <see cref="Fault.PlatformError"/> carries one code and one message, so a
/// sub-code rides in the code after a <c>|</c> (<c>"15|isp.top-remote-service-unavailable"</c>) and a sub_msg in the message after a
/// <c>|</c> (<c>"Remote service error|…"</c>); <see cref="FakeTopServer"/> splits them into <c>sub_code</c> and <c>sub_msg</c>.
/// </summary>
public static class FakeTopFaults
{
    /// <summary>The sub-code of TOP's transient "backend unavailable" error (code 15).</summary>
    public const string RemoteServiceUnavailableSubCode = "isp.top-remote-service-unavailable";

    /// <summary>Creates a TOP <c>error_response</c> fault.</summary>
    /// <param name="code">The top-level <c>code</c>, such as 15.</param>
    /// <param name="msg">The <c>msg</c>, such as <c>Remote service error</c>.</param>
    /// <param name="subCode">The <c>sub_code</c>, or <see langword="null"/> for none.</param>
    /// <param name="subMsg">The <c>sub_msg</c>, or <see langword="null"/> for none.</param>
    /// <param name="processRequest">Whether the fake still processes the request first (the work is done, the answer is an error).</param>
    /// <returns>The fault.</returns>
    public static Fault Error(int code, string msg, string? subCode = null, string? subMsg = null, bool processRequest = false)
    {
        ArgumentNullException.ThrowIfNull(msg);
        if (subCode?.Contains('|', StringComparison.Ordinal) == true || msg.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("'|' separates the sub-code and sub_msg and cannot appear in code, msg or sub_code.");
        }

        var wireCode = code.ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(subCode) ? string.Empty : "|" + subCode);
        var wireMessage = subMsg is null ? msg : msg + "|" + subMsg;
        return Fault.PlatformError(wireCode, wireMessage, processRequest);
    }

    /// <summary>
    /// Code 15 <c>Remote service error</c> with sub-code <c>isp.top-remote-service-unavailable</c>: TOP's transient backend failure,
    /// which clients should retry (isp.* errors are server-side). Register it with <c>Once</c> for "remote error once".
    /// </summary>
    /// <param name="processRequest">Whether the request is processed before the error is sent.</param>
    /// <returns>The fault.</returns>
    public static Fault RemoteServiceUnavailable(bool processRequest = false) =>
        Error(15, "Remote service error", RemoteServiceUnavailableSubCode, "调用远程服务失败，服务暂不可用", processRequest);
}
