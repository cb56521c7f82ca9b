using Serilog;
using Stadtwerk.Web;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();
try
{
    await StadtwerkWebApplication.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    Log.Fatal(e, "Stadtwerk stopped");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Lets WebApplicationFactory find the entry point.</summary>
public partial class Program;
