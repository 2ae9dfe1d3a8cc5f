using System.Threading.Channels;

namespace OnshiDevice.FaceAuth.CheckIn;

/// <summary>
/// A flow's one input channel, and the inputs set aside while a card call ran (they are read again, in order, before
/// anything newer). Read by the flow's loop only.
/// </summary>
internal sealed class CheckInInputs
{
    private readonly Channel<FlowInput> _channel = Channel.CreateUnbounded<FlowInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Queue<FlowInput> _setAside = new();

    /// <summary>False once the inputs are complete (the reader is gone or the flow stopped); the caller then still owns the input's secret.</summary>
    public bool TryWrite(FlowInput input) => _channel.Writer.TryWrite(input);

    public void Complete() => _channel.Writer.TryComplete();

    public void SetAside(FlowInput input) => _setAside.Enqueue(input);

    /// <summary>The next input, set-aside ones first; null when the inputs are complete and empty.</summary>
    public async ValueTask<FlowInput?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_setAside.TryDequeue(out var setAside))
        {
            return setAside;
        }

        while (await _channel.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_channel.Reader.TryRead(out var input))
            {
                return input;
            }
        }

        return null;
    }

    /// <summary>Waits for a new input (set-aside ones do not count); false when the inputs are complete and empty.</summary>
    public ValueTask<bool> WaitForNewAsync(CancellationToken cancellationToken) => _channel.Reader.WaitToReadAsync(cancellationToken);

    public bool TryReadNew(out FlowInput input)
    {
        if (_channel.Reader.TryRead(out var read))
        {
            input = read;
            return true;
        }

        input = null!;
        return false;
    }

    /// <summary>Drops the set-aside inputs of an ended check-in, wiping their secrets.</summary>
    public void DropSetAside()
    {
        while (_setAside.TryDequeue(out var input))
        {
            input.DisposeSecret();
        }
    }

    /// <summary>Drops everything left when the flow stops, wiping secrets.</summary>
    public void DropAll()
    {
        DropSetAside();
        while (_channel.Reader.TryRead(out var input))
        {
            input.DisposeSecret();
        }
    }
}
