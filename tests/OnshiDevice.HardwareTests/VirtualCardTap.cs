using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.HardwareTests;

internal static class VirtualCardTap
{
    /// <summary>Connects the card to a vpcd slot and waits until the service lists it as present.</summary>
    public static async Task<VpcdCardConnection> TapAsync(this InProcessService service, IVirtualCard card, int port, string reader)
    {
        var connection = await VpcdCardConnection.ConnectAsync(card, port: port);
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var readers = await service.Readers.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            if (readers.Readers.Any(r => r.Name == reader && r.CardPresent))
            {
                return connection;
            }

            await Task.Delay(50);
        }

        await connection.DisposeAsync();
        throw new TimeoutException($"pcscd did not report the card on {reader} within 20 s.");
    }
}
