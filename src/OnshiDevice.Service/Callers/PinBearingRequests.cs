using Google.Protobuf;
using Google.Protobuf.Reflection;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Service.Callers;

/// <summary>
/// Which requests only a local or mutually authenticated caller may make: those that carry a PIN (a non-empty
/// <c>pin</c> field: VerifyPin, Sign, ReadCertificate of the JPKI signing certificate) or name a card's private
/// key (a <see cref="KeyKind"/> field: Sign). Read from the request's descriptor, so a new RPC of either kind
/// is covered without a list to keep. A stream of requests (CheckIn.AttendCheckIns) is judged by its type: it needs such
/// a caller when any message it may send holds a secret field (<c>pin</c>, <c>card_face_number</c>) or a key.
/// </summary>
public static class PinBearingRequests
{
    private const string PinField = "pin";

    /// <summary>The names of the request fields that carry a secret: a PIN or password, 照合番号B.</summary>
    private static readonly string[] SecretFields = [PinField, "card_face_number"];

    /// <summary>Whether a message of type <typeparamref name="TRequest"/> may carry a secret or name a key, at any depth.</summary>
    public static bool MayCarry<TRequest>() => StreamedRequest<TRequest>.MayCarry;

    private static bool MayCarry(MessageDescriptor descriptor, HashSet<string> seen)
    {
        if (!seen.Add(descriptor.FullName))
        {
            return false;
        }

        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            var secret = field.FieldType switch
            {
                FieldType.Enum => field.EnumType.FullName == KeyKindName,
                FieldType.String => SecretFields.Contains(field.Name, StringComparer.Ordinal),
                FieldType.Message => MayCarry(field.MessageType, seen),
                _ => false,
            };
            if (secret)
            {
                return true;
            }
        }

        return false;
    }

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

    private static class StreamedRequest<TRequest>
    {
        // A type without a descriptor is not one of the contract's messages: judged as carrying one, never let through unseen.
        public static readonly bool MayCarry =
            typeof(TRequest).GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null) is not MessageDescriptor descriptor
            || MayCarry(descriptor, []);
    }

    private static string KeyKindName { get; } = CardsReflection.Descriptor.FindTypeByName<EnumDescriptor>(nameof(KeyKind)).FullName;
}
