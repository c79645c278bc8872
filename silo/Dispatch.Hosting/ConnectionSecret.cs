namespace Dispatch.Hosting;

/// <summary>
/// A connection string given as <c>@FILE</c> is read from that file (trimmed), so that its password
/// stays out of the command line (visible to every user in <c>ps</c>) and out of shell history.
/// </summary>
public static class ConnectionSecret
{
    /// <summary>Client environment variable naming a file that holds the cluster's connection string.</summary>
    public const string FileVariable = "DISPATCH_CLUSTER_FILE";

    /// <summary>The connection string itself: <paramref name="value"/>, or the text of the file <c>@FILE</c> names.</summary>
    public static string Read(string value)
    {
        if (!value.StartsWith('@'))
        {
            return value;
        }
        var path = value[1..];
        try
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length == 0)
            {
                throw new DatabaseUnavailableException($"{path}: the connection string file is empty");
            }
            return text;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new DatabaseUnavailableException($"{path}: cannot read the connection string file: {e.Message}");
        }
    }

    /// <summary>True when a connection string on a command line carries a password (a warning is due).</summary>
    public static bool HasPassword(string value) =>
        !value.StartsWith('@') && value.Split(';').Any(part => part.Trim().StartsWith("Password=", StringComparison.OrdinalIgnoreCase));
}
