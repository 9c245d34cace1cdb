// Compiles against the packed packages and wires them as an application would; running it resolves the container once.
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Logistics.Sync;

var services = new ServiceCollection();
services.AddLogging();
services.AddPlatformSdk().AddLogistics(_ => { });
using var provider = services.BuildServiceProvider();
Console.WriteLine("net8 consumer on Microsoft.Extensions 8: " + provider.GetRequiredService<ShipmentSyncEngine>().GetType().Name);
