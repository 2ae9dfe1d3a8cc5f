using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using OnshiDevice.Contracts.V1;

namespace OnshiDevice.Contracts;

/// <summary>
/// The names of contract enum values as the docs, the ErrorInfo reasons and the onshi CLI write them:
/// the proto value name without its type's prefix (KIND_READER_ATTACHED is READER_ATTACHED,
/// ERROR_REASON_NO_CARD is NO_CARD). Read from the proto descriptors, so they follow the contract.
/// </summary>
public static class ContractNames
{
    // buf lint (ENUM_ZERO_VALUE_SUFFIX, ENUM_VALUE_PREFIX) makes every zero value PREFIX_UNSPECIFIED.
    private const string ZeroValueSuffix = "UNSPECIFIED";

    private static readonly FrozenDictionary<Type, EnumNames> ByType = AllEnums()
        .Where(descriptor => descriptor.ClrType is not null)
        .ToFrozenDictionary(descriptor => descriptor.ClrType, descriptor => new EnumNames(descriptor));

    /// <summary>The value's name without its type's prefix; the number for a value the contract does not define.</summary>
    public static string ShortName<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        return NamesOf(typeof(TEnum)).ByNumber.TryGetValue(number, out var name)
            ? name
            : number.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The value whose short name is <paramref name="shortName"/> (exact, case-sensitive).</summary>
    public static bool TryParseShortName<TEnum>(string? shortName, out TEnum value)
        where TEnum : struct, Enum
    {
        if (shortName is not null && NamesOf(typeof(TEnum)).ByName.TryGetValue(shortName, out var number))
        {
            value = (TEnum)Enum.ToObject(typeof(TEnum), number);
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Every value's short name of a contract enum, in number order.</summary>
    public static IReadOnlyList<string> ShortNames<TEnum>()
        where TEnum : struct, Enum => NamesOf(typeof(TEnum)).InOrder;

    private static EnumNames NamesOf(Type type) =>
        ByType.TryGetValue(type, out var names) ? names : throw new ArgumentException($"{type} is not an enum of the onshi.device.v1 contract.", nameof(type));

    private static IEnumerable<EnumDescriptor> AllEnums()
    {
        FileDescriptor[] files = [ReadersReflection.Descriptor, CardsReflection.Descriptor, CertificatesReflection.Descriptor, ErrorsReflection.Descriptor, CheckinReflection.Descriptor];
        return files.SelectMany(file => file.EnumTypes.Concat(file.MessageTypes.SelectMany(NestedEnums)));

        static IEnumerable<EnumDescriptor> NestedEnums(MessageDescriptor message) =>
            message.EnumTypes.Concat(message.NestedTypes.SelectMany(NestedEnums));
    }

    private sealed class EnumNames
    {
        public EnumNames(EnumDescriptor descriptor)
        {
            var zero = descriptor.FindValueByNumber(0)?.Name;
            if (zero is null || !zero.EndsWith(ZeroValueSuffix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"{descriptor.FullName} has no {ZeroValueSuffix} zero value to take its prefix from.");
            }

            var prefix = zero[..^ZeroValueSuffix.Length];
            var values = descriptor.Values.OrderBy(value => value.Number).ToList();
            InOrder = values.Select(value => ShortNameOf(value.Name, prefix)).ToList();
            ByNumber = values.ToFrozenDictionary(value => value.Number, value => ShortNameOf(value.Name, prefix));
            ByName = values.ToFrozenDictionary(value => ShortNameOf(value.Name, prefix), value => value.Number, StringComparer.Ordinal);
        }

        public IReadOnlyList<string> InOrder { get; }

        public FrozenDictionary<int, string> ByNumber { get; }

        public FrozenDictionary<string, int> ByName { get; }

        private static string ShortNameOf(string name, string prefix) =>
            name.StartsWith(prefix, StringComparison.Ordinal)
                ? name[prefix.Length..]
                : throw new InvalidOperationException($"The enum value {name} lacks its type's prefix {prefix}.");
    }
}
