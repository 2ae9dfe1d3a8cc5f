using Google.Protobuf;
using Grpc.Core;
using OnshiDevice.Contracts;
using OnshiDevice.Contracts.V1;
using OnshiDevice.Pki.Revocation;
using OnshiDevice.Service.Certificates;
using OnshiDevice.Service.Status;
using OnshiDevice.Simulators.Hpki;
using OnshiDevice.Simulators.PcSc;
using Microsoft.Extensions.DependencyInjection;

namespace OnshiDevice.IntegrationTests.ServiceStatus;

/// <summary>DeviceStatus.GetStatus and `onshi health` in process: each part with its state, conditions and facts.</summary>
public sealed class DeviceStatusTests
{
    private static DateTime Soon => DateTime.UtcNow.AddSeconds(30);

    [Fact]
    public async Task A_healthy_service_lists_pcsc_trust_and_crls_ok_with_their_facts()
    {
        await using var host = await DeviceServiceHost.StartAsync();

        var status = await new DeviceStatus.DeviceStatusClient(host.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon);

        Assert.Equal(PartState.Ok, status.State);
        Assert.Equal([Part.Pcsc, Part.Trust, Part.Crls], status.Parts.Select(part => part.Part));
        Assert.All(status.Parts, part => Assert.Empty(part.Conditions));
        var pcsc = status.Parts[0].Pcsc;
        Assert.True(pcsc.Reachable);
        Assert.Equal("simulated", pcsc.Implementation);
        Assert.Equal([DeviceServiceHost.CardReaderName, DeviceServiceHost.EmptyReaderName], pcsc.Readers);
        Assert.Equal(4, status.Parts[1].Trust.Purposes.Count);
        Assert.All(status.Parts[1].Trust.Purposes, purpose => Assert.True(purpose.Anchors > 0, purpose.ToString()));
        var crls = status.Parts[2].Crls;
        Assert.True(crls.FolderConfigured);
        Assert.True(crls.Crls > 0);
        Assert.NotNull(crls.OldestNextUpdate);
        Assert.True(crls.OldestNextUpdate.ToDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.Empty(crls.Expired);
        Assert.Null(crls.LastFetch);
    }

    [Fact]
    public async Task Without_trust_anchors_or_a_crl_folder_those_parts_fail_naming_why()
    {
        var settings = Enum.GetNames<OnshiDevice.Pki.CertificatePurpose>().ToDictionary(purpose => $"Pki:TrustAnchors:{purpose}", _ => (string?)string.Empty);
        settings["Pki:Crls"] = string.Empty;
        await using var host = await DeviceServiceHost.StartAsync(settings: settings);

        var status = await new DeviceStatus.DeviceStatusClient(host.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon);

        Assert.Equal(PartState.Failing, status.State);
        var trust = status.Parts.Single(part => part.Part == Part.Trust);
        Assert.Equal(PartState.Failing, trust.State);
        Assert.Equal([PartCondition.NoTrustAnchors], trust.Conditions);
        var crls = status.Parts.Single(part => part.Part == Part.Crls);
        Assert.Equal(PartState.Failing, crls.State);
        Assert.Equal([PartCondition.NoCrlFolder], crls.Conditions);
        Assert.False(crls.Crls.FolderConfigured);
    }

    [Fact]
    public async Task Crls_past_their_next_update_and_a_failed_download_are_warnings_naming_them()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        var store = host.Services.GetRequiredService<CrlStore>();
        var later = store.Loaded.Max(crl => crl.NextUpdate!.Value).AddDays(1);

        var part = PartStatuses.Crls(store, new CrlFetchReport(later, [], "http://example.invalid/ca.crl: no answer"), later);

        Assert.Equal(PartState.Warning, part.State);
        Assert.Equal([PartCondition.CrlsExpired, PartCondition.CrlFetchFailed], part.Conditions);
        Assert.Equal(store.Loaded.Select(crl => crl.File), part.Crls.Expired.Select(expired => expired.File));
        Assert.All(part.Crls.Expired, expired => Assert.EndsWith("C=JP", expired.Issuer, StringComparison.Ordinal));
        Assert.False(part.Crls.LastFetch.Succeeded);
        Assert.Equal(["http://example.invalid/ca.crl: no answer"], part.Crls.LastFetch.Problems);
    }

    [Fact]
    public async Task The_recorded_download_outcome_is_in_the_answer()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        host.Services.GetRequiredService<CrlFetchState>().Publish(new CrlFetchReport(DateTimeOffset.UtcNow, [], "refused"));

        var status = await new DeviceStatus.DeviceStatusClient(host.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon);

        var crls = status.Parts.Single(part => part.Part == Part.Crls);
        Assert.Equal(PartState.Warning, crls.State);
        Assert.Equal([PartCondition.CrlFetchFailed], crls.Conditions);
        Assert.Equal(PartState.Warning, status.State);
    }

    [Fact]
    public async Task Pcsc_down_at_start_is_logged_at_once_as_a_warning_with_what_to_do_and_the_service_keeps_answering()
    {
        var api = new SimulatedPcscApi();
        api.AddReader("Reader");
        api.StopService();
        await using var service = await InProcessDeviceService.StartAsync(api, SimulatedTrustFolder.Settings());

        var status = await new DeviceStatus.DeviceStatusClient(service.Channel).GetStatusAsync(new GetStatusRequest(), deadline: Soon);

        var pcsc = status.Parts.Single(part => part.Part == Part.Pcsc);
        Assert.Equal(PartState.Failing, pcsc.State);
        Assert.Equal([PartCondition.PcscUnreachable], pcsc.Conditions);
        Assert.False(pcsc.Pcsc.Reachable);
        Assert.NotEmpty(pcsc.Pcsc.Error);
        Assert.Empty(pcsc.Pcsc.Readers);
        Assert.Equal(PartState.Failing, status.State);
        var warning = Assert.Single(service.LogEntries, entry => entry.Contains("PC/SC (simulated) cannot be reached", StringComparison.Ordinal));
        Assert.Contains("Warning", warning, StringComparison.Ordinal);
        Assert.Contains(OnshiDevice.Service.Health.PcscAdvice.HowToStart, warning, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("systemctl start pcscd.socket", warning, StringComparison.Ordinal);
        }

        // Still serving what needs no reader.
        var verdict = await service.Certificates.VerifyAsync(
            new VerifyRequest { Der = ByteString.CopyFrom(OnshiDevice.Simulators.MyNumber.VirtualMyNumberCards.StandardCredentials.AuthCertificate), Purpose = CertificatePurpose.JpkiAuthentication },
            deadline: Soon);
        Assert.True(verdict.Valid);
    }

    [Fact]
    public async Task Onshi_health_prints_each_part_and_exits_0_when_all_are_ok()
    {
        await using var host = await DeviceServiceHost.StartAsync();

        var english = await InProcessCli.RunAsync(host, new CliOptions(), "--lang", "en", "health");
        var japanese = await InProcessCli.RunAsync(host, new CliOptions(), "--lang", "ja", "health");

        Assert.True(english.ExitCode == 0, english.ToString());
        var lines = english.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("onshi-device: OK", lines[0]);
        Assert.StartsWith("OK       PC/SC: simulated; readers: Card Reader, Empty Reader", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("OK       Trust: trust anchors per purpose: JPKI_AUTHENTICATION ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("OK       CRLs: ", lines[3], StringComparison.Ordinal);
        Assert.Equal(0, japanese.ExitCode);
        Assert.Contains("トラスト", japanese.Output, StringComparison.Ordinal);
        Assert.Contains("リーダー: Card Reader, Empty Reader", japanese.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Onshi_health_says_what_to_do_and_exits_3_when_a_part_fails_and_4_when_one_warns()
    {
        await using var host = await DeviceServiceHost.StartAsync();
        host.Services.GetRequiredService<CrlFetchState>().Publish(new CrlFetchReport(DateTimeOffset.UtcNow, [], "refused"));

        var warned = await InProcessCli.RunAsync(host, new CliOptions(), "--lang", "en", "health");

        Assert.True(warned.ExitCode == 4, warned.ToString());
        Assert.Contains("WARNING  CRLs: ", warned.Output, StringComparison.Ordinal);
        Assert.Contains("> Check the network to the CAs' distribution points", warned.Output, StringComparison.Ordinal);

        host.Api.StopService();
        var failed = await InProcessCli.RunAsync(host, new CliOptions(), "--lang", "en", "health");

        Assert.True(failed.ExitCode == 3, failed.ToString());
        Assert.Contains("FAILING  PC/SC: simulated cannot be reached", failed.Output, StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains("> Start the PC/SC service: sudo systemctl start pcscd.socket", failed.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Onshi_health_json_is_the_status_message()
    {
        await using var host = await DeviceServiceHost.StartAsync();

        var result = await InProcessCli.RunAsync(host, new CliOptions(), "health", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var status = JsonParser.Default.Parse<GetStatusResponse>(result.Output);
        Assert.Equal(PartState.Ok, status.State);
        Assert.Equal(3, status.Parts.Count);
        Assert.Contains("\"state\": \"PART_STATE_OK\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reader_not_found_lists_the_readers_there_are_and_never_the_name_asked_for()
    {
        await using var host = await DeviceServiceHost.StartAsync();

        var info = await RpcErrors.AssertFailsAsync(StatusCode.NotFound, "READER_NOT_FOUND", async () =>
            await host.Cards().IdentifyCardAsync(new IdentifyCardRequest { Reader = "Nonexistent Reader 7" }, deadline: Soon));

        Assert.Equal($"{DeviceServiceHost.CardReaderName}\n{DeviceServiceHost.EmptyReaderName}", info.Metadata[ContractErrors.ReadersKey]);
        Assert.DoesNotContain("Nonexistent", info.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unsupported_card_names_the_card_found()
    {
        await using var hpki = await DeviceServiceHost.StartWithCardAsync(VirtualHpkiCards.Doctor());
        await using var myNumber = await DeviceServiceHost.StartAsync();

        var onHpki = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "UNSUPPORTED_CARD", async () =>
            await hpki.Cards().GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.JpkiAuthPin }, deadline: Soon));
        var onMyNumber = await RpcErrors.AssertFailsAsync(StatusCode.FailedPrecondition, "UNSUPPORTED_CARD", async () =>
            await myNumber.Cards().GetPinStatusAsync(new GetPinStatusRequest { Reader = DeviceServiceHost.CardReaderName, PinKind = PinKind.HpkiSigningPin }, deadline: Soon));

        Assert.Equal("HPKI", onHpki.Metadata[ContractErrors.CardTypeKey]);
        Assert.Equal("MY_NUMBER", onMyNumber.Metadata[ContractErrors.CardTypeKey]);
    }
}

internal static class HostClients
{
    public static Contracts.V1.Cards.CardsClient Cards(this DeviceServiceHost host) => new(host.Channel);
}
