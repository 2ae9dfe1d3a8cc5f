namespace OnshiDevice.Iso7816;

/// <summary>The two status bytes SW1-SW2 that end every response APDU.</summary>
public readonly record struct StatusWord(byte Sw1, byte Sw2)
{
    public static readonly StatusWord Success = new(0x90, 0x00);
    public static readonly StatusWord WrongLength = new(0x67, 0x00);
    public static readonly StatusWord SecurityStatusNotSatisfied = new(0x69, 0x82);
    public static readonly StatusWord AuthenticationMethodBlocked = new(0x69, 0x83);
    public static readonly StatusWord ReferencedDataBlocked = new(0x69, 0x84);
    public static readonly StatusWord ConditionsNotSatisfied = new(0x69, 0x85);
    public static readonly StatusWord CommandNotAllowedNoEf = new(0x69, 0x86);
    public static readonly StatusWord FileNotFound = new(0x6A, 0x82);
    public static readonly StatusWord IncorrectP1P2 = new(0x6A, 0x86);
    public static readonly StatusWord WrongParameters = new(0x6B, 0x00);
    public static readonly StatusWord InstructionNotSupported = new(0x6D, 0x00);
    public static readonly StatusWord ClassNotSupported = new(0x6E, 0x00);

    public ushort Value => (ushort)((Sw1 << 8) | Sw2);

    public bool IsSuccess => Sw1 == 0x90 && Sw2 == 0x00;

    /// <summary>61xx: xx more bytes wait to be fetched with GET RESPONSE (00 = 256 or more).</summary>
    public bool IsMoreDataAvailable => Sw1 == 0x61;

    /// <summary>6Cxx: wrong Le; xx is the exact length to ask for again (00 = 256).</summary>
    public bool IsWrongLeWithExactLength => Sw1 == 0x6C;

    /// <summary>63Cx: a verification failed or was queried; x tries remain.</summary>
    public bool IsVerificationCounter => Sw1 == 0x63 && (Sw2 & 0xF0) == 0xC0;

    /// <summary>The retry count of a 63Cx answer.</summary>
    public int Counter => Sw2 & 0x0F;

    public static StatusWord FromValue(ushort value) => new((byte)(value >> 8), (byte)value);

    public override string ToString() => $"{Sw1:X2}{Sw2:X2}";
}
