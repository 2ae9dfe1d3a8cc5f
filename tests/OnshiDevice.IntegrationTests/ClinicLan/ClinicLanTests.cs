namespace OnshiDevice.IntegrationTests.ClinicLan;

/// <summary>
/// The clinic LAN end to end with the real programs: a reception program in another language (Node's grpc-js) with
/// only proto/ and the issued files calls every RPC over the mutually authenticated listener, and is refused without
/// a certificate, with a revoked one and with one of another clinic's CA; every call is in the audit log.
/// </summary>
public sealed class ClinicLanTests(ClinicLanService clinic) : IClassFixture<ClinicLanService>
{
    private static readonly string[] EveryRpc =
    [
        "Readers/ListReaders", "Readers/WatchReaders", "Cards/IdentifyCard", "Cards/GetPinStatus", "Cards/VerifyPin",
        "Cards/ReadCertificate", "Cards/Sign", "Certificates/Verify",
    ];

    [Fact]
    public async Task The_node_client_calls_every_rpc_with_its_issued_pem_files_and_each_call_is_audited_under_its_name()
    {
        var result = await clinic.NodeAsync("all", ClinicLanService.Client);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"{EveryRpc.Length} RPCs of the contract, 0 failed", result.Output, StringComparison.Ordinal);
        foreach (var rpc in EveryRpc)
        {
            Assert.Contains($"ok {rpc}:", result.Output, StringComparison.Ordinal);
            Assert.Contains(clinic.Output, line => line.Contains($"/onshi.device.v1.{rpc} by ClinicClient {ClinicLanService.Client} on ", StringComparison.Ordinal));
        }

        Assert.Contains(
            clinic.Output,
            line => line.Contains($"/onshi.device.v1.Cards/VerifyPin by ClinicClient {ClinicLanService.Client} on OnshiDevice Simulated Reader 0: OK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_node_client_connects_with_the_pkcs12_file_and_its_password()
    {
        var result = await clinic.NodeAsync("all", ClinicLanService.Client, pkcs12: true);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Without_a_client_certificate_the_node_client_is_refused_at_the_handshake()
    {
        await ListenerAnswersAsync();

        var result = await clinic.NodeAsync("refused", name: null);

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task With_a_revoked_certificate_the_node_client_is_refused_and_the_refusal_is_audited()
    {
        await ListenerAnswersAsync();

        var result = await clinic.NodeAsync("refused", ClinicLanService.RevokedClient);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(clinic.Output, line => line.Contains("LAN client refused at the TLS handshake: serial", StringComparison.Ordinal) && line.Contains("revoked", StringComparison.Ordinal));
        Assert.DoesNotContain(clinic.Output, line => line.Contains($"by ClinicClient {ClinicLanService.RevokedClient}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_certificate_of_another_clinic_CA_is_refused()
    {
        await ListenerAnswersAsync();
        var other = Path.Combine(clinic.Root, "other-ca");
        foreach (var command in new[]
        {
            new[] { "ca", "init", "--ip", "127.0.0.1", "--passphrase-file", clinic.PassphraseFile },
            ["client", "issue", ClinicLanService.Client, "--passphrase-file", clinic.PassphraseFile, "--p12-password-file", clinic.Pkcs12PasswordFile, "--out", Path.Combine(other, "out")],
        })
        {
            var made = await ProgramRun.ToExitAsync(BuiltProgram.Service.Launch([.. command, "--ca-folder", other]));
            Assert.True(made.ExitCode == 0, made.ToString());
        }

        // Same name, same subject layout, another CA: the name alone lets nobody in.
        var environment = new Dictionary<string, string?>
        {
            ["ONSHI_LAN_ADDRESS"] = clinic.LanAddress,
            ["ONSHI_CA_CERT"] = Path.Combine(clinic.CaFolder, "ca.crt"),
            ["ONSHI_CLIENT_CERT"] = Path.Combine(other, "out", ClinicLanService.Client + ".crt"),
            ["ONSHI_CLIENT_KEY"] = Path.Combine(other, "out", ClinicLanService.Client + ".key"),
            ["NODE_NO_WARNINGS"] = "1",
        };
        var result = await ProgramRun.ToExitAsync(new ProgramLaunch("node", [Path.Combine(RepositoryFolder.Root, "tools", "grpc-node-client", "client.mjs"), "refused"]) { Environment = environment });

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains(clinic.Output, line => line.Contains("LAN client refused at the TLS handshake: not a certificate of the clinic CA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_client_revoked_while_the_service_runs_is_refused_at_its_next_connection_without_a_restart()
    {
        const string name = "revoked-later";
        await clinic.IssueAsync(name);
        var before = await clinic.CliAsync(name, "readers");
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Contains("OnshiDevice Simulated Reader 0", before.Output, StringComparison.Ordinal);

        await clinic.AdminAsync("client", "revoke", name);
        var after = await clinic.CliAsync(name, "readers");

        Assert.Equal(2, after.ExitCode);
        Assert.StartsWith("error: TLS: the service refused the client certificate (revoked, not in its register, or of another clinic's CA)", after.Error, StringComparison.Ordinal);
        Assert.EndsWith("[SERVICE_UNREACHABLE]\n", after.Error.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(clinic.Output, line => line.Contains($"{name} ", StringComparison.Ordinal) || line.Contains("revoked or not in the register", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_cli_refuses_a_service_whose_certificate_is_not_of_the_given_CA()
    {
        var otherCa = Path.Combine(clinic.Root, "foreign-ca.crt");
        using (var key = System.Security.Cryptography.ECDsa.Create())
        {
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Someone else's CA", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
            using var foreign = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllTextAsync(otherCa, foreign.ExportCertificatePem());
        }

        var result = await clinic.CliAsync(ClinicLanService.Client, "--ca-cert", otherCa, "readers");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("OnshiDevice Simulated Reader 0", result.Output, StringComparison.Ordinal);
        Assert.StartsWith("error: TLS: the service's certificate is not of the clinic CA given", result.Error, StringComparison.Ordinal);
    }

    // A refusal only means something while an accepted client gets an answer from the same listener.
    private async Task ListenerAnswersAsync()
    {
        var accepted = await clinic.CliAsync(ClinicLanService.Client, "readers");
        Assert.True(accepted.ExitCode == 0, accepted.ToString());
    }
}
