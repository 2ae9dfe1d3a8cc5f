namespace OnshiDevice.Iso7816;

/// <summary>One BER-TLV data object: its tag and value (the value of a constructed object holds child objects).</summary>
public sealed class BerTlv
{
    public BerTlv(int tag, ReadOnlyMemory<byte> value, bool isConstructed)
    {
        Tag = tag;
        Value = value;
        IsConstructed = isConstructed;
    }

    public int Tag { get; }

    public ReadOnlyMemory<byte> Value { get; }

    public bool IsConstructed { get; }

    /// <summary>Parses the value of a constructed object as a sequence of child objects.</summary>
    public IReadOnlyList<BerTlv> Children()
    {
        if (!IsConstructed)
        {
            throw new BerTlvException($"Tag {Tag:X} is primitive; it has no children.");
        }

        return BerTlvReader.ReadAll(Value);
    }

    public override string ToString() => $"{Tag:X2} ({Value.Length} byte(s))";
}
