using Stadtwerk.Cli;

return StadtwerkCli.Run(args, CliConsole.System);
