using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OnshiDevice.Cards;
using OnshiDevice.Cards.Hpki;
using OnshiDevice.Cards.MyNumber;
using OnshiDevice.Iso7816;
using OnshiDevice.PcSc;
using OnshiDevice.PcSc.Iso7816;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.MyNumber;
using OnshiDevice.Simulators.PcSc;

namespace OnshiDevice.UnitTests.PcScIso7816;

/// <summary>The PC/SC adapter over the simulated PC/SC service: the reader's limits, refusals, and the card layer driven without the gRPC service.</summary>
public sealed class PcscApduChannelTests : IDisposable
{
    private const string ExtendedReader = "Extended Reader";
    private const string ShortReader = "Short Reader";

    private readonly SimulatedPcscApi _api = new();
    private readonly PcscContext _context;

    public PcscApduChannelTests()
    {
        _api.AddReader(ExtendedReader, supportsExtendedLength: true);
        _api.AddReader(ShortReader, supportsExtendedLength: false);
        _context = PcscContext.Establish(_api);
    }

    public void Dispose() => _context.Dispose();

    [Fact]
    public void The_limits_are_what_the_reader_reports()
    {
        Insert(ExtendedReader, VirtualMyNumberCards.Standard());
        Insert(ShortReader, VirtualMyNumberCards.Standard());
        using var extended = _context.Connect(ExtendedReader);
        using var shortOnly = _context.Connect(ShortReader);

        Assert.Equal(ApduLimits.Extended, new PcscApduChannel(extended).Limits);
        Assert.Equal(ApduLimits.Short, new PcscApduChannel(shortOnly).Limits);
    }

    [Theory]
    [InlineData(0, 255, 256)]
    [InlineData(260, 255, 256)]
    [InlineData(261, 261, 261)]
    [InlineData(65536, 65535, 65536)]
    [InlineData(1_000_000, 65535, 65536)]
    public void A_reported_data_size_becomes_limits(int reported, int maxCommand, int maxResponse)
    {
        var limits = ApduLimits.FromMaxDataSize(reported);

        Assert.Equal(maxCommand, limits.MaxCommandData);
        Assert.Equal(maxResponse, limits.MaxResponseData);
    }

    [Fact]
    public void An_extended_APDU_the_reader_cannot_carry_is_a_refusal_the_card_never_saw()
    {
        var card = new CountingCard(VirtualMyNumberCards.Standard());
        Insert(ShortReader, card);
        using var connection = _context.Connect(ShortReader);
        var channel = new PcscApduChannel(connection);

        var refused = Assert.Throws<ExtendedLengthRefusedException>(() => channel.Transmit(new CommandApdu(0x00, 0x2A, 0x9E, 0x9A, new byte[256], CommandApdu.MaxExtendedNe)));

        Assert.IsType<PcscCommunicationException>(refused.InnerException);
        Assert.Empty(card.Commands);
    }

    [Fact]
    public void A_card_taken_off_is_a_removed_card_not_a_refusal()
    {
        var reader = Insert(ExtendedReader, VirtualMyNumberCards.Standard());
        using var connection = _context.Connect(ExtendedReader);
        var channel = new PcscApduChannel(connection);
        reader.Remove();

        Assert.Throws<CardRemovedException>(() => channel.Transmit(new CommandApdu(0x00, 0xB0, 0x00, 0x00, ne: CommandApdu.MaxExtendedNe)));
    }

    [Fact]
    public void On_an_extended_reader_a_certificate_is_one_READ_BINARY_and_a_signature_one_PSO()
    {
        var doctor = VirtualHpkiCards.Doctor();
        var card = new CountingCard(doctor);
        Insert(ExtendedReader, card);
        using var connection = _context.Connect(ExtendedReader);
        var hpki = HpkiCard.Open(ApduChannels.Over(connection), HpkiApplication.Signing);

        Assert.Equal(doctor.SigningCertificate, hpki.ReadCertificate());
        Assert.Single(card.Commands, command => command[1] == 0xB0);

        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);
        var digest = SHA256.HashData("prescription"u8);
        var signature = hpki.SignDigest(digest);

        var pso = Assert.Single(card.Commands, command => command[1] == 0x2A);
        Assert.Equal(4 + 3 + 256 + 2, pso.Length);
        AssertSignedBy(doctor.SigningCertificate, digest, signature);
    }

    [Fact]
    public void On_a_short_reader_the_same_calls_chain_and_read_in_chunks_without_the_card_code_knowing()
    {
        var doctor = VirtualHpkiCards.Doctor();
        var card = new CountingCard(doctor);
        Insert(ShortReader, card);
        using var connection = _context.Connect(ShortReader);
        var hpki = HpkiCard.Open(ApduChannels.Over(connection), HpkiApplication.Signing);

        Assert.Equal(doctor.SigningCertificate, hpki.ReadCertificate());
        hpki.VerifyPin(VirtualHpkiCards.Pin, LastTryPolicy.Refuse);
        var digest = SHA256.HashData("prescription"u8);
        var signature = hpki.SignDigest(digest);

        Assert.All(card.Commands, command => Assert.True(command.Length <= 4 + 1 + 255 + 1, $"{command.Length}-byte APDU on a short reader"));
        Assert.Equal(2, card.Commands.Count(command => command[1] == 0x2A));
        Assert.Equal((doctor.SigningCertificate.Length + 255) / 256, card.Commands.Count(command => command[1] == 0xB0));
        AssertSignedBy(doctor.SigningCertificate, digest, signature);
    }

    [Fact]
    public void The_My_Number_card_reads_its_certificate_over_PCSC_without_the_service()
    {
        var myNumber = VirtualMyNumberCards.Standard();
        Insert(ExtendedReader, myNumber);
        using var connection = _context.Connect(ExtendedReader);

        Assert.Equal(myNumber.AuthCertificate, MyNumberCard.Open(ApduChannels.Over(connection)).ReadCertificate(JpkiCertificateKind.Auth));
    }

    private static void AssertSignedBy(byte[] certificateDer, byte[] digest, byte[] signature)
    {
        using var certificate = X509CertificateLoader.LoadCertificate(certificateDer);
        using var rsa = certificate.GetRSAPublicKey()!;
        Assert.True(rsa.VerifyHash(digest, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    private SimulatedReader Insert(string readerName, IVirtualCard card)
    {
        var reader = _api.Readers.Single(candidate => candidate.Name == readerName);
        reader.Insert(card);
        return reader;
    }

    /// <summary>Keeps every command the card received.</summary>
    private sealed class CountingCard(IVirtualCard card) : IVirtualCard
    {
        public List<byte[]> Commands { get; } = [];

        public byte[] Atr => card.Atr;

        public void Reset() => card.Reset();

        public byte[] Process(ReadOnlySpan<byte> commandApdu)
        {
            Commands.Add(commandApdu.ToArray());
            return card.Process(commandApdu);
        }
    }
}
