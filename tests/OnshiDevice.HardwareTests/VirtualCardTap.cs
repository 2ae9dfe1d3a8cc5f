using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Vpcd;

namespace OnshiDevice.HardwareTests;

internal static class VirtualCardTap
{
    /// <summary>Connects the card to a vpcd slot and waits until the service lists it as present.</summary>
    /// <remarks>
    /// pcscd sees a card leave only at its next status poll, so the slot is first waited empty: a
    /// previous test's card must not be mistaken for this one.
    /// </remarks>
    public static async Task<VpcdCardConnection> TapAsync(this InProcessService service, IVirtualCard card, int port, string reader)
    {
        await service.WaitForCardPresenceAsync(reader, present: false);
        var connection = await VpcdCardConnection.ConnectAsync(card, port: port);
        try
        {
            await service.WaitForCardPresenceAsync(reader, present: true);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task WaitForCardPresenceAsync(this InProcessService service, string reader, bool present)
    {
        var until = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < until)
        {
            var readers = await service.Readers.ListReadersAsync(new ListReadersRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            if (readers.Readers.Any(r => r.Name == reader && r.CardPresent == present))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"pcscd did not report {reader} {(present ? "holding a card" : "empty")} within 20 s.");
    }
}
