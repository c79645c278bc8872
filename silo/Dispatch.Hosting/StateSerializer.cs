using System.Buffers;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Dispatch.Hosting;

/// <summary>
/// How grain state is written to the store: Orleans' own binary serializer (the grain state types
/// are all <c>[GenerateSerializer]</c> with field ids, so a field added later reads back from an
/// older row), behind a 4-byte mark. A row without the mark was written as JSON by an earlier
/// version (Orleans' default, Newtonsoft.Json) and is read as JSON, so stored runs stay readable.
/// </summary>
/// <remarks>
/// The default JSON serializer builds its contracts by reflection on first use of each state type:
/// about 0.15 s of CPU in every command that runs a simulation, for nothing the user sees
/// (docs/performance.md, "Start-up"). The binary serializer's code is generated at build time
/// and is already in use for every grain call.
/// </remarks>
public sealed class StateSerializer(Serializer binary, IServiceProvider services) : IGrainStorageSerializer
{
    /// <summary>The mark before a binary payload: a byte no JSON text starts with, then "DB" and the format version 1.</summary>
    public static ReadOnlySpan<byte> Mark => [0x00, (byte)'D', (byte)'B', 0x01];

    private IGrainStorageSerializer? _legacyJson;

    /// <inheritdoc/>
    public BinaryData Serialize<T>(T? input)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Mark);
        binary.Serialize(input, buffer);
        return new BinaryData(buffer.WrittenMemory);
    }

    /// <inheritdoc/>
    public T? Deserialize<T>(BinaryData input)
    {
        var bytes = input.ToMemory();
        if (bytes.Span.StartsWith(Mark))
        {
            return binary.Deserialize<T>(bytes[Mark.Length..]);
        }
        // Written by a version that stored JSON: made only when such a row is read.
        _legacyJson ??= ActivatorUtilities.CreateInstance<JsonGrainStorageSerializer>(services);
        return _legacyJson.Deserialize<T>(input);
    }

    /// <summary>Makes the <paramref name="storageName"/> ADO.NET grain storage write and read with a <see cref="StateSerializer"/>.</summary>
    public static void Use(IServiceCollection services, string storageName) =>
        services.AddOptions<AdoNetGrainStorageOptions>(storageName)
            .Configure<IServiceProvider>((options, provider) =>
                options.GrainStorageSerializer = new StateSerializer(provider.GetRequiredService<Serializer>(), provider));
}
