using System.Runtime.InteropServices;

using static OnshiDevice.PcSc.Interop.Linux.PcscLiteNativeMethods;

namespace OnshiDevice.PcSc.Interop.Linux;

/// <summary><see cref="IPcscApi"/> over pcsc-lite on Linux. Stateless; safe to share between threads.</summary>
internal sealed unsafe class PcscLiteApi : IPcscApi
{
    public string Name => "pcsc-lite";

    public PcscErrorCode EstablishContext(ContextScope scope, out nint context)
    {
        nint handle = 0;
        var result = SCardEstablishContext((nuint)scope, null, null, &handle);
        context = handle;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode ReleaseContext(nint context) => ReaderStateBits.ToErrorCode(SCardReleaseContext(context));

    public PcscErrorCode IsValidContext(nint context) => ReaderStateBits.ToErrorCode(SCardIsValidContext(context));

    public PcscErrorCode Cancel(nint context) => ReaderStateBits.ToErrorCode(SCardCancel(context));

    public PcscErrorCode ListReaders(nint context, out IReadOnlyList<string> readers)
    {
        readers = [];

        // The list can grow between the size query and the read; ask again when it did.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            nuint length = 0;
            var code = ReaderStateBits.ToErrorCode(SCardListReaders(context, null, null, &length));
            if (code != PcscErrorCode.Success)
            {
                return code;
            }

            var buffer = new byte[(int)length];
            fixed (byte* pointer = buffer)
            {
                code = ReaderStateBits.ToErrorCode(SCardListReaders(context, null, pointer, &length));
            }

            if (code == PcscErrorCode.InsufficientBuffer)
            {
                continue;
            }

            if (code == PcscErrorCode.Success)
            {
                readers = MultiString.ParseUtf8(buffer.AsSpan(0, (int)Math.Min(length, (nuint)buffer.Length)));
            }

            return code;
        }

        return PcscErrorCode.InsufficientBuffer;
    }

    public PcscErrorCode GetStatusChange(nint context, int timeoutMilliseconds, ReaderStateQuery[] states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var names = new byte[states.Length][];
        var native = new LinuxReaderState[states.Length];
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
            fixed (LinuxReaderState* pointer = native)
            {
                code = ReaderStateBits.ToErrorCode(SCardGetStatusChange(
                    context, NativeLimits.ToNativeTimeout(timeoutMilliseconds), pointer, (nuint)native.Length));
            }

            // pcsc-lite fills in the event states on a timeout too (the PnP reader count among them).
            if (code is PcscErrorCode.Success or PcscErrorCode.Timeout)
            {
                for (var i = 0; i < states.Length; i++)
                {
                    ReaderStateBits.Split(native[i].EventState, states[i]);
                    var atrLength = (int)Math.Min(native[i].AtrLength, (nuint)NativeLimits.PcscLiteMaxAtrSize);
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
        nint handle = 0;
        nuint protocol = 0;
        nint result;
        fixed (byte* namePointer = name)
        {
            result = SCardConnect(context, namePointer, (nuint)shareMode, (nuint)preferredProtocols, &handle, &protocol);
        }

        card = handle;
        activeProtocol = (Protocols)(uint)protocol;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Reconnect(nint card, ShareMode shareMode, Protocols preferredProtocols, Disposition initialization, out Protocols activeProtocol)
    {
        nuint protocol = 0;
        var result = SCardReconnect(card, (nuint)shareMode, (nuint)preferredProtocols, (nuint)initialization, &protocol);
        activeProtocol = (Protocols)(uint)protocol;
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Disconnect(nint card, Disposition disposition) =>
        ReaderStateBits.ToErrorCode(SCardDisconnect(card, (nuint)disposition));

    public PcscErrorCode BeginTransaction(nint card) => ReaderStateBits.ToErrorCode(SCardBeginTransaction(card));

    public PcscErrorCode EndTransaction(nint card, Disposition disposition) =>
        ReaderStateBits.ToErrorCode(SCardEndTransaction(card, (nuint)disposition));

    public PcscErrorCode Transmit(nint card, Protocols protocol, ReadOnlySpan<byte> command, Span<byte> response, out int responseLength)
    {
        var sendPci = new LinuxIoRequest { Protocol = (uint)protocol, PciLength = (nuint)sizeof(LinuxIoRequest) };
        nuint length = (nuint)response.Length;
        nint result;
        fixed (byte* send = command)
        fixed (byte* receive = response)
        {
            result = SCardTransmit(card, &sendPci, send, (nuint)command.Length, null, receive, &length);
        }

        responseLength = (int)Math.Min(length, (nuint)response.Length);
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode Status(nint card, out string readerName, out Protocols protocol, out byte[] atr)
    {
        var name = stackalloc byte[NativeLimits.ReaderNameCapacity];
        var atrBuffer = stackalloc byte[NativeLimits.AtrCapacity];
        nuint nameLength = NativeLimits.ReaderNameCapacity;
        nuint atrLength = NativeLimits.AtrCapacity;
        nuint state = 0;
        nuint activeProtocol = 0;
        var code = ReaderStateBits.ToErrorCode(SCardStatus(card, name, &nameLength, &state, &activeProtocol, atrBuffer, &atrLength));
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
        nuint returned = 0;
        nint result;
        fixed (byte* inPointer = input)
        fixed (byte* outPointer = output)
        {
            result = SCardControl(card, controlCode, inPointer, (nuint)input.Length, outPointer, (nuint)output.Length, &returned);
        }

        outputLength = (int)Math.Min(returned, (nuint)output.Length);
        return ReaderStateBits.ToErrorCode(result);
    }

    public PcscErrorCode GetAttrib(nint card, uint attributeId, Span<byte> buffer, out int attributeLength)
    {
        nuint length = (nuint)buffer.Length;
        nint result;
        fixed (byte* pointer = buffer)
        {
            result = SCardGetAttrib(card, attributeId, pointer, &length);
        }

        attributeLength = (int)Math.Min(length, (nuint)buffer.Length);
        return ReaderStateBits.ToErrorCode(result);
    }
}
