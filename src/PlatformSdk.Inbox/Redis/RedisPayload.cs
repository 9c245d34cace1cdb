using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Validation;

namespace PlatformSdk.Inbox.Redis;

/// <summary>A push as one binary value (version, length-prefixed fields, raw body), written once at store and never changed.</summary>
internal static class RedisPayload
{
    private const byte Version = 1;

    public static byte[] Write(InboxPush push, ValidationGuard guard)
    {
        guard.NotNull("push", push);
        guard.Required("push.Source", push.Source);
        guard.Required("push.Kind", push.Kind);
        guard.Required("push.DeduplicationKey", push.DeduplicationKey);
        using var buffer = new MemoryStream(push.Body.Length + 256);
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(push.Source);
            writer.Write(push.Kind);
            writer.Write(push.DeduplicationKey);
            writer.Write(push.ContentType is not null);
            writer.Write(push.ContentType ?? string.Empty);
            writer.Write(push.ReceivedAt.Ticks);
            writer.Write((short)push.ReceivedAt.Offset.TotalMinutes);
            var attributes = push.Attributes;
            writer.Write(attributes?.Count ?? -1);
            if (attributes is not null)
            {
                foreach (var pair in attributes)
                {
                    guard.NotNull("push.Attributes[" + pair.Key + "]", pair.Value);
                    writer.Write(pair.Key);
                    writer.Write(pair.Value);
                }
            }

            writer.Write(push.Body.Length);
            writer.Write(push.Body.Span);
        }

        return buffer.ToArray();
    }

    public static InboxPush Read(string messageId, byte[] payload)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
            var version = reader.ReadByte();
            if (version != Version)
            {
                throw Unreadable(messageId, $"payload version {version}, this package reads version {Version}", null);
            }

            var source = reader.ReadString();
            var kind = reader.ReadString();
            var key = reader.ReadString();
            var hasContentType = reader.ReadBoolean();
            var contentType = reader.ReadString();
            var ticks = reader.ReadInt64();
            var offset = TimeSpan.FromMinutes(reader.ReadInt16());
            var count = reader.ReadInt32();
            Dictionary<string, string>? attributes = null;
            if (count >= 0)
            {
                attributes = new Dictionary<string, string>(count, StringComparer.Ordinal);
                for (var i = 0; i < count; i++)
                {
                    attributes[reader.ReadString()] = reader.ReadString();
                }
            }

            var length = reader.ReadInt32();
            var body = reader.ReadBytes(length);
            if (body.Length != length)
            {
                throw new EndOfStreamException();
            }

            return new InboxPush
            {
                Source = source,
                Kind = kind,
                DeduplicationKey = key,
                ContentType = hasContentType ? contentType : null,
                ReceivedAt = new DateTimeOffset(ticks, offset),
                Attributes = attributes,
                Body = body,
            };
        }
        catch (Exception ex) when (ex is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            throw Unreadable(messageId, ex.GetType().Name + ": " + ex.Message, ex);
        }
    }

    private static PlatformException Unreadable(string messageId, string detail, Exception? cause) => new(
        new PlatformError(
            InboxErrorCodes.Platform,
            InboxErrorCodes.Unavailable,
            $"The stored message {messageId} cannot be read ({detail}).",
            ErrorCategory.Transient,
            "Check that every receiver sharing the key prefix runs a compatible package version, and that nothing else writes under the prefix.")
        { Delivery = RequestDelivery.Answered },
        cause);
}
