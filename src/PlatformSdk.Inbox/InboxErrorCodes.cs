namespace PlatformSdk.Inbox;

/// <summary>The error codes of <see cref="PlatformSdk.Errors.PlatformException"/>s thrown by inbox stores (platform <see cref="Platform"/>).</summary>
public static class InboxErrorCodes
{
    /// <summary>The platform name inbox errors carry, since an inbox belongs to no single platform.</summary>
    public const string Platform = "Inbox";

    /// <summary>
    /// The store could not be read or written (locked by another process for too long, disk full, I/O error, server down).
    /// Transient; from a store call it means the push may or may not be stored, so the receiver answers the platform with a
    /// failure and the platform's redelivery is deduplicated.
    /// </summary>
    public const string Unavailable = "inbox-unavailable";

    /// <summary>
    /// The store's server does not make a stored push durable (a Redis server without <c>appendonly yes</c> and
    /// <c>appendfsync always</c>, or one whose settings cannot be read). Configuration: fix the server, or opt out knowingly.
    /// </summary>
    public const string NotDurable = "inbox-not-durable";

    /// <summary>The store was created by a newer version of this package; open it with that version.</summary>
    public const string SchemaTooNew = "inbox-schema-too-new";
}
