using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformSdk.Errors;

namespace PlatformSdk.Tests.Shared;

/// <summary>One hostile reply: how it was made, its bytes and the HTTP status it is sent with.</summary>
internal sealed record FuzzCase(int Index, string Kind, byte[] Body, int Status)
{
    /// <summary>The body as escaped text (control characters, non-ASCII and invalid UTF-8 as escapes), cut to <paramref name="max"/> characters.</summary>
    public string Escaped(int max = 400)
    {
        var text = new StringBuilder();
        var span = Body.AsSpan();
        while (!span.IsEmpty && text.Length < max)
        {
            // One scalar at a time, so an invalid byte shows as \xNN and not as U+FFFD.
            if (System.Text.Rune.DecodeFromUtf8(span, out var scalar, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(scalar.Value is >= 0x20 and < 0x7F ? ((char)scalar.Value).ToString()
                    : scalar.Value <= 0xFFFF ? string.Create(CultureInfo.InvariantCulture, $"\\u{scalar.Value:X4}")
                    : string.Create(CultureInfo.InvariantCulture, $"\\U{scalar.Value:X8}"));
                span = span[consumed..];
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{span[0]:X2}");
                span = span[1..];
            }
        }

        return span.IsEmpty ? text.ToString() : string.Create(CultureInfo.InvariantCulture, $"{text}… ({Body.Length} bytes)");
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Index} {Kind} HTTP {Status}: {Escaped()}");
}

/// <summary>
/// Makes hostile replies from valid ones, deterministically from a seed: every field of the valid reply replaced by values of
/// the wrong type, out of range or absurd (9223372036854775807, 1e400, lone surrogates, dates at the ends of time), fields removed
/// and nested, then byte-level damage (bit flips, truncation, inserted bytes, invalid UTF-8, byte order marks, trailing bytes).
/// </summary>
internal static class ReplyFuzz
{
    private const string Marker = "__fuzz_raw_value__";

    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>JSON texts that break readers: every type, the ends of every numeric range, unusual strings and shapes.</summary>
    /// <remarks>The likeliest to break a reader come first: with a small budget every field still gets them.</remarks>
    public static readonly string[] HostileValues =
    [
        "9223372036854775807", "1e400", "null", "\"abc\"", "{}", "[]", "\"\\ud800\"", "-1", "\"9223372036854775807\"", "true", "\"\"",
        "-9223372036854775808", "1e30", "\"1e30\"", "\"-1\"", "1.5", "\"0001-01-01 00:00:00\"", "\"99991231235959-1400\"", "0",
        "9223372036854775808", "18446744073709551616", "123456789012345678901234567890", "-1e400", "7.9228162514264337593543950336E+28", "1E+29",
        "-0", "1E-400", "false", "\" \"", "\"null\"", "\"0\"", "\"1e400\"", "\"9223372036854775808\"",
        "\"NaN\"", "\"Infinity\"", "\"true\"", "\"\\u0000\"", "\"\\udc00x\"", "\"中文\"",
        "\"9999-12-31 23:59:59\"", "\"0001-01-01\"", "\"00010101000000+1400\"",
        "\"20240101000000+1459\"", "\"99991231235959999-1400\"", "\"0001-01-01T00:00:00+14:00\"", "\"9999-12-31T23:59:59-14:00\"",
        "[null]", "[1,\"2\",{}]", "{\"value\":1}", "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":null}]}}}",
        new string('[', 60) + new string(']', 60), new string('[', 70) + new string(']', 70),
        "\"" + new string('x', 5000) + "\"",
    ];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x80], [0xE4, 0xB8], [0xF0, 0x9F, 0x98],
    ];

    private static readonly string[] Trailers = ["x", "}", "\0", " {}", "\r\n", "<html>", "{\"code\":0}", ",", "]", "\uFEFF"];

    private static readonly string[] WholeBodies =
    [
        "", " ", "null", "[]", "\"ok\"", "0", "{}", "{", "}", "<html><body>502</body></html>", "\uFEFF", "\uFEFF\uFEFF{}", "[{}]",
        "{\"\":null}", "/* comment */{}", "{} {}", "\0",
    ];

    private static readonly int[] OtherStatuses = [400, 401, 403, 404, 408, 429, 500, 502, 503];

    /// <summary>
    /// <paramref name="count"/> cases from <paramref name="validReply"/>: first each field with each hostile value (worst values
    /// first, up to two thirds of the budget), then seeded random combinations of structural and byte-level damage.
    /// </summary>
    public static IReadOnlyList<FuzzCase> Cases(int seed, string validReply, int count, int firstIndex = 0)
    {
        var random = new Random(seed);
        var cases = new List<FuzzCase>(count);
        var positions = Positions(validReply);
        // Value-major order: every field gets the first (worst) values before any field gets the next ones.
        var pairs = Enumerable.Range(0, HostileValues.Length).SelectMany(v => positions.Select(p => (Position: p, Value: v))).ToList();
        var systematic = Math.Min(pairs.Count, count * 2 / 3);

        foreach (var (position, value) in pairs.Take(systematic))
        {
            cases.Add(new FuzzCase(firstIndex + cases.Count, $"field {position} = {Cut(HostileValues[value])}", Utf8(Replace(validReply, position, HostileValues[value])), 200));
        }

        while (cases.Count < count)
        {
            var (kind, body) = RandomCase(random, validReply, positions);
            var status = random.Next(10) == 0 ? OtherStatuses[random.Next(OtherStatuses.Length)] : 200;
            cases.Add(new FuzzCase(firstIndex + cases.Count, kind, body, status));
        }

        return cases;
    }

    /// <summary>Runs every case and fails with the seed and every case that ended in anything but a result or a <see cref="PlatformException"/>.</summary>
    public static async Task AssertOnlyPlatformErrorsAsync(int seed, IEnumerable<FuzzCase> cases, Func<FuzzCase, Task> run)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(run);
        var failures = new List<(FuzzCase Case, Exception Error)>();
        var total = 0;
        foreach (var @case in cases)
        {
            total++;
            try
            {
                await run(@case);
            }
            catch (PlatformException)
            {
                // The invariant: a hostile reply is a platform error.
            }
#pragma warning disable CA1031 // Every exception is a finding to report, not to rethrow.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add((@case, ex));
            }
        }

        Report(seed, total, failures);
    }

    /// <summary>The synchronous form of <see cref="AssertOnlyPlatformErrorsAsync"/>, for in-process readers and classifiers.</summary>
    public static void AssertOnlyPlatformErrors(int seed, IEnumerable<FuzzCase> cases, Action<FuzzCase> run)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(run);
        var failures = new List<(FuzzCase Case, Exception Error)>();
        var total = 0;
        foreach (var @case in cases)
        {
            total++;
            try
            {
                run(@case);
            }
            catch (PlatformException)
            {
                // The invariant: a hostile reply is a platform error.
            }
#pragma warning disable CA1031
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add((@case, ex));
            }
        }

        Report(seed, total, failures);
    }

    private static void Report(int seed, int total, List<(FuzzCase Case, Exception Error)> failures)
    {
        if (failures.Count == 0)
        {
            return;
        }

        // One line per distinct exception site, so a run shows every bug at once and each with its smallest input.
        var distinct = failures
            .GroupBy(f => f.Error.GetType().Name + " at " + Site(f.Error))
            .Select(g => (Key: g.Key, Count: g.Count(), First: g.OrderBy(f => f.Case.Body.Length).First()))
            .ToList();
        var message = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Seed {seed}: {failures.Count} of {total} hostile replies raised something other than a PlatformException:");
        foreach (var (key, count, (@case, error)) in distinct.Take(12))
        {
            message.AppendLine().Append(CultureInfo.InvariantCulture, $"- {key} ({count}×): {error.GetType().Name}: {Cut(error.Message, 200)}")
                .AppendLine().Append("    input ").Append(@case);
        }

        Assert.Fail(message.ToString());
    }

    private static string Site(Exception error)
    {
        var frames = new System.Diagnostics.StackTrace(error, fNeedFileInfo: false).GetFrames();
        var frame = frames.FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("PlatformSdk", StringComparison.Ordinal) == true) ?? frames.FirstOrDefault();
        var method = frame?.GetMethod();
        return method is null ? "?" : $"{method.DeclaringType?.Name}.{method.Name}";
    }

    private static (string Kind, byte[] Body) RandomCase(Random random, string valid, List<string> positions)
    {
        var text = valid;
        var kinds = new List<string>();
        // Structural damage first (on text), then byte damage (on bytes).
        var structural = random.Next(3);
        for (var i = 0; i < structural && positions.Count > 0; i++)
        {
            var position = positions[random.Next(positions.Count)];
            try
            {
                switch (random.Next(4))
                {
                    case 0:
                    case 1:
                        var value = HostileValues[random.Next(HostileValues.Length)];
                        text = Replace(text, position, value);
                        kinds.Add($"{position}={Cut(value)}");
                        break;
                    case 2:
                        text = Remove(text, position);
                        kinds.Add($"-{position}");
                        break;
                    default:
                        text = Wrap(text, position, random.Next(2) == 0);
                        kinds.Add($"wrap {position}");
                        break;
                }
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                // An earlier step made text that the node model cannot take again (too deep, a lone surrogate): keep it as it is.
                break;
            }
        }

        var body = Utf8(text);
        var damage = structural == 0 ? 1 + random.Next(2) : random.Next(2);
        for (var i = 0; i < damage; i++)
        {
            (var kind, body) = ByteDamage(random, body);
            kinds.Add(kind);
        }

        return (kinds.Count == 0 ? "unchanged" : string.Join(", ", kinds), body);
    }

    private static (string Kind, byte[] Body) ByteDamage(Random random, byte[] body)
    {
        var at = body.Length == 0 ? 0 : random.Next(body.Length + 1);
        switch (random.Next(11))
        {
            case 0:
                if (body.Length == 0)
                {
                    return ("flip (empty)", body);
                }

                var flipped = (byte[])body.Clone();
                var index = random.Next(flipped.Length);
                flipped[index] ^= (byte)(1 << random.Next(8));
                return ($"flip@{index}", flipped);
            case 1:
                return ($"truncate@{at}", body[..at]);
            case 2:
                var noise = new byte[1 + random.Next(8)];
                random.NextBytes(noise);
                return ($"insert {noise.Length} random@{at}", [.. body[..at], .. noise, .. body[at..]]);
            case 3:
            case 4:
                // Inside a string value when there is one, where readers decode text.
                var quote = Array.IndexOf(body, (byte)'"', Math.Min(at, body.Length));
                var where = quote >= 0 ? quote + 1 : at;
                var bad = InvalidUtf8[random.Next(InvalidUtf8.Length)];
                return ($"invalid utf-8 {Convert.ToHexString(bad)}@{where}", [.. body[..where], .. bad, .. body[where..]]);
            case 5:
                return ("bom", [0xEF, 0xBB, 0xBF, .. body]);
            case 6:
                var trailer = Trailers[random.Next(Trailers.Length)];
                return ($"trailing {Cut(trailer)}", [.. body, .. Utf8(trailer)]);
            case 7:
                var whole = WholeBodies[random.Next(WholeBodies.Length)];
                return ($"body {Cut(whole)}", Utf8(whole));
            case 8:
                // A number of the reply made huge or fractional, in place.
                var digit = Array.FindIndex(body, Math.Min(at, body.Length), b => b is >= (byte)'0' and <= (byte)'9');
                if (digit < 0)
                {
                    return ("no digit", body);
                }

                var huge = random.Next(3) switch { 0 => "9223372036854775807", 1 => "99999999999999999999999", _ => "1e400" };
                return ($"digits {huge}@{digit}", [.. body[..digit], .. Utf8(huge), .. body[digit..]]);
            case 9:
                return ($"comment@{at}", [.. body[..at], .. Utf8("/*x*/"), .. body[at..]]);
            default:
                // A duplicated key: the first object gets one of its own keys again.
                var brace = Array.IndexOf(body, (byte)'{');
                var colon = brace < 0 ? -1 : Array.IndexOf(body, (byte)':', brace);
                if (colon < 0)
                {
                    return ("no key", body);
                }

                var key = body[(brace + 1)..colon];
                return ("duplicate key", [.. body[..(brace + 1)], .. key, .. Utf8(":null,"), .. body[(brace + 1)..]]);
        }
    }

    // Positions are JSON paths in the valid reply: "" is the root, "a.b", "a.list[0].c".
    private static List<string> Positions(string json)
    {
        var positions = new List<string>();
        Walk(JsonNode.Parse(json), string.Empty, positions);
        return positions;

        static void Walk(JsonNode? node, string path, List<string> into)
        {
            into.Add(path);
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, child) in obj)
                    {
                        Walk(child, path.Length == 0 ? name : path + "." + name, into);
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        Walk(array[i], string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"), into);
                    }

                    break;
            }
        }
    }

    private static string Replace(string json, string position, string rawValue)
    {
        if (position.Length == 0)
        {
            return rawValue;
        }

        var root = JsonNode.Parse(json);
        if (!Set(root, position, JsonValue.Create(Marker)))
        {
            return json;
        }

        return root!.ToJsonString(Relaxed).Replace("\"" + Marker + "\"", rawValue, StringComparison.Ordinal);
    }

    private static string Remove(string json, string position)
    {
        var root = JsonNode.Parse(json);
        var (parent, key, index) = Locate(root, position);
        switch (parent)
        {
            case JsonObject obj when key is not null:
                obj.Remove(key);
                break;
            case JsonArray array when index is { } i && i < array.Count:
                array.RemoveAt(i);
                break;
            default:
                return "{}";
        }

        return root!.ToJsonString(Relaxed);
    }

    private static string Wrap(string json, string position, bool inArray)
    {
        var root = JsonNode.Parse(json);
        var (parent, key, index) = Locate(root, position);
        JsonNode? current = parent switch
        {
            JsonObject obj when key is not null => obj[key],
            JsonArray array when index is { } i && i < array.Count => array[i],
            _ => root,
        };
        var copy = current?.DeepClone();
        JsonNode wrapped = inArray ? new JsonArray(copy) : new JsonObject { ["value"] = copy };
        if (parent is null)
        {
            return wrapped.ToJsonString(Relaxed);
        }

        Set(root, position, wrapped);
        return root!.ToJsonString(Relaxed);
    }

    private static bool Set(JsonNode? root, string position, JsonNode value)
    {
        var (parent, key, index) = Locate(root, position);
        switch (parent)
        {
            case JsonObject obj when key is not null:
                obj[key] = value;
                return true;
            case JsonArray array when index is { } i && i < array.Count:
                array[i] = value;
                return true;
            default:
                return false;
        }
    }

    private static (JsonNode? Parent, string? Key, int? Index) Locate(JsonNode? root, string position)
    {
        if (position.Length == 0)
        {
            return (null, null, null);
        }

        var steps = Steps(position);
        var node = root;
        for (var i = 0; i < steps.Count - 1; i++)
        {
            node = steps[i] switch
            {
                (string name, _) => (node as JsonObject)?[name],
                (_, int n) => node is JsonArray a && n < a.Count ? a[n] : null,
                _ => null,
            };
        }

        var last = steps[^1];
        return (node, last.Key, last.Index);
    }

    private static List<(string? Key, int? Index)> Steps(string position)
    {
        var steps = new List<(string?, int?)>();
        foreach (var part in position.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            if (name.Length > 0)
            {
                steps.Add((name, null));
            }

            while (bracket >= 0)
            {
                var close = part.IndexOf(']', bracket);
                steps.Add((null, int.Parse(part.AsSpan(bracket + 1, close - bracket - 1), CultureInfo.InvariantCulture)));
                bracket = part.IndexOf('[', close);
            }
        }

        return steps;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Cut(string text, int max = 40)
        => text.Length <= max ? text : text[..max] + "…";
}
