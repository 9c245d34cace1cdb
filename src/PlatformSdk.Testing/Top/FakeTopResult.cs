using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// What a <see cref="FakeTopModule"/> answers a call with: the success object (the router wraps it as
/// <c>{"{method}_response":{…,"request_id"}}</c>) or a <see cref="FakeTopError"/>.
/// </summary>
public sealed class FakeTopResult
{
    private FakeTopResult(JsonObject? body, FakeTopError? error)
    {
        Body = body;
        Error = error;
    }

    /// <summary>The success object without <c>request_id</c>, or <see langword="null"/> for an error.</summary>
    public JsonObject? Body { get; }

    /// <summary>The error, or <see langword="null"/> for a success.</summary>
    public FakeTopError? Error { get; }

    /// <summary>Whether the call succeeded.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>A success.</summary>
    /// <param name="body">The success object, without <c>request_id</c>.</param>
    /// <returns>The result.</returns>
    public static FakeTopResult Success(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new FakeTopResult(body, null);
    }

    /// <summary>A TOP error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static FakeTopResult FromError(FakeTopError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new FakeTopResult(null, error);
    }

    /// <summary>Lets a handler <c>return</c> a <see cref="FakeTopError"/> directly; same as <see cref="FromError"/>.</summary>
    /// <param name="error">The error.</param>
    public static implicit operator FakeTopResult(FakeTopError error) => FromError(error);
}
