// Wires the packages as a .NET Framework ERP client would and calls what needs no network: it must compile against the
// netstandard2.0 assets with the language features such a project has (LangVersion latest, nullable).
using Microsoft.Extensions.DependencyInjection;
using PlatformSdk.Jushuitan;
using PlatformSdk.Logistics.Sync;

internal static class Program
{
    private static async Task<int> Main()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPlatformSdk()
            .AddJushuitan(o => o.Environment = JushuitanEnvironment.Test)
            .AddLogistics(_ => { });
        using var provider = services.BuildServiceProvider();
        var engine = provider.GetRequiredService<ShipmentSyncEngine>();
        Console.WriteLine($"net48 consumer: {engine.GetType().Name} for tenant {JushuitanOptions.DefaultTenant}");
        await Task.Yield();
        return 0;
    }
}
