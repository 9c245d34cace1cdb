namespace PlatformSdk.Errors;

/// <summary>
/// Thrown before anything is sent when a request breaks a platform rule the SDK knows. Names the field,
/// the offending value and the rule, so the caller can fix the input.
/// </summary>
public class PlatformValidationException : PlatformException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="platform">The platform the request was for.</param>
    /// <param name="field">The field path, for example <c>items[2].amount</c>.</param>
    /// <param name="value">The offending value as text; pass <see langword="null"/> for secrets, which are never echoed.</param>
    /// <param name="ruleId">The domain rule, for example <c>RJST-20</c>, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    public PlatformValidationException(string platform, string field, string? value, string? ruleId, string problem)
        : this(platform, field, value, ruleId, problem, $"Fix '{field}' and send again; the request was not sent.")
    {
    }

    /// <summary>Creates the exception with a remedy of its own, for refusals where "fix the field" is not the advice.</summary>
    /// <param name="platform">The platform the request was for.</param>
    /// <param name="field">The field path.</param>
    /// <param name="value">The offending value as text, or <see langword="null"/> for secrets.</param>
    /// <param name="ruleId">The domain rule, or <see langword="null"/>.</param>
    /// <param name="problem">What is wrong and what is expected.</param>
    /// <param name="remedy">What to do instead.</param>
    protected PlatformValidationException(string platform, string field, string? value, string? ruleId, string problem, string remedy)
        : base(new PlatformError(platform, "client-validation", Describe(field, value, ruleId, problem), ErrorCategory.Validation, remedy)
        { RuleId = ruleId })
    {
        Field = field;
        Value = value;
        Problem = problem;
    }

    /// <summary>The field path that failed validation.</summary>
    public string Field { get; }

    /// <summary>The offending value as text (<see langword="null"/> for secrets or when absent).</summary>
    public string? Value { get; }

    /// <summary>What is wrong and what is expected.</summary>
    public string Problem { get; }

    private static string Describe(string field, string? value, string? ruleId, string problem)
    {
        var shown = value is null ? "(not shown)" : $"'{Truncate(value)}'";
        var rule = ruleId is null ? string.Empty : $" (rule {ruleId})";
        return $"Invalid {field} = {shown}{rule}: {problem}";
    }

    private static string Truncate(string value) => value.Length <= 200 ? value : string.Concat(value.AsSpan(0, 200), "…");
}
