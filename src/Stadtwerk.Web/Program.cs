using Stadtwerk.Web;

try
{
    await StadtwerkWebApplication.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (e is not HostAbortedException)
{
    await Console.Error.WriteLineAsync($"Stadtwerk stopped: {e}");
    return 1;
}
