using System.Buffers.Binary;

namespace OnshiDevice.PcSc;

/// <summary>
/// PC/SC Part 10 reader features: the reader lists its features as TLVs (tag, length 4, big-endian
/// control code) in answer to CM_IOCTL_GET_FEATURE_REQUEST; FEATURE_GET_TLV_PROPERTIES then answers
/// with property TLVs (tag, length, little-endian value). Parsers accept any bytes and report
/// "not found" for anything malformed: a reader's answer is outside input.
/// </summary>
public static class ReaderFeatures
{
    /// <summary>CM_IOCTL_GET_FEATURE_REQUEST = SCARD_CTL_CODE(3400).</summary>
    public const int GetFeatureRequestFunction = 3400;

    /// <summary>FEATURE_GET_TLV_PROPERTIES.</summary>
    public const byte GetTlvPropertiesFeature = 0x12;

    /// <summary>PCSCv2_PART10_PROPERTY_dwMaxAPDUDataSize.</summary>
    public const byte MaxApduDataSizeProperty = 0x0A;

    /// <summary>Finds a feature's control code in a CM_IOCTL_GET_FEATURE_REQUEST answer.</summary>
    public static bool TryFindFeature(ReadOnlySpan<byte> featureList, byte feature, out uint controlCode)
    {
        controlCode = 0;
        while (featureList.Length >= 2)
        {
            var tag = featureList[0];
            var length = featureList[1];
            if (featureList.Length < 2 + length)
            {
                return false;
            }

            if (tag == feature && length == 4)
            {
                controlCode = BinaryPrimitives.ReadUInt32BigEndian(featureList.Slice(2, 4));
                return true;
            }

            featureList = featureList[(2 + length)..];
        }

        return false;
    }

    /// <summary>Finds an integer property (1, 2 or 4 bytes, little-endian) in a FEATURE_GET_TLV_PROPERTIES answer.</summary>
    public static bool TryFindProperty(ReadOnlySpan<byte> properties, byte property, out uint value)
    {
        value = 0;
        while (properties.Length >= 2)
        {
            var tag = properties[0];
            var length = properties[1];
            if (properties.Length < 2 + length)
            {
                return false;
            }

            if (tag == property)
            {
                var data = properties.Slice(2, length);
                switch (length)
                {
                    case 1:
                        value = data[0];
                        return true;
                    case 2:
                        value = BinaryPrimitives.ReadUInt16LittleEndian(data);
                        return true;
                    case 4:
                        value = BinaryPrimitives.ReadUInt32LittleEndian(data);
                        return true;
                    default:
                        return false;
                }
            }

            properties = properties[(2 + length)..];
        }

        return false;
    }
}
