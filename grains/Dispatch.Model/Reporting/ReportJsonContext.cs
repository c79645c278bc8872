using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Dispatch.Model.Reporting;

/// <summary>
/// Source-generated writer for <see cref="Report"/> with the options of <see cref="ReportJson.Options"/>
/// (camel case, nulls omitted, indented): the generated code writes the properties straight to a
/// Utf8JsonWriter, giving the same text as the reflection-based serializer without its look-ups.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    GenerationMode = JsonSourceGenerationMode.Serialization)]
[JsonSerializable(typeof(Report))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;

/// <summary>A growable byte buffer on pooled arrays (a report's 700 KB would otherwise be allocated twice over).</summary>
internal sealed class PooledByteBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer;
    private int count;

    public PooledByteBuffer(int initialSize) => buffer = ArrayPool<byte>.Shared.Rent(initialSize);

    public ReadOnlySpan<byte> WrittenSpan => buffer.AsSpan(0, count);

    public void Advance(int bytes) => count += bytes;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsMemory(count);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return buffer.AsSpan(count);
    }

    private void Ensure(int sizeHint)
    {
        var needed = count + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length)
        {
            return;
        }
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, count).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = larger;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        count = 0;
    }
}
