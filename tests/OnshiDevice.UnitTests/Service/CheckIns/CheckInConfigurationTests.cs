using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using OnshiDevice.FaceAuth.CheckIn;
using OnshiDevice.FaceAuth.Link;
using OnshiDevice.FaceAuth.Readers;
using OnshiDevice.Service.CheckIns;
using OnshiDevice.Service.Configuration;

namespace OnshiDevice.UnitTests.Service.CheckIns;

public sealed class CheckInConfigurationTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static readonly Dictionary<string, FaceReaderSettings> OneReader = new(StringComparer.Ordinal)
    {
        ["desk-1"] = new FaceReaderSettings { SerialPort = "/dev/ttyACM0", CardSlotReader = "Slot 00 00" },
    };

    [Fact]
    public void Without_settings_the_check_in_options_are_the_defaults()
    {
        Assert.Equal(new CheckInOptions().ConsentTopics, CheckInConfiguration.ReadOptions(Settings()).ConsentTopics);
        Assert.Equal(new CheckInOptions().FaceMatchThreshold, CheckInConfiguration.ReadOptions(null).FaceMatchThreshold);
    }

    [Fact]
    public void The_configured_consent_topics_replace_the_default_list_in_their_order()
    {
        var options = CheckInConfiguration.ReadOptions(Settings(
            ("OnshiDevice:CheckIn:ConsentTopics:0", "HighCostLimit"),
            ("OnshiDevice:CheckIn:ConsentTopics:1", "medication"),
            ("OnshiDevice:CheckIn:FaceMatchThreshold", "0.9"),
            ("OnshiDevice:CheckIn:PinEntryTimeout", "00:00:20")));

        Assert.Equal([ConsentTopic.HighCostLimit, ConsentTopic.Medication], options.ConsentTopics);
        Assert.Equal(0.9, options.FaceMatchThreshold);
        Assert.Equal(TimeSpan.FromSeconds(20), options.PinEntryTimeout);
    }

    [Theory]
    [InlineData("Xray")]
    [InlineData("3")]
    public void A_consent_topic_that_is_not_one_is_refused_naming_its_setting(string topic)
    {
        var refused = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            CheckInConfiguration.ReadOptions(Settings(("OnshiDevice:CheckIn:ConsentTopics:0", topic))));

        Assert.Contains("OnshiDevice:CheckIn:ConsentTopics:0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Good_settings_have_no_problems()
    {
        Assert.Empty(CheckInConfiguration.Problems(OneReader, new CheckInOptions(), new FaceReaderLinkOptions()));
    }

    [Fact]
    public void Each_problem_of_the_readers_names_its_setting()
    {
        var readers = new Dictionary<string, FaceReaderSettings>(StringComparer.Ordinal)
        {
            ["desk 1"] = new FaceReaderSettings { SerialPort = "/dev/ttyACM0", CardSlotReader = "Slot 00 00" },
            ["desk-2"] = new FaceReaderSettings { SerialPort = "", CardSlotReader = "Slot 00 00", BaudRate = 300 },
        };

        var problems = CheckInConfiguration.Problems(readers, new CheckInOptions(), new FaceReaderLinkOptions());

        Assert.Contains(problems, p => p.Contains("A face reader id under OnshiDevice:FaceReaders is not", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnshiDevice:FaceReaders:desk-2:SerialPort is required", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnshiDevice:FaceReaders:desk-2:BaudRate must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("the same CardSlotReader", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.Contains("desk 1", StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_sixteen_readers_are_refused()
    {
        var readers = Enumerable.Range(0, 17).ToDictionary(i => $"desk-{i}", i => new FaceReaderSettings { SerialPort = $"/dev/ttyACM{i}", CardSlotReader = $"Slot {i}" });

        Assert.Contains(CheckInConfiguration.Problems(readers, new CheckInOptions(), new FaceReaderLinkOptions()), p => p.Contains("at most 16", StringComparison.Ordinal));
    }

    [Fact]
    public void A_check_in_option_or_link_timing_out_of_bounds_is_named_under_its_section()
    {
        var problems = CheckInConfiguration.Problems(OneReader, new CheckInOptions { FaceMatchThreshold = 1.5 }, new FaceReaderLinkOptions { SilentIntervalsToLoss = 1 });

        Assert.Contains(problems, p => p.StartsWith("OnshiDevice:CheckIn:FaceMatchThreshold", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("OnshiDevice:FaceReaderLink:SilentIntervalsToLoss must be 2 to 10", StringComparison.Ordinal));
    }

    [Fact]
    public void The_link_timings_are_read_from_their_section()
    {
        var link = CheckInConfiguration.ReadLinkOptions(Settings(("OnshiDevice:FaceReaderLink:HeartbeatInterval", "00:00:00.500")));

        Assert.Equal(TimeSpan.FromMilliseconds(500), link.HeartbeatInterval);
        Assert.Equal(new FaceReaderLinkOptions().AckTimeout, link.AckTimeout);
    }

    [Fact]
    public void The_card_face_issuer_key_is_read_from_a_pem_or_der_file_and_a_bad_file_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("onshi-issuer-key-").FullName;
        try
        {
            using var rsa = RSA.Create(2048);
            File.WriteAllBytes(Path.Combine(folder, "key.der"), rsa.ExportSubjectPublicKeyInfo());
            File.WriteAllText(Path.Combine(folder, "key.pem"), rsa.ExportSubjectPublicKeyInfoPem());
            File.WriteAllText(Path.Combine(folder, "bad.pem"), "not a key");

            using var der = CheckInConfiguration.LoadCardFaceIssuerKey(Settings(("OnshiDevice:CheckIn:CardFaceIssuerKey", Path.Combine(folder, "key.der"))));
            using var pem = CheckInConfiguration.LoadCardFaceIssuerKey(Settings(("OnshiDevice:CheckIn:CardFaceIssuerKey", Path.Combine(folder, "key.pem"))));
            var bad = Assert.Throws<ConfiguredPathException>(() => CheckInConfiguration.LoadCardFaceIssuerKey(Settings(("OnshiDevice:CheckIn:CardFaceIssuerKey", Path.Combine(folder, "bad.pem")))));
            var missing = Assert.Throws<ConfiguredPathException>(() => CheckInConfiguration.LoadCardFaceIssuerKey(Settings(("OnshiDevice:CheckIn:CardFaceIssuerKey", Path.Combine(folder, "none.der")))));

            Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), der!.ExportSubjectPublicKeyInfo());
            Assert.Equal(rsa.ExportSubjectPublicKeyInfo(), pem!.ExportSubjectPublicKeyInfo());
            Assert.StartsWith("OnshiDevice:CheckIn:CardFaceIssuerKey names the file", bad.Message, StringComparison.Ordinal);
            Assert.Contains("none.der", missing.Message, StringComparison.Ordinal);
            Assert.Null(CheckInConfiguration.LoadCardFaceIssuerKey(Settings()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
