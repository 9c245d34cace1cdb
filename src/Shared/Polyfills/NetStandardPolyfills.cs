// Compiled into the netstandard2.0 asset of every library only (Directory.Build.props): the few newer BCL members the
// sources use that the Polyfill package does not provide, written as C# 14 extension members so the same call compiles
// on every target framework and behaves the same way.
#if !NET8_0_OR_GREATER
using System.Text;

namespace PlatformSdk.Polyfills;

internal static class NetStandardPolyfills
{
    extension(string)
    {
        /// <summary>string.Create(provider, $"…"): formats the interpolation holes with the given provider.</summary>
        public static string Create(IFormatProvider? provider, FormattableString text) => text.ToString(provider);

        /// <summary>string.Concat(ReadOnlySpan&lt;char&gt;, string) of .NET Core 3.0 and later.</summary>
        public static string Concat(ReadOnlySpan<char> first, string? second) => first.ToString() + second;

        /// <summary>string.Concat(string, ReadOnlySpan&lt;char&gt;) of .NET Core 3.0 and later.</summary>
        public static string Concat(string? first, ReadOnlySpan<char> second) => first + second.ToString();
    }

    extension(string text)
    {
        /// <summary>The ordinal Replace of .NET Core 2.0 and later; netstandard2.0's Replace(string, string) is ordinal.</summary>
        public string Replace(string oldValue, string? newValue, StringComparison comparisonType)
        {
            if (comparisonType != StringComparison.Ordinal)
            {
                throw new ArgumentException("Only ordinal replacement is available on netstandard2.0.", nameof(comparisonType));
            }

            return text.Replace(oldValue, newValue);
        }
    }

    extension(StringBuilder builder)
    {
        /// <summary>StringBuilder.Append(provider, $"…"): formats the interpolation holes with the given provider.</summary>
        public StringBuilder Append(IFormatProvider? provider, FormattableString text) => builder.Append(text.ToString(provider));

        /// <summary>StringBuilder.AppendLine(provider, $"…"): formats the interpolation holes with the given provider.</summary>
        public StringBuilder AppendLine(IFormatProvider? provider, FormattableString text) => builder.AppendLine(text.ToString(provider));
    }

    extension(Enum)
    {
        /// <summary>The non-generic Enum.TryParse of .NET Core 3.0 and later.</summary>
        public static bool TryParse(Type enumType, string? value, bool ignoreCase, out object? result)
        {
            result = null;
            if (value is null)
            {
                return false;
            }

            try
            {
                result = Enum.Parse(enumType, value, ignoreCase);
                return true;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (OverflowException)
            {
                return false;
            }
        }
    }

    extension(Task)
    {
        /// <summary>Task.Delay on a <see cref="TimeProvider"/> (.NET 8), through Microsoft.Bcl.TimeProvider.</summary>
        public static Task Delay(TimeSpan delay, TimeProvider timeProvider, CancellationToken cancellationToken)
            => timeProvider.Delay(delay, cancellationToken);
    }

    extension(ValueTask)
    {
        /// <summary>ValueTask.FromCanceled of .NET 5 and later.</summary>
        public static ValueTask FromCanceled(CancellationToken cancellationToken) => new(Task.FromCanceled(cancellationToken));

        /// <summary>ValueTask.FromCanceled&lt;T&gt; of .NET 5 and later.</summary>
        public static ValueTask<T> FromCanceled<T>(CancellationToken cancellationToken) => new(Task.FromCanceled<T>(cancellationToken));

        /// <summary>ValueTask.FromResult of .NET 5 and later.</summary>
        public static ValueTask<T> FromResult<T>(T result) => new(result);

        /// <summary>ValueTask.FromException of .NET 5 and later.</summary>
        public static ValueTask FromException(Exception exception) => new(Task.FromException(exception));
    }

    extension<T>(ReadOnlySpan<T> span)
        where T : IEquatable<T>
    {
        /// <summary>MemoryExtensions.TrimStart(span, trimElements) of .NET 5 and later.</summary>
        public ReadOnlySpan<T> TrimStart(ReadOnlySpan<T> trimElements)
        {
            var start = 0;
            while (start < span.Length && trimElements.IndexOf(span[start]) >= 0)
            {
                start++;
            }

            return span[start..];
        }
    }

    extension(System.IO.BinaryWriter writer)
    {
        /// <summary>BinaryWriter.Write(ReadOnlySpan&lt;byte&gt;) of .NET Core 2.1 and later.</summary>
        public void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer.ToArray());
    }

    extension(System.Security.Cryptography.HMACSHA1)
    {
        /// <summary>HMACSHA1.HashData of .NET 6 and later.</summary>
        public static byte[] HashData(byte[] key, byte[] source)
        {
#pragma warning disable CA5350 // only where a platform's protocol mandates HMAC-SHA1 (1688); it protects no data at rest.
            using var hmac = new System.Security.Cryptography.HMACSHA1(key);
#pragma warning restore CA5350
            return hmac.ComputeHash(source);
        }
    }

    extension(System.Security.Cryptography.IncrementalHash hash)
    {
        /// <summary>IncrementalHash.AppendData(ReadOnlySpan&lt;byte&gt;) of .NET Core 2.1 and later.</summary>
        public void AppendData(ReadOnlySpan<byte> data) => hash.AppendData(data.ToArray());

        /// <summary>IncrementalHash.GetHashAndReset(Span&lt;byte&gt;) of .NET 5 and later.</summary>
        public int GetHashAndReset(Span<byte> destination)
        {
            var result = hash.GetHashAndReset();
            result.CopyTo(destination);
            return result.Length;
        }
    }
}

// Static extension members with one signature need a class per extended type.
internal static class HmacSha256Polyfill
{
    extension(System.Security.Cryptography.HMACSHA256)
    {
        /// <summary>HMACSHA256.HashData of .NET 6 and later.</summary>
        public static byte[] HashData(byte[] key, byte[] source)
        {
            using var hmac = new System.Security.Cryptography.HMACSHA256(key);
            return hmac.ComputeHash(source);
        }
    }
}

internal static class HmacMd5Polyfill
{
    extension(System.Security.Cryptography.HMACMD5)
    {
        /// <summary>HMACMD5.HashData of .NET 6 and later.</summary>
        public static byte[] HashData(byte[] key, byte[] source)
        {
#pragma warning disable CA5351 // only where a platform's protocol mandates HMAC-MD5 (TOP's "hmac" sign method).
            using var hmac = new System.Security.Cryptography.HMACMD5(key);
#pragma warning restore CA5351
            return hmac.ComputeHash(source);
        }
    }
}
#endif
