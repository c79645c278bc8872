using System.Globalization;
using System.Text;

namespace Dispatch.Model.Reporting;

/// <summary>
/// One CSV row, written field by field into a buffer (on the caller's stack) and appended to the
/// builder at once: one <see cref="StringBuilder.Append(ReadOnlySpan{char})"/> per row instead of
/// one or two per field (incidents.csv has 19 fields and tens of thousands of rows per run). A
/// field that does not fit in what is left of the buffer first sends the buffer to the builder; a
/// text longer than the whole buffer goes to the builder directly, so any row can be written. The
/// row goes to a <see cref="StringBuilder"/> or to a <see cref="PooledText"/>. Each field method
/// writes the comma before its field (none before the first); <see cref="End"/> ends the row.
/// </summary>
internal ref struct CsvRow
{
    /// <summary>A buffer this long holds a typical row whole (an incidents.csv row is about 130 characters).</summary>
    public const int BufferLength = 256;

    private readonly StringBuilder? _builder;
    private readonly PooledText? _pooled;
    private readonly Span<char> _buffer;
    private int _at;
    private bool _started;

    public CsvRow(StringBuilder csv, Span<char> buffer)
    {
        _builder = csv;
        _buffer = buffer;
    }

    public CsvRow(PooledText csv, Span<char> buffer)
    {
        _pooled = csv;
        _buffer = buffer;
    }

    public void Int(long value)
    {
        Separate();
        if (!value.TryFormat(_buffer[_at..], out var written, default, CultureInfo.InvariantCulture))
        {
            Flush();
            value.TryFormat(_buffer, out written, default, CultureInfo.InvariantCulture); // 20 characters at most
        }
        _at += written;
    }

    public void Text(string value)
    {
        Separate();
        Append(value);
    }

    /// <summary>A number as <see cref="DecimalText.AppendRounded"/> writes it (an empty field for NaN).</summary>
    public void Rounded(double value, int decimals)
    {
        Separate();
        if (DecimalText.TryFormatRounded(value, decimals, _buffer[_at..], out var written))
        {
            _at += written;
            return;
        }
        Flush();
        if (DecimalText.TryFormatRounded(value, decimals, _buffer, out written))
        {
            _at = written;
            return;
        }
        Append(DecimalText.Format(value, decimals));
    }

    /// <summary>Ends the row with a newline and appends what is left of it to the target.</summary>
    public void End()
    {
        Char('\n');
        Flush();
    }

    /// <summary>The comma before every field but the first.</summary>
    private void Separate()
    {
        if (_started)
        {
            Char(',');
        }
        _started = true;
    }

    private void Append(string value)
    {
        if (value.Length > _buffer.Length - _at)
        {
            Flush();
            if (value.Length > _buffer.Length)
            {
                Send(value);
                return;
            }
        }
        value.CopyTo(_buffer[_at..]);
        _at += value.Length;
    }

    private void Char(char value)
    {
        if (_at == _buffer.Length)
        {
            Flush();
        }
        _buffer[_at++] = value;
    }

    private void Flush()
    {
        Send(_buffer[.._at]);
        _at = 0;
    }

    private readonly void Send(ReadOnlySpan<char> text)
    {
        if (_builder is not null)
        {
            _builder.Append(text);
        }
        else
        {
            _pooled!.Append(text);
        }
    }
}
