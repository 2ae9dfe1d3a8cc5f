using Grpc.Net.Client;
using OnshiDevice.Cli;

return await new OnshiCli(CliIo.FromConsole(), address => GrpcChannel.ForAddress(address)).RunAsync(args);
