using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Simulators;
using OnshiDevice.Simulators.Hpki;
using CertificatesClient = OnshiDevice.Contracts.V1.Certificates.CertificatesClient;

namespace OnshiDevice.IntegrationTests;

/// <summary>An offered intermediate that is not a certificate is the caller's mistake: it is named, not skipped.</summary>
public sealed class VerifyIntermediatesTests : IAsyncLifetime
{
    private DeviceServiceHost _host = null!;

    public async Task InitializeAsync() => _host = await DeviceServiceHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    public static TheoryData<byte[]> Garbage() => new()
    {
        new byte[] { 0x30, 0x00 },
        new byte[] { 0x04, 0x03, 0x01, 0x02, 0x03 },
        "-----BEGIN CERTIFICATE-----"u8.ToArray(),
        SimulatedTrust.Intermediates.Values.First()[..^1],
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task A_garbage_intermediate_is_invalid_argument_naming_its_index(byte[] garbage)
    {
        var request = Request(ByteString.CopyFrom(SimulatedTrust.Intermediates.Values.First()), ByteString.CopyFrom(garbage));

        var exception = await Assert.ThrowsAsync<RpcException>(() =>
            new CertificatesClient(_host.Channel).VerifyAsync(request, deadline: DateTime.UtcNow.AddSeconds(10)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, exception.StatusCode);
        var status = exception.GetRpcStatus()!;
        Assert.Equal("INVALID_ARGUMENT", status.GetDetail<ErrorInfo>()?.Reason);
        Assert.Equal(["intermediates[1]"], status.GetDetail<BadRequest>()!.FieldViolations.Select(violation => violation.Field));
    }

    [Fact]
    public async Task Well_formed_intermediates_are_offered_to_path_building()
    {
        var request = Request(SimulatedTrust.Intermediates.Values.Select(ByteString.CopyFrom).ToArray());

        var response = await new CertificatesClient(_host.Channel).VerifyAsync(request, deadline: DateTime.UtcNow.AddSeconds(10));

        Assert.True(response.Valid, string.Join("; ", response.Failures.Select(failure => $"{failure.Reason}: {failure.Detail}")));
    }

    private static VerifyRequest Request(params ByteString[] intermediates) => new()
    {
        Der = ByteString.CopyFrom(VirtualHpkiCards.Doctor().SigningCertificate),
        Purpose = CertificatePurpose.HpkiSigning,
        Intermediates = { intermediates },
    };
}
