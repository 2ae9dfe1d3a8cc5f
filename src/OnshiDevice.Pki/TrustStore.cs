using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.Pki;

/// <summary>The configured trust anchors and the CA certificates that may complete a path.</summary>
public sealed class TrustStore
{
    // SHAPE ONLY: the pki helper fills this in.
    public TrustStore(IEnumerable<DerCertificate> anchors, IEnumerable<DerCertificate> intermediates)
    {
        Anchors = anchors.ToArray();
        Intermediates = intermediates.ToArray();
    }

    public IReadOnlyList<DerCertificate> Anchors { get; }

    public IReadOnlyList<DerCertificate> Intermediates { get; }

    /// <summary>Loads every certificate file of the folders; a file that does not parse raises <see cref="TrustStoreException"/> naming it.</summary>
    public static TrustStore Load(string anchorsFolder, string? intermediatesFolder) => throw new NotImplementedException();
}
