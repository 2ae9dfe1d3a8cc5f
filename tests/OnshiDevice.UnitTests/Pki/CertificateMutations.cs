using CsCheck;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>Random damage to valid DER: a bit flip, a byte overwrite, a truncation, or a length byte pushed huge.</summary>
internal static class CertificateMutations
{
    public static Gen<byte[]> Of(byte[] original) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, original.Length - 1], Gen.Byte, Gen.Int[0, 7]).Select((kind, position, value, bit) =>
        {
            var mutated = original.ToArray();
            switch (kind)
            {
                case 0:
                    mutated[position] ^= (byte)(1 << bit);
                    return mutated;
                case 1:
                    mutated[position] = value;
                    return mutated;
                case 2:
                    return mutated[..position];
                default:
                    mutated[position] = (byte)(0x80 | (bit % 5));
                    return mutated;
            }
        });
}
