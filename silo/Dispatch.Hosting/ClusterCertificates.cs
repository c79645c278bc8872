using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dispatch.Hosting;

/// <summary>
/// Makes the files of a test cluster's TLS: a self-signed authority (<c>ca.pem</c>, <c>ca.key.pem</c>)
/// and, signed by it, a silo pair (<c>silo.pem</c>, <c>silo.key.pem</c>) and a client pair
/// (<c>client.pem</c>, <c>client.key.pem</c>). ECDSA P-256; key files readable by the owner only.
/// </summary>
public static class ClusterCertificates
{
    /// <summary>The file names written, in order.</summary>
    public static readonly string[] FileNames = ["ca.pem", "ca.key.pem", "silo.pem", "silo.key.pem", "client.pem", "client.key.pem"];

    /// <summary>Writes the six files into <paramref name="directory"/> (refusing to replace any), valid for <paramref name="days"/> days from <paramref name="now"/>.</summary>
    public static IReadOnlyList<string> Create(string directory, int days, DateTimeOffset now)
    {
        Directory.CreateDirectory(directory);
        var paths = FileNames.Select(n => Path.Combine(directory, n)).ToList();
        if (paths.FirstOrDefault(File.Exists) is { } existing)
        {
            throw new TlsSettingsException($"{existing} exists: choose an empty folder (certificates are never replaced)");
        }
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Dispatch cluster authority", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var authority = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(days));
        Write(paths[0], authority.ExportCertificatePem(), secret: false);
        Write(paths[1], caKey.ExportPkcs8PrivateKeyPem(), secret: true);
        var serial = 1;
        foreach (var (name, at) in new[] { ("silo", 2), ("client", 4) })
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest($"CN=Dispatch {name}", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false)); // server and client authentication
            var sans = new SubjectAlternativeNameBuilder();
            sans.AddDnsName("localhost");
            sans.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(sans.Build());
            using var issued = request.Create(authority, now.AddMinutes(-5), now.AddDays(days), [(byte)++serial, (byte)at]);
            Write(paths[at], issued.ExportCertificatePem(), secret: false);
            Write(paths[at + 1], key.ExportPkcs8PrivateKeyPem(), secret: true);
        }
        return paths;
    }

    private static void Write(string path, string text, bool secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }
}
