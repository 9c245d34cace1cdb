using System.Text.Json;

namespace PlatformSdk.Top;

/// <summary>Builds the TOP results whose constructors are internal, for tests that mock <see cref="TopClient"/> (the Azure SDK's <c>ModelFactory</c> pattern).</summary>
public static class TopModelFactory
{
    /// <summary>Builds a successful TOP reply.</summary>
    /// <param name="result">The success object (the content of <c>&lt;method&gt;_response</c>); it is cloned.</param>
    /// <param name="attempts">How many attempts the call took.</param>
    /// <returns>The reply.</returns>
    public static TopResult TopResult(JsonElement result, int attempts = 1) => new(result.Clone(), attempts);

    /// <summary>Builds a successful TOP reply from JSON text, for example <c>{"request_id":"r1","time":"2024-01-01 00:00:00"}</c>.</summary>
    /// <param name="resultJson">The success object as JSON.</param>
    /// <param name="attempts">How many attempts the call took.</param>
    /// <returns>The reply.</returns>
    public static TopResult TopResult(string resultJson, int attempts = 1)
    {
        ArgumentException.ThrowIfNullOrEmpty(resultJson);
        using var document = JsonDocument.Parse(resultJson);
        return new(document.RootElement.Clone(), attempts);
    }
}
