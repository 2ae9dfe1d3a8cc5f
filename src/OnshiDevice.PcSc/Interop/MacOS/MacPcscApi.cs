using System.Runtime.InteropServices;

using static OnshiDevice.PcSc.Interop.MacOS.MacPcscNativeMethods;

namespace OnshiDevice.PcSc.Interop.MacOS;

/// <summary>
/// <see cref="IPcscApi"/> over PCSC.framework on macOS. Handles are 32-bit there; they travel in
/// the interface's nint and are narrowed back on the way in. Stateless; safe to share between threads.
/// </summary>
internal sealed unsafe class MacPcscApi : IPcscApi
{
    public string Name => "PCSC.framework";

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        int handle = 0;
        var result = SCardEstablishContext((uint)scope, null, null, &handle);
        context = handle;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode ReleaseContext(nint context) => ReaderStateBits.ToErrorCode(SCardReleaseContext((int)context));

    public PcscErrorCode IsValidContext(nint context) => ReaderStateBits.ToErrorCode(SCardIsValidContext((int)context));

    public PcscErrorCode Cancel(nint context) => ReaderStateBits.ToErrorCode(SCardCancel((int)context));

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers)
    {
        readers = [];

        // The list can grow between the size query and the read; ask again when it did.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            uint length = 0;
            var code = ReaderStateBits.ToErrorCode(SCardListReaders((int)context, null, null, &length));
            if (code != PcscErrorCode.Success)
            {
                return code;
            }

            var buffer = new byte[(int)length];
            fixed (byte* pointer = buffer)
            {
                code = ReaderStateBits.ToErrorCode(SCardListReaders((int)context, null, pointer, &length));
            }

            if (code == PcscErrorCode.InsufficientBuffer)
            {
                continue;
            }

            if (code == PcscErrorCode.Success)
            {
                readers = MultiString.ParseUtf8(buffer.AsSpan(0, (int)Math.Min(length, (uint)buffer.Length)));
            }

            return code;
        }

        return PcscErrorCode.InsufficientBuffer;
    }

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var names = new byte[states.Length][];
        var native = new MacReaderState[states.Length];
        var pins = new GCHandle[states.Length];
        try
        {
            for (var i = 0; i < states.Length; i++)
            {
                names[i] = MultiString.ToNullTerminatedUtf8(states[i].ReaderName);
                pins[i] = GCHandle.Alloc(names[i], GCHandleType.Pinned);
                native[i].Reader = pins[i].AddrOfPinnedObject();
                native[i].CurrentState = ReaderStateBits.Combine(states[i].CurrentState, states[i].CurrentEventCount);
            }

            PcscErrorCode code;
            fixed (MacReaderState* pointer = native)
            {
                code = ReaderStateBits.ToErrorCode(SCardGetStatusChange(
                    (int)context, NativeLimits.ToNativeTimeout(timeoutMilliseconds), pointer, (uint)native.Length));
            }

            // pcsc-lite fills in the event states on a timeout too (the PnP reader count among them).
            if (code is PcscErrorCode.Success or PcscErrorCode.Timeout)
            {
                for (var i = 0; i < states.Length; i++)
                {
                    ReaderStateBits.Split(native[i].EventState, states[i]);
                    var atrLength = (int)Math.Min(native[i].AtrLength, (uint)NativeLimits.PcscLiteMaxAtrSize);
                    fixed (byte* atr = native[i].Atr)
                    {
                        states[i].Atr = new ReadOnlySpan<byte>(atr, atrLength).ToArray();
                    }
                }
            }

            return code;
        }
        finally
        {
            foreach (var pin in pins)
            {
                if (pin.IsAllocated)
                {
                    pin.Free();
                }
            }
        }
    }

    public PcscErrorCode Connect(nint context, string readerName, ShareMode shareMode, Protocols preferredProtocols, out nint card, out Protocols activeProtocol)
    {
        ArgumentNullException.ThrowIfNull(readerName);
        var name = MultiString.ToNullTerminatedUtf8(readerName);
        int handle = 0;
        uint protocol = 0;
        int result;
        fixed (byte* namePointer = name)
        {
            result = SCardConnect((int)context, namePointer, (uint)shareMode, (uint)preferredProtocols, &handle, &protocol);
        }

        card = handle;
        activeProtocol = (Protocols)(uint)protocol;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol)
    {
        uint protocol = 0;
        var result = SCardReconnect((int)card, (uint)shareMode, (uint)preferredProtocols, (uint)initialization, &protocol);
        activeProtocol = (Protocols)(uint)protocol;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Disconnect(nint card, Disposition disposition) =>
        ReaderStateBits.ToErrorCode(SCardDisconnect((int)card, (uint)disposition));

    public PcscErrorCode BeginTransaction(nint card) => ReaderStateBits.ToErrorCode(SCardBeginTransaction((int)card));

    public PcscErrorCode EndTransaction(nint card, Disposition disposition) =>
        ReaderStateBits.ToErrorCode(SCardEndTransaction((int)card, (uint)disposition));

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength)
    {
        var sendPci = new MacIoRequest { Protocol = (uint)protocol, PciLength = (uint)sizeof(MacIoRequest) };
        uint length = (uint)response.Length;
        int result;
        fixed (byte* send = command)
        fixed (byte* receive = response)
        {
            result = SCardTransmit((int)card, &sendPci, send, (uint)command.Length, null, receive, &length);
        }

        responseLength = (int)Math.Min(length, (uint)response.Length);
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr)
    {
        var name = stackalloc byte[NativeLimits.ReaderNameCapacity];
        var atrBuffer = stackalloc byte[NativeLimits.AtrCapacity];
        uint nameLength = NativeLimits.ReaderNameCapacity;
        uint atrLength = NativeLimits.AtrCapacity;
        uint state = 0;
        uint activeProtocol = 0;
        var code = ReaderStateBits.ToErrorCode(SCardStatus((int)card, name, &nameLength, &state, &activeProtocol, atrBuffer, &atrLength));
        if (code != PcscErrorCode.Success)
        {
            readerName = "";
            protocol = Protocols.Undefined;
            atr = [];
            return code;
        }

        var names = MultiString.ParseUtf8(new ReadOnlySpan<byte>(name, (int)Math.Min(nameLength, NativeLimits.ReaderNameCapacity)));
        readerName = names.Count > 0 ? names[0] : "";
        protocol = (Protocols)(uint)activeProtocol;
        atr = new ReadOnlySpan<byte>(atrBuffer, (int)Math.Min(atrLength, NativeLimits.AtrCapacity)).ToArray();
        return code;
    }

    public PcscErrorCode Control(nint card, uint controlCode, ReadOnlySpan<byte> input, Span<byte> output, out int outputLength)
    {
        uint returned = 0;
        int result;
        fixed (byte* inPointer = input)
        fixed (byte* outPointer = output)
        {
            result = SCardControl((int)card, controlCode, inPointer, (uint)input.Length, outPointer, (uint)output.Length, &returned);
        }

        outputLength = (int)Math.Min(returned, (uint)output.Length);
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength)
    {
        uint length = (uint)buffer.Length;
        int result;
        fixed (byte* pointer = buffer)
        {
            result = SCardGetAttrib((int)card, attributeId, pointer, &length);
        }

        attributeLength = (int)Math.Min(length, (uint)buffer.Length);
        return ReaderStateBits.ToErrorCode(result);
    }
}
