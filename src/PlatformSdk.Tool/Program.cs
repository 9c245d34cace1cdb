using System.CommandLine;
using System.Text;
using PlatformSdk.Errors;
using PlatformSdk.Tool;
using PlatformSdk.Tool.Commands;
using PlatformSdk.Tool.Fakes;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

var json = new Option<bool>("--json") { Description = "Print one JSON document per line instead of text, for scripts.", Recursive = true };
var root = new RootCommand("platformsdk: the PlatformSdk fakes as a standalone server, error explanations, request signatures and e-voucher money rules. Exit codes: 0 ok, 1 input refused or unknown, 2 usage error, 3 runtime failure.")
{
    json,
    FakesCommand.Create(json),
    ExplainCommand.Create(json),
    SignCommand.Create(json),
    VoucherCommands.CreateRefund(json),
    VoucherCommands.CreateSettle(json),
};

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // The parser's own error action exits 1, which this tool keeps for refused input: usage errors are 2.
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine(error.Message);
    }

    Console.Error.WriteLine("Run with --help for usage.");
    return ExitCodes.Usage;
}

try
{
    return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (UsageException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.Usage;
}
catch (RefusedException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.Refused;
}
catch (PlatformValidationException ex)
{
    Console.Error.WriteLine(ex.Message);
    return ExitCodes.Refused;
}
#pragma warning disable CA1031 // The last line of defence of a CLI: any other failure is exit code 3 with its message, not a crash dump.
catch (Exception ex)
#pragma warning restore CA1031
{
    Console.Error.WriteLine("platformsdk failed: " + ex);
    return ExitCodes.Failure;
}
