using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Service.Configuration;

namespace OnshiDevice.Service.CheckIns;

/// <summary>
/// The check-in settings: OnshiDevice:FaceReaders (the readers) and OnshiDevice:CheckIn (how check-ins behave, the
/// properties of <see cref="CheckInOptions"/>, and CardFaceIssuerKey). Every mistake is one sentence naming its setting.
/// </summary>
public static class CheckInConfiguration
{
    public const string FaceReadersSection = OnshiDeviceOptions.SectionName + ":FaceReaders";
    public const string CheckInSection = OnshiDeviceOptions.SectionName + ":CheckIn";
    public const string CardFaceIssuerKeySetting = CheckInSection + ":CardFaceIssuerKey";
    public const string LinkSection = OnshiDeviceOptions.SectionName + ":FaceReaderLink";

    /// <summary>The most face readers one service drives.</summary>
    public const int MaxFaceReaders = 16;

    /// <summary>The check-in options of <paramref name="configuration"/>: the defaults where a setting is absent.</summary>
    public static CheckInOptions ReadOptions(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(CheckInSection);
        if (section is null || !section.Exists())
        {
            return new CheckInOptions();
        }

        var options = section.Get<CheckInOptions>(binder => binder.ErrorOnUnknownConfiguration = false) ?? new CheckInOptions();

        // The binder adds a list's items to the default's instead of replacing it: the topics are exactly those configured.
        var topics = section.GetSection(nameof(CheckInOptions.ConsentTopics));
        if (topics.Exists())
        {
            options = options with { ConsentTopics = topics.GetChildren().Select(ParseTopic).ToArray() };
        }

        return options;
    }

    /// <summary>The face readers' link timings (OnshiDevice:FaceReaderLink): the defaults where a setting is absent.</summary>
    public static FaceReaderLinkOptions ReadLinkOptions(IConfiguration? configuration) =>
        configuration?.GetSection(LinkSection) is { } section && section.Exists()
            ? section.Get<FaceReaderLinkOptions>() ?? new FaceReaderLinkOptions()
            : new FaceReaderLinkOptions();

    /// <summary>The problems of the face readers' and check-in settings, each a sentence naming its setting; empty when all is well.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyDictionary<string, FaceReaderSettings> readers, CheckInOptions options, FaceReaderLinkOptions link)
    {
        var problems = new List<string>();
        if (readers.Count > MaxFaceReaders)
        {
            problems.Add($"{FaceReadersSection} names {readers.Count} readers; at most {MaxFaceReaders}.");
        }

        foreach (var (id, reader) in readers)
        {
            var key = $"{FaceReadersSection}:{(FaceReaderIds.IsValid(id) ? id : "(id)")}";
            if (!FaceReaderIds.IsValid(id))
            {
                problems.Add($"A face reader id under {FaceReadersSection} is not {FaceReaderIds.Rule}.");
            }

            if (string.IsNullOrWhiteSpace(reader.SerialPort))
            {
                problems.Add($"{key}:SerialPort is required (the reader's serial port, e.g. /dev/ttyACM0 or COM3).");
            }

            if (string.IsNullOrWhiteSpace(reader.CardSlotReader))
            {
                problems.Add($"{key}:CardSlotReader is required (the PC/SC reader of its card slot; `onshi readers` lists them).");
            }

            if (reader.BaudRate is < 9600 or > 921_600)
            {
                problems.Add($"{key}:BaudRate must be 9600 to 921600.");
            }
        }

        foreach (var shared in readers.Values.Where(r => r.SerialPort.Length > 0).GroupBy(r => r.SerialPort, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Two face readers under {FaceReadersSection} name the same SerialPort; each reader has its own.");
        }

        foreach (var shared in readers.Values.Where(r => r.CardSlotReader.Length > 0).GroupBy(r => r.CardSlotReader, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"Two face readers under {FaceReadersSection} name the same CardSlotReader; each reader has its own card slot.");
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException outOfRange)
        {
            problems.Add($"{CheckInSection}:{outOfRange.Message.Split(" (Parameter", 2)[0]}");
        }
        catch (ArgumentNullException missing)
        {
            problems.Add($"{CheckInSection}:{missing.ParamName} is required.");
        }

        try
        {
            link.Validate();
        }
        catch (ArgumentOutOfRangeException outOfRange)
        {
            problems.Add($"{LinkSection}:{outOfRange.ParamName} must be {outOfRange.Message.Split(" (Parameter", 2)[0].Split(" is ", 2)[^1].TrimEnd('.')}.");
        }

        return problems;
    }

    /// <summary>
    /// The issuer key that checks card-face signatures (OnshiDevice:CheckIn:CardFaceIssuerKey: a SubjectPublicKeyInfo
    /// file, PEM or DER, relative to the settings' file), or null when none is configured.
    /// </summary>
    /// <exception cref="ConfiguredPathException">The file is missing or is not an RSA public key.</exception>
    public static RSA? LoadCardFaceIssuerKey(IConfiguration? configuration)
    {
        var path = configuration is null ? null : ConfigurationPaths.Resolve(configuration, CardFaceIssuerKeySetting);
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new ConfiguredPathException($"{CardFaceIssuerKeySetting} names the file {path}, which cannot be read ({unreadable.GetType().Name}).");
        }

        var key = RSA.Create();
        try
        {
            if (bytes.Length > 0 && bytes[0] == (byte)'-')
            {
                key.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
            }
            else
            {
                key.ImportSubjectPublicKeyInfo(bytes, out _);
            }

            return key;
        }
        catch (Exception malformed) when (malformed is CryptographicException or ArgumentException)
        {
            key.Dispose();
            throw new ConfiguredPathException($"{CardFaceIssuerKeySetting} names the file {path}, which is not an RSA public key (SubjectPublicKeyInfo, PEM or DER).", malformed);
        }
    }

    private static ConsentTopic ParseTopic(IConfigurationSection item)
    {
        if (Enum.TryParse<ConsentTopic>(item.Value, ignoreCase: true, out var topic) && Enum.IsDefined(topic) && !int.TryParse(item.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return topic;
        }

        throw new Microsoft.Extensions.Options.OptionsValidationException(
            CheckInSection,
            typeof(CheckInOptions),
            [$"{CheckInSection}:ConsentTopics:{item.Key} is not one of {string.Join(", ", Enum.GetNames<ConsentTopic>())}."]);
    }
}
