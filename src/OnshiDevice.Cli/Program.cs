using OnshiDevice.Cli;

return await new OnshiCli(CliIo.FromConsole(), address => address.CreateChannel()).RunAsync(args);
