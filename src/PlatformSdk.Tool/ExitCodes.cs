namespace PlatformSdk.Tool;

/// <summary>The process exit codes of every command (also in the tool's README): scripts branch on them.</summary>
internal static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>The input was understood but refused or unknown: an unknown error message, an amount a rule forbids, a bad seed file.</summary>
    public const int Refused = 1;

    /// <summary>The command line is wrong: unknown command or option, a missing or malformed value.</summary>
    public const int Usage = 2;

    /// <summary>Something failed while running: a port already taken, an unexpected exception.</summary>
    public const int Failure = 3;
}

/// <summary>A command line the parser accepted but the command cannot use (exit code <see cref="ExitCodes.Usage"/>).</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Input the command understood and refuses (exit code <see cref="ExitCodes.Refused"/>).</summary>
internal sealed class RefusedException(string message) : Exception(message);
