namespace PlatformSdk.Testing.Top;

/// <summary>
/// A TOP error as <see cref="FakeTopServer"/> sends it in <c>{"error_response":{"code","msg","sub_code","sub_msg","request_id"}}</c>
/// (HTTP 200). Modules return one from <see cref="FakeTopModule.Handle"/>; the router adds the <c>request_id</c>.
/// </summary>
/// <param name="Code">The top-level numeric <c>code</c> (15 for business errors, 40 missing argument, 41 invalid argument, …).</param>
/// <param name="Message">The <c>msg</c>.</param>
/// <param name="SubCode">The <c>sub_code</c> (<c>isv.*</c> for the caller's errors, <c>isp.*</c> for the platform's), or <see langword="null"/>.</param>
/// <param name="SubMessage">The <c>sub_msg</c>, or <see langword="null"/>.</param>
public sealed record FakeTopError(int Code, string Message, string? SubCode = null, string? SubMessage = null)
{
    /// <summary>Code 40 <c>Missing required arguments:{name}</c>.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The error.</returns>
    public static FakeTopError MissingArgument(string name) => new(40, "Missing required arguments:" + name);

    /// <summary>Code 41 <c>Invalid arguments:{name}</c>, sub_code <c>isv.invalid-parameter</c>, with the reason as sub_msg.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="reason">Why the value is refused (a rule id helps the reader of a failing test).</param>
    /// <returns>The error.</returns>
    public static FakeTopError InvalidArgument(string name, string reason) =>
        new(41, "Invalid arguments:" + name, "isv.invalid-parameter", reason);

    /// <summary>A business rule refusal: code 15 <see cref="FakeTopServer.BusinessErrorMessage"/> with an <c>isv.*</c> sub-code.</summary>
    /// <param name="subCode">The sub-code, such as <c>isv.eticket-code-used</c>.</param>
    /// <param name="subMessage">The sub_msg.</param>
    /// <returns>The error.</returns>
    public static FakeTopError Business(string subCode, string subMessage) => new(15, FakeTopServer.BusinessErrorMessage, subCode, subMessage);

    /// <summary>The first error of a list of checks, or <see langword="null"/> when every check passed.</summary>
    /// <param name="checks">The results of the checks, in the order the platform makes them.</param>
    /// <returns>The first error, or <see langword="null"/>.</returns>
    public static FakeTopError? FirstOf(params FakeTopError?[] checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return checks.FirstOrDefault(check => check is not null);
    }
}
