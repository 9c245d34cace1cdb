using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PlatformSdk.Jushuitan.Models.Shops;

namespace PlatformSdk.Benchmarks.PerCall;

/// <summary>
/// Sketches of the fixes proposed for src/ (docs/performance.md, "Cost per call"), measured against the replicas of the current
/// code so the lead engineer sees what each buys before changing the SDK. Same inputs and outputs as the SDK code they replace;
/// they are not used by any benchmark of the SDK itself.
/// </summary>
internal static class ProposedFixes
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // ---- Jushuitan list reader: one pass over each row's properties, numbers without strings, dates from the UTF-8 bytes ----

    public static List<JushuitanShop> ReadShops(JsonElement payload)
    {
        if (!payload.TryGetProperty("datas"u8, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = new List<JushuitanShop>(list.GetArrayLength());
        foreach (var row in list.EnumerateArray())
        {
            items.Add(Shop(row));
        }

        return items;
    }

    private static JushuitanShop Shop(JsonElement row)
    {
        long shopId = 0;
        long? companyId = null, groupId = null;
        string? shopName = null, shopSite = null, shopUrl = null, nick = null, shortName = null, groupName = null, organization = null;
        DateTimeOffset? created = null, sessionExpired = null;
        foreach (var p in row.EnumerateObject())
        {
            var v = p.Value;
            if (p.NameEquals("shop_id"u8)) shopId = Long(v) ?? 0;
            else if (p.NameEquals("shop_name"u8)) shopName = Text(v);
            else if (p.NameEquals("co_id"u8)) companyId = Long(v);
            else if (p.NameEquals("shop_site"u8)) shopSite = Text(v);
            else if (p.NameEquals("shop_url"u8)) shopUrl = Text(v);
            else if (p.NameEquals("nick"u8)) nick = Text(v);
            else if (p.NameEquals("short_name"u8)) shortName = Text(v);
            else if (p.NameEquals("group_id"u8)) groupId = Long(v);
            else if (p.NameEquals("group_name"u8)) groupName = Text(v);
            else if (p.NameEquals("organization"u8)) organization = Text(v);
            else if (p.NameEquals("created"u8)) created = Date(v);
            else if (p.NameEquals("session_expired"u8)) sessionExpired = Date(v);
        }

        return new JushuitanShop
        {
            ShopId = shopId, ShopName = shopName, CompanyId = companyId, ShopSite = shopSite, ShopUrl = shopUrl, Nick = nick,
            ShortName = shortName, GroupId = groupId, GroupName = groupName, Organization = organization, Created = created, SessionExpired = sessionExpired,
        };
    }

    // Same semantics as JushuitanJson.AsText: "" is null, surrounding spaces trimmed, numbers as their text.
    private static string? Text(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString() is { Length: > 0 } s ? s.Trim() is { Length: > 0 } t ? t : null : null,
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    // Numbers read in place; numeric strings ("123", " 123 ") still accepted, without a string for the common case.
    private static long? Long(JsonElement v)
    {
        if (v.ValueKind == JsonValueKind.Number)
        {
            return v.TryGetInt64(out var n) ? n : null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(v);
        var inner = raw[1..^1].Trim((byte)' ');
        if (inner.IndexOf((byte)'\\') < 0)
        {
            return Utf8Parser.TryParse(inner, out long n, out var used) && used == inner.Length ? n : null;
        }

        return long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;
    }

    // The usual "yyyy-MM-dd HH:mm:ss" straight from the bytes; anything else falls back to ChinaTime.TryParse.
    private static DateTimeOffset? Date(JsonElement v)
    {
        if (v.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var raw = JsonMarshal.GetRawUtf8Value(v);
        if (raw.Length == 21 && TryParseWireDateTime(raw[1..^1], out var fast))
        {
            return fast;
        }

        return ChinaTime.TryParse(v.GetString(), out var instant) ? instant : null;
    }

    public static bool TryParseWireDateTime(ReadOnlySpan<byte> s, out DateTimeOffset value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':'
            || !Digits(s[..4], out var year) || !Digits(s.Slice(5, 2), out var month) || !Digits(s.Slice(8, 2), out var day)
            || !Digits(s.Slice(11, 2), out var hour) || !Digits(s.Slice(14, 2), out var minute) || !Digits(s.Slice(17, 2), out var second)
            || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 1, month) || hour > 23 || minute > 59 || second > 59
            || year is < 1 or > 9999)
        {
            return false;
        }

        value = new DateTimeOffset(year, month, day, hour, minute, second, China);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int value)
    {
        value = 0;
        foreach (var b in s)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }

    // ---- Reading the body: the current loop, and the two fixes -------------------------------------------------------------

    /// <summary>A copy of PlatformRequestExecutor.ReadBodyAsync: a buffer of the declared length, doubled when it is full.</summary>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadBodyCurrentAsync(Stream stream, long? declared, long limit)
    {
        var buffer = new byte[declared is > 0 ? (int)Math.Min(declared.Value, limit) : (int)Math.Min(16 * 1024, limit)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 1024), limit));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>Fix 1: when the buffer is exactly full, probe one byte into a scratch array before growing (a Content-Length body never grows).</summary>
    public static async ValueTask<ReadOnlyMemory<byte>> ReadBodyExactAsync(Stream stream, long? declared, long limit)
    {
        var buffer = new byte[declared is > 0 ? (int)Math.Min(declared.Value, limit) : (int)Math.Min(16 * 1024, limit)];
        var length = 0;
        var probe = new byte[1];
        while (true)
        {
            if (length == buffer.Length)
            {
                var extra = await stream.ReadAsync(probe).ConfigureAwait(false);
                if (extra == 0 || length >= limit)
                {
                    break;
                }

                Array.Resize(ref buffer, (int)Math.Min(Math.Max(buffer.Length * 2L, 1024), limit));
                buffer[length++] = probe[0];
                continue;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>Fix 2: the same from <see cref="ArrayPool{T}"/>; the executor returns the array after the reader ran and the parsed document is disposed.</summary>
    public static async ValueTask<(byte[] Rented, int Length)> ReadBodyPooledAsync(Stream stream, long? declared, long limit)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 ? (int)Math.Min(declared.Value + 1, limit) : (int)Math.Min(16 * 1024, limit));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length >= limit)
                {
                    break;
                }

                var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(buffer.Length * 2L, limit));
                buffer.AsSpan(0, length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = bigger;
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length)).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return (buffer, length);
    }

    // ---- Jushuitan open API signature without LINQ, StringBuilder or intermediate arrays -----------------------------------

    /// <summary>md5_lower(secret + sorted key+value): sort the (few) pairs in place, hash UTF-8 from a stack buffer.</summary>
    public static string JushuitanOpenApiSign(string appSecret, KeyValuePair<string, string?>[] parameters)
    {
        Array.Sort(parameters, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var length = appSecret.Length;
        foreach (var (key, value) in parameters)
        {
            if (!string.IsNullOrEmpty(value) && key != "sign")
            {
                length += key.Length + value.Length;
            }
        }

        var text = string.Create(length, (appSecret, parameters), static (span, state) =>
        {
            state.appSecret.AsSpan().CopyTo(span);
            var at = state.appSecret.Length;
            foreach (var (key, value) in state.parameters)
            {
                if (!string.IsNullOrEmpty(value) && key != "sign")
                {
                    key.AsSpan().CopyTo(span[at..]);
                    at += key.Length;
                    value.AsSpan().CopyTo(span[at..]);
                    at += value.Length;
                }
            }
        });
        return HandCallers.Md5Hex(text, lower: true);
    }

    /// <summary>UPPER_HEX(md5(secret + sorted name+value + secret)) the same way, for TOP.</summary>
    public static string TopMd5Sign(string secret, List<KeyValuePair<string, string>> parameters)
    {
        var sorted = parameters.ToArray();
        Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var builder = new StringBuilder(secret, 512);
        foreach (var (key, value) in sorted)
        {
            if (!string.IsNullOrEmpty(key) && !string.IsNullOrEmpty(value) && key != "sign")
            {
                builder.Append(key).Append(value);
            }
        }

        builder.Append(secret);
        return HandCallers.Md5Hex(builder.ToString(), lower: false);
    }
}
