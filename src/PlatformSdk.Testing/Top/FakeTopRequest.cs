using System.Globalization;
using System.Text.Json.Nodes;

namespace PlatformSdk.Testing.Top;

/// <summary>
/// One verified call handed to a <see cref="FakeTopModule"/>: its method, parameters (query, form or multipart text parts;
/// the first value of a name wins), the seller its <c>session</c> belongs to, and the server time. Argument helpers answer
/// TOP's own errors (40 missing, 41 invalid).
/// </summary>
public sealed class FakeTopRequest
{
    private readonly FakeTopSeller? _seller;

    /// <summary>Creates a call; the router does this, and module unit tests can too.</summary>
    /// <param name="method">The method, such as <c>taobao.vmarket.eticket.send</c>.</param>
    /// <param name="parameters">Every text parameter, system ones included.</param>
    /// <param name="seller">The seller whose session the call carries, or <see langword="null"/> when it carries none.</param>
    /// <param name="now">The server time of the call.</param>
    /// <param name="fileNames">The names of file parameters (multipart parts with a file name), or <see langword="null"/> for none.</param>
    public FakeTopRequest(string method, IReadOnlyDictionary<string, string> parameters, FakeTopSeller? seller, DateTimeOffset now, IReadOnlyList<string>? fileNames = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parameters);
        Method = method;
        Parameters = parameters;
        _seller = seller;
        Now = now;
        FileNames = fileNames ?? [];
    }

    /// <summary>The method.</summary>
    public string Method { get; }

    /// <summary>Every text parameter (system and business), ordinal names.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The names of file parameters, which TOP leaves out of the signature.</summary>
    public IReadOnlyList<string> FileNames { get; }

    /// <summary>Whether the call carries a valid session.</summary>
    public bool HasSession => _seller is not null;

    /// <summary>The seller whose session the call carries.</summary>
    /// <exception cref="InvalidOperationException">The call carries no session (its method does not require one).</exception>
    public FakeTopSeller Seller => _seller ?? throw new InvalidOperationException($"{Method} was called without a session.");

    /// <summary>The server time of the call, by the server's <see cref="TimeProvider"/>.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>Whether the caller asked for the simplified JSON shape (<c>simplify=true</c>).</summary>
    public bool Simplify => Get("simplify") == "true";

    /// <summary>A parameter's value, or <see langword="null"/> when absent.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/>.</returns>
    public string? Get(string name) => Parameters.GetValueOrDefault(name);

    /// <summary>Reads a required parameter: code 40 when it is absent or empty.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value; empty when missing.</param>
    /// <returns>The error, or <see langword="null"/> when present.</returns>
    public FakeTopError? Required(string name, out string value)
    {
        value = Get(name) ?? string.Empty;
        return value.Length == 0 ? FakeTopError.MissingArgument(name) : null;
    }

    /// <summary>Reads a required whole number of at least 1 (a count): 40 when missing, 41 when not such a number.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">The value; 0 when refused.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    public FakeTopError? RequiredCount(string name, out int value)
    {
        value = 0;
        if (Required(name, out var text) is { } missing)
        {
            return missing;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1
            ? null
            : FakeTopError.InvalidArgument(name, $"{name} must be a whole number of at least 1; got '{text}'");
    }

    /// <summary>Reads an optional whole number within bounds: the fallback when absent or empty, 41 when out of bounds.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="fallback">The value when absent.</param>
    /// <param name="min">The smallest value accepted.</param>
    /// <param name="max">The largest value accepted.</param>
    /// <param name="value">The value.</param>
    /// <returns>The error, or <see langword="null"/>.</returns>
    public FakeTopError? OptionalInt(string name, int fallback, int min, int max, out int value)
    {
        value = fallback;
        if (Get(name) is not { Length: > 0 } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max
            ? null
            : FakeTopError.InvalidArgument(name, string.Create(CultureInfo.InvariantCulture, $"{name} must be between {min} and {max}; got '{text}'"));
    }

    /// <summary>
    /// Shapes a list as TOP does: non-simplified JSON wraps it in an object named by the element
    /// (<c>{"eticket_task":[…]}</c>); with <c>simplify=true</c> it is a plain array (the fake's choice: no simplified reply was found).
    /// </summary>
    /// <param name="elementName">The element name, such as <c>eticket_task</c>.</param>
    /// <param name="items">The items.</param>
    /// <returns>The node to put under the list's name.</returns>
    public JsonNode List(string elementName, IEnumerable<JsonNode> items)
    {
        ArgumentException.ThrowIfNullOrEmpty(elementName);
        ArgumentNullException.ThrowIfNull(items);
        var array = new JsonArray(items.ToArray());
        return Simplify ? array : new JsonObject { [elementName] = array };
    }
}
