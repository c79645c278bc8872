using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Dispatch.Hosting;

/// <summary>
/// Mutual TLS for a cluster: every silo and client presents a certificate signed by the cluster's
/// own certificate authority (the <see cref="TrustPath"/> file) and accepts only peers whose
/// certificate chains to it. Silo-to-silo and client-to-gateway connections are encrypted; a peer
/// without a certificate, or with one from another authority, is refused during the handshake.
/// Host names are not checked (silos are reached by IP address); the authority is the identity.
/// </summary>
/// <param name="CertificatePath">PEM certificate of this silo or client.</param>
/// <param name="KeyPath">PEM private key of that certificate.</param>
/// <param name="TrustPath">PEM certificate of the cluster's authority.</param>
public sealed record ClusterTls(string CertificatePath, string KeyPath, string TrustPath)
{
    /// <summary>Client environment variable: this client's PEM certificate.</summary>
    public const string CertificateVariable = "DISPATCH_TLS_CERT";

    /// <summary>Client environment variable: its PEM private key.</summary>
    public const string KeyVariable = "DISPATCH_TLS_KEY";

    /// <summary>Client environment variable: the cluster authority's PEM certificate.</summary>
    public const string TrustVariable = "DISPATCH_TLS_TRUST";

    /// <summary>
    /// The settings from three values (any of them null or empty means no TLS when all are; a
    /// partial set is an error naming what is missing, <paramref name="names"/> in the same order).
    /// </summary>
    public static ClusterTls? From(string? certificate, string? key, string? trust, params string[] names)
    {
        string?[] values = [certificate, key, trust];
        if (values.All(string.IsNullOrWhiteSpace))
        {
            return null;
        }
        var missing = names.Where((_, i) => string.IsNullOrWhiteSpace(values[i])).ToList();
        if (missing.Count > 0)
        {
            throw new TlsSettingsException($"TLS needs a certificate, its key and the cluster's authority: {string.Join(", ", missing)} not set");
        }
        return new ClusterTls(certificate!, key!, trust!);
    }

    /// <summary>The client's settings from <see cref="CertificateVariable"/>, <see cref="KeyVariable"/> and <see cref="TrustVariable"/>.</summary>
    public static ClusterTls? FromEnvironment() => From(
        Environment.GetEnvironmentVariable(CertificateVariable),
        Environment.GetEnvironmentVariable(KeyVariable),
        Environment.GetEnvironmentVariable(TrustVariable),
        CertificateVariable, KeyVariable, TrustVariable);

    /// <summary>Loads the files; a missing or unreadable one is a <see cref="TlsSettingsException"/> naming it.</summary>
    public (X509Certificate2 Certificate, X509Certificate2 Authority) Load()
    {
        var certificate = Read(CertificatePath, () => X509Certificate2.CreateFromPemFile(CertificatePath, KeyPath), "certificate and key");
        var authority = Read(TrustPath, () => X509Certificate2.CreateFromPem(File.ReadAllText(TrustPath)), "authority certificate");
        if (!Chains(certificate, authority))
        {
            throw new TlsSettingsException($"{CertificatePath}: the certificate is not signed by the authority in {TrustPath} (or has expired)");
        }
        return (certificate, authority);
    }

    private int _rejectedPeers;

    /// <summary>How many peer certificates this process refused (not signed by the authority): tells a refusal by us from one by them.</summary>
    public int RejectedPeers => Volatile.Read(ref _rejectedPeers);

    /// <summary>Applies these settings to a silo (server and client side of its connections).</summary>
    public ISiloBuilder ApplyTo(ISiloBuilder silo)
    {
        var (certificate, authority) = Load();
        return silo.UseTls(certificate, o => Configure(o, authority));
    }

    /// <summary>Applies these settings to a cluster client.</summary>
    public IClientBuilder ApplyTo(IClientBuilder client)
    {
        var (certificate, authority) = Load();
        return client.UseTls(certificate, o => Configure(o, authority));
    }

    /// <summary>True when <paramref name="certificate"/> chains to <paramref name="authority"/> and is valid now.</summary>
    public static bool Chains(X509Certificate2 certificate, X509Certificate2 authority)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private void Configure(TlsOptions options, X509Certificate2 authority)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.CheckCertificateRevocation = false;
        options.RemoteCertificateValidation = (certificate, _, errors) =>
        {
            var accepted = certificate is not null
                && (errors & ~(SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors)) == 0
                && Chains(certificate, authority);
            if (!accepted)
            {
                Interlocked.Increment(ref _rejectedPeers);
            }
            return accepted;
        };
    }

    private static X509Certificate2 Read(string path, Func<X509Certificate2> load, string what)
    {
        try
        {
            return load();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new TlsSettingsException($"{path}: cannot read the TLS {what}: {e.Message}");
        }
    }
}

/// <summary>TLS settings that are incomplete or files that cannot be used; the message names the file.</summary>
public sealed class TlsSettingsException(string message) : Exception(message);
