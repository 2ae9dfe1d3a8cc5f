using OnshiDevice.Iso7816;

namespace OnshiDevice.UnitTests.Cards;

/// <summary>
/// A minimal in-test card for certificate reads: SELECT of the JPKI AID and of EFs, READ BINARY with
/// short or extended Le, answering like the real card (what is left with 9000; 6B00 past the end).
/// Counts the APDUs it receives.
/// </summary>
internal sealed class FileCard : IApduChannel
{
    private static readonly byte[] JpkiAid = Convert.FromHexString("D392F000260100000001");

    private readonly Dictionary<ushort, byte[]> files = [];
    private readonly HashSet<ushort> protectedFiles = [];
    private byte[]? currentFile;
    private bool currentFileNeedsPin;
    private bool jpkiSelected;

    /// <param name="supportsExtendedLength">What the channel claims.</param>
    /// <param name="cardAcceptsExtendedLe">Whether the card itself takes an extended Le (else 6700).</param>
    public FileCard(bool supportsExtendedLength, bool cardAcceptsExtendedLe = true)
    {
        Limits = supportsExtendedLength ? ApduLimits.Extended : ApduLimits.Short;
        CardAcceptsExtendedLe = cardAcceptsExtendedLe;
    }

    public ApduLimits Limits { get; }

    public bool CardAcceptsExtendedLe { get; }

    public int ApduCount { get; private set; }

    public List<string> Sent { get; } = [];

    public FileCard WithFile(ushort fileId, byte[] content, bool needsPin = false)
    {
        files[fileId] = content;
        if (needsPin)
        {
            protectedFiles.Add(fileId);
        }

        return this;
    }

    /// <summary>DER-like content of exactly <paramref name="totalLength"/> bytes: 30 82 LL LL then a deterministic pattern.</summary>
    public static byte[] DerLike(int totalLength)
    {
        var bytes = new byte[totalLength];
        var valueLength = totalLength - 4;
        bytes[0] = 0x30;
        bytes[1] = 0x82;
        bytes[2] = (byte)(valueLength >> 8);
        bytes[3] = (byte)valueLength;
        for (var index = 4; index < totalLength; index++)
        {
            bytes[index] = (byte)(index * 7);
        }

        return bytes;
    }

    public ResponseApdu Transmit(CommandApdu command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ApduCount++;
        Sent.Add(Convert.ToHexString(command.ToBytes()));
        Assert.True(Limits.CarriesExtended || !command.IsExtended, $"An extended APDU was sent on a short-only channel: {command}.");
        return (command.Cla, command.Ins, command.P1, command.P2) switch
        {
            (0x00, 0xA4, 0x04, 0x0C) => SelectApplication(command),
            (0x00, 0xA4, 0x02, 0x0C) => SelectFile(command),
            (0x00, 0xB0, _, _) => ReadBinary(command),
            _ => Status(0x6D00),
        };
    }

    private ResponseApdu SelectApplication(CommandApdu command)
    {
        jpkiSelected = command.Data.Span.SequenceEqual(JpkiAid);
        currentFile = null;
        return Status(jpkiSelected ? 0x9000 : 0x6A82);
    }

    private ResponseApdu SelectFile(CommandApdu command)
    {
        var span = command.Data.Span;
        if (!jpkiSelected || span.Length != 2 || !files.TryGetValue((ushort)((span[0] << 8) | span[1]), out var file))
        {
            return Status(0x6A82);
        }

        currentFile = file;
        currentFileNeedsPin = protectedFiles.Contains((ushort)((span[0] << 8) | span[1]));
        return Status(0x9000);
    }

    private ResponseApdu ReadBinary(CommandApdu command)
    {
        if (command.IsExtended && !CardAcceptsExtendedLe)
        {
            return Status(0x6700);
        }

        if (currentFile is null)
        {
            return Status(0x6986);
        }

        if (currentFileNeedsPin)
        {
            return Status(0x6982);
        }

        var offset = (command.P1 << 8) | command.P2;
        if (offset >= currentFile.Length)
        {
            return Status(0x6B00);
        }

        var count = Math.Min(command.Ne, currentFile.Length - offset);
        return new ResponseApdu(currentFile.AsMemory(offset, count), StatusWord.Success);
    }

    private static ResponseApdu Status(int statusWord) => new(ReadOnlyMemory<byte>.Empty, StatusWord.FromValue((ushort)statusWord));
}
