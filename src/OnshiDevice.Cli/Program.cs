using OnshiDevice.Cli;
using OnshiDevice.Contracts;

return await new OnshiCli(CliIo.FromConsole(), address => address.CreateChannel()).RunAsync(args);
