using OnshiDevice.Simulators.Vpcd;
using OnshiDevice.TestSupport;

namespace OnshiDevice.HardwareTests;

/// <summary>
/// A virtual card on a vpcd slot. Taking it off is the privacy tripwire's moment: the test fails when any My
/// Number card saw a forbidden access (SELECT of the 券面事項入力補助AP or 住基AP, a read of the 個人番号) meanwhile.
/// </summary>
public sealed class TappedCard(VpcdCardConnection connection) : IAsyncDisposable
{
    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await connection.DisposeAsync();
        PrivacyTripwires.AssertNoCardViolations();
    }
}
