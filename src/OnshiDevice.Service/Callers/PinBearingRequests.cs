using Google.Protobuf;
using Google.Protobuf.Reflection;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// Which requests only a local or mutually authenticated caller may make: those that carry a PIN (a non-empty
/// <c>pin</c> field: VerifyPin, Sign, ReadCertificate of the JPKI signing certificate) or name a card's private
/// key (a <see cref="KeyKind"/> field: Sign). Read from the request's descriptor, so a new RPC of either kind
/// is covered without a list to keep.
/// </summary>
public static class PinBearingRequests
{
    private const string PinField = "pin";

    public static bool Carries(IMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var field in request.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType == FieldType.Enum && field.EnumType.FullName == KeyKindName)
            {
                return true;
            }

            if (field.FieldType == FieldType.String && !field.IsRepeated && field.Name == PinField && field.Accessor.GetValue(request) is string { Length: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    private static string KeyKindName { get; } = CardsReflection.Descriptor.FindTypeByName<EnumDescriptor>(nameof(KeyKind)).FullName;
}
