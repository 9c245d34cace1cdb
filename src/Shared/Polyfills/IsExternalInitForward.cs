// Compiled into the net8.0 and net10.0 assets of every library (Directory.Build.props). The netstandard2.0 asset declares
// its own System.Runtime.CompilerServices.IsExternalInit (from the Polyfill package), and every `init` accessor it has
// carries that type in its signature. Code compiled against the netstandard2.0 asset (an ERP vendor's shared
// netstandard2.0 library) but run where the net8.0/net10.0 asset is loaded looks for that type in this assembly: the
// forward sends it to the runtime's own, so the accessor's signature matches and the call binds (no MissingMethodException).
// Not public API of this package (RS0016): the runtime's type, named here only so old references find it.
#pragma warning disable RS0016
[assembly: System.Runtime.CompilerServices.TypeForwardedTo(typeof(System.Runtime.CompilerServices.IsExternalInit))]
#pragma warning restore RS0016
