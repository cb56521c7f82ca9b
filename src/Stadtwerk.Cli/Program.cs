using Stadtwerk.Cli;

return await StadtwerkCli.RunAsync(args, CliConsole.System);
