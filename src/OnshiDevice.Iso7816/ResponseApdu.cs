namespace OnshiDevice.Iso7816;

/// <summary>A response APDU: an optional data field followed by SW1 SW2.</summary>
public sealed class ResponseApdu
{
    public ResponseApdu(ReadOnlyMemory<byte> data, StatusWord statusWord)
    {
        Data = data;
        StatusWord = statusWord;
    }

    public ReadOnlyMemory<byte> Data { get; }

    public StatusWord StatusWord { get; }

    public bool IsSuccess => StatusWord.IsSuccess;

    /// <summary>Splits raw response bytes; a response shorter than the two status bytes is a broken card or reader.</summary>
    public static ResponseApdu Parse(ReadOnlyMemory<byte> raw)
    {
        if (raw.Length < 2)
        {
            throw new MalformedResponseException($"A response APDU needs at least the two status bytes; got {raw.Length} byte(s).");
        }

        var span = raw.Span;
        return new ResponseApdu(raw[..^2], new StatusWord(span[^2], span[^1]));
    }

    public override string ToString() => $"{Data.Length} byte(s), SW {StatusWord}";
}
