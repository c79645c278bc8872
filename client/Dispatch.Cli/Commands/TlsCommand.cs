using System.CommandLine;
using Dispatch.Hosting;
using Spectre.Console;

namespace Dispatch.Cli.Commands;

/// <summary>
/// <c>tls init DIR [--days N]</c>: makes a test cluster's certificates: a self-signed authority and,
/// signed by it, a silo and a client certificate with their keys (PEM). See docs/cluster.md, Security.
/// </summary>
public static class TlsCommand
{
    private const string Usage = "dispatch tls init DIR [--days N]";

    public static Command Create(IAnsiConsole console, TextWriter error)
    {
        var directory = new Argument<string>("dir") { Description = "Folder to write the six PEM files into (created; existing files are never replaced)." };
        var days = new Option<int>("--days") { Description = "Validity in days (default 365).", DefaultValueFactory = _ => 365 };
        var init = new Command("init", "Make a self-signed authority and a silo and a client certificate for a TLS cluster.") { directory, days };
        init.SetAction(parse =>
        {
            var validity = parse.GetValue(days);
            if (validity is < 1 or > 3650)
            {
                return CommonOptions.Usage(error, $"--days {validity}: give 1 to 3650", Usage);
            }
            var dir = parse.GetValue(directory)!;
            try
            {
                var paths = ClusterCertificates.Create(dir, validity, DateTimeOffset.UtcNow);
                console.MarkupLine(Markup.Escape($"Wrote {string.Join(", ", paths)} (valid {validity} days)."));
                console.MarkupLine(Markup.Escape($"Silo: --Tls:Certificate {paths[2]} --Tls:Key {paths[3]} --Tls:Trust {paths[0]}"));
                console.MarkupLine(Markup.Escape($"Client: {ClusterTls.CertificateVariable}={paths[4]} {ClusterTls.KeyVariable}={paths[5]} {ClusterTls.TrustVariable}={paths[0]}"));
                console.MarkupLine(Markup.Escape($"Keep {paths[1]} (the authority's key) off the cluster's machines."));
                return ExitCodes.Success;
            }
            catch (Exception e) when (e is TlsSettingsException or IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"error: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        });
        return new Command("tls", "Certificates for a TLS cluster.") { init };
    }
}
