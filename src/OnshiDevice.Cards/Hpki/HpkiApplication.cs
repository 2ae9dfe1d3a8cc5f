namespace OnshiDevice.Cards.Hpki;

/// <summary>The two PKI applications of an HPKI card; each holds its own key, PIN and end-entity certificate.</summary>
public enum HpkiApplication
{
    /// <summary>署名用: electronic prescriptions (nonRepudiation).</summary>
    Signing,

    /// <summary>認証用: authentication of the holder.</summary>
    Authentication,
}
