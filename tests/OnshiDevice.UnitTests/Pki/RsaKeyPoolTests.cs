using System.Collections.Concurrent;
using System.Security.Cryptography;
using OnshiDevice.Pki.Certificates;

namespace OnshiDevice.UnitTests.Pki;

/// <summary>
/// .NET does not promise that one RSA instance may verify on several threads at once, so a certificate's key
/// pool hands each concurrent caller its own instance.
/// </summary>
public sealed class RsaKeyPoolTests
{
    [Fact]
    public void No_instance_is_ever_held_by_two_callers_at_once()
    {
        var pool = DerCertificate.Parse(TestPki.CaCertificate).RsaPublicKey;
        var holders = new ConcurrentDictionary<RSA, int>(ReferenceEqualityComparer.Instance);
        var shared = 0;

        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            pool.Verify(rsa =>
            {
                if (!holders.TryAdd(rsa, 0))
                {
                    Interlocked.Increment(ref shared);
                }

                Thread.SpinWait(200);
                holders.TryRemove(rsa, out var _);
                return true;
            });
        });

        Assert.Equal(0, shared);
        Assert.InRange(pool.IdleCount, 1, Math.Max(4, Environment.ProcessorCount * 2));
    }

    [Fact]
    public void Concurrent_verifications_of_one_certificate_all_give_the_right_answer()
    {
        var ca = DerCertificate.Parse(TestPki.CaCertificate);
        var root = DerCertificate.Parse(TestPki.RootCertificate);
        var forged = DerCertificate.Parse(TestPki.Ca(spec => spec.IssuerKey = TestPki.OtherKey));
        var wrong = 0;

        Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, index =>
        {
            var expected = index % 2 == 0;
            if (Signatures.Verify(expected ? ca : forged, root) != expected)
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Fact]
    public void A_key_that_cannot_be_imported_verifies_nothing()
    {
        var pool = new RsaKeyPool(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 });
        var called = false;

        Assert.False(pool.Verify(_ => called = true));
        Assert.False(called);
    }
}
