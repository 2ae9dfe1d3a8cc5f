namespace OnshiDevice.Iso7816;

/// <summary>
/// Command chaining (ISO/IEC 7816-4 §5.1.1.1) for a command whose data does not fit a short APDU on a
/// reader that carries short APDUs only: the data goes in parts of at most 255 bytes, every part but
/// the last with the chaining bit (CLA b5, 10) and no Le, the last with the command's CLA and Le.
/// Card code does not call this: <see cref="ExtendedLengthFallbackChannel"/> chains when the channel
/// cannot carry a command whole.
/// </summary>
public static class CommandChaining
{
    /// <summary>CLA bit b5: more parts of this command follow.</summary>
    public const byte ChainingBit = 0x10;

    /// <summary>Splits <paramref name="command"/> into short APDUs; a command that fits one short APDU stays whole.</summary>
    public static IReadOnlyList<CommandApdu> Split(CommandApdu command, int maxPartLength = CommandApdu.MaxShortNc)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPartLength, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxPartLength, CommandApdu.MaxShortNc);
        if (command.Ne > CommandApdu.MaxShortNe)
        {
            throw new ArgumentException($"The last part of a chain is short: Ne is at most {CommandApdu.MaxShortNe}, not {command.Ne}.", nameof(command));
        }

        // The chaining bit exists in the interindustry classes only (b8 = 0), and a command is chained once.
        if ((command.Cla & 0x80) != 0 || (command.Cla & ChainingBit) != 0)
        {
            throw new ArgumentException($"CLA {command.Cla:X2} cannot be chained.", nameof(command));
        }

        var parts = new List<CommandApdu>();
        var data = command.Data;
        while (data.Length > maxPartLength)
        {
            parts.Add(new CommandApdu((byte)(command.Cla | ChainingBit), command.Ins, command.P1, command.P2, data[..maxPartLength]));
            data = data[maxPartLength..];
        }

        parts.Add(new CommandApdu(command.Cla, command.Ins, command.P1, command.P2, data, command.Ne));
        return parts;
    }

    /// <summary>
    /// Sends the parts in order and returns the last part's response; if the card refuses an earlier
    /// part (anything but 9000), the chain stops there and that response is returned for the caller to map.
    /// </summary>
    public static ResponseApdu Transmit(IApduChannel channel, CommandApdu command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var parts = Split(command);
        for (var index = 0; index < parts.Count - 1; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var response = channel.Transmit(parts[index], cancellationToken);
            if (!response.IsSuccess)
            {
                return response;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return channel.Transmit(parts[^1], cancellationToken);
    }
}
