// Compiles against the packed packages and wires them as an application would; running it resolves the container once.
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Logistics.Sync;

var services = new ServiceCollection();
services.AddLogging();
services.AddPlatformSdk().AddLogistics(_ => { });
using var provider = services.BuildServiceProvider();
Console.WriteLine("net8 consumer on Microsoft.Extensions 8: " + provider.GetRequiredService<ShipmentSyncEngine>().GetType().Name);
// A netstandard2.0 library's init-only setters bind against the net8.0 asset (else MissingMethodException here).
var throttled = ErpShared.ThrottleNotes.Throttled("Pinduoduo");
if (throttled.RetryAfter != TimeSpan.FromSeconds(120))
{
    throw new InvalidOperationException("the shared library's RetryAfter did not arrive");
}

Console.WriteLine($"netstandard2.0 library on the net8.0 asset: {throttled.Platform} pauses {throttled.RetryAfter!.Value.TotalSeconds} s");
