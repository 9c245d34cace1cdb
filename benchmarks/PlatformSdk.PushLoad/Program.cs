// End-to-end push ingest load harness (docs/performance.md, "Push ingest (Tmall Global direct supply)"): a real Kestrel
// receiver on loopback (MapTmallGlobalDirectPush + a durable inbox) and N concurrent pushers, one request at a time each.
// Every acknowledged push is checked to be in the store at the end, read back through the public API after the receiver
// stopped (SQLite: the file reopened; Redis: the server killed with SIGKILL and restarted from its append-only file).
//
//   dotnet run -c Release --project benchmarks/PlatformSdk.PushLoad -- --store sqlite|redis|all --pushers 1,16,64 --seconds 10
using PlatformSdk.PushLoad;

if (args is ["pieces", ..])
{
    return await PlatformSdk.PushLoad.Pieces.RunAsync(lines: 6, count: args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000);
}

var options = LoadOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

Console.WriteLine(MachineFacts.Describe());
Console.WriteLine(FormattableString.Invariant(
    $"Pushes: consignorder.notify, {options.Lines} order lines, body {PushFactory.SampleBodyBytes(options.Lines):N0} bytes (UTF-8 XML); warm-up {options.WarmupSeconds} s, measured {options.Seconds} s per cell."));
Console.WriteLine();

var results = new List<CellResult>();
var allDurable = true;
foreach (var store in options.Stores)
{
    await using var backend = await StoreBackend.CreateAsync(store, options);
    foreach (var pushers in options.Pushers)
    {
        var result = await LoadCell.RunAsync(backend, pushers, options);
        results.Add(result);
        allDurable &= result.Durability.AllAcknowledgedFound;
        Console.WriteLine(result.Line());
    }
}

Console.WriteLine();
Console.WriteLine(CellResult.TableHeader);
foreach (var result in results)
{
    Console.WriteLine(result.TableRow());
}

Console.WriteLine();
foreach (var result in results)
{
    Console.WriteLine(result.Durability.Describe(result.Store, result.Pushers));
}

Console.WriteLine();
Console.WriteLine("Load at the end: " + MachineFacts.Uptime());
Console.WriteLine(allDurable ? "DURABILITY CHECK PASSED: every acknowledged push was found in its store." : "DURABILITY CHECK FAILED: see above.");
return allDurable ? 0 : 1;
