using System.Globalization;
using System.Text;
using Dispatch.Model.Reporting;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>incidents.csv rows, written a row at a time through a buffer on the stack, are the fields joined by commas.</summary>
public sealed class CsvWritersTests
{
    private static readonly string[] Formats = ["0", "0.#", "0.##", "0.###", "0.####"];

    private static string Number(double value, int decimals) =>
        double.IsNaN(value) ? "" : value.ToString(Formats[decimals], CultureInfo.InvariantCulture);

    private static string Quoted(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : $"\"{text.Replace("\"", "\"\"")}\"";

    private static string Flag(bool value) => value ? "1" : "0";

    /// <summary>The row as the plain formatter writes it: every field on its own, joined by commas.</summary>
    private static string Expected(Simulator sim, IncidentRecord i)
    {
        var s = sim.Scenario;
        var outcome = i.Outcome.ToString();
        return string.Join(',',
            sim.Replication.ToString(CultureInfo.InvariantCulture), i.Id.ToString(CultureInfo.InvariantCulture),
            Quoted(s.Zones[i.Zone].Id), Quoted(s.IncidentTypes[i.Type].Id), i.Priority.ToString(CultureInfo.InvariantCulture),
            Number(i.CreatedAt, 4), Number(i.DispatchedAt, 4), Number(i.ArrivedAt, 4), Number(i.ClearedAt, 4),
            i.Unit >= 0 ? Quoted(s.Units[i.Unit].Id) : "", char.ToLowerInvariant(outcome[0]) + outcome[1..],
            Number(i.Location.X, 2), Number(i.Location.Y, 2), Number(i.ResponseMinutes, 4),
            i.InitialPriority.ToString(CultureInfo.InvariantCulture), Flag(i.DiscoveredOnView), Flag(i.Escalated),
            Flag(i.Transferred), Flag(i.MediationResolved)) + "\n";
    }

    [Theory]
    [InlineData("Z", "car")]
    [InlineData("zone, with \"quotes\"", "car")]
    // Ids longer than the row's buffer (256 characters): the buffer goes to the builder first, then the id.
    [InlineData("a zone id of three hundred characters", "a unit id of three hundred characters")]
    public void Incident_rows_are_the_fields_joined_by_commas(string zoneId, string unitId)
    {
        zoneId = zoneId.StartsWith("a zone id", StringComparison.Ordinal) ? string.Concat(Enumerable.Repeat("zone,", 60)) : zoneId;
        unitId = unitId.StartsWith("a unit id", StringComparison.Ordinal) ? string.Concat(Enumerable.Repeat("car\"", 75)) : unitId;
        var sim = Run(Build(Document(
            zones: [Zone(zoneId, 0, 0, 2000, 6)],
            units: [Unit(unitId, "car", post: [0, 0], count: 2)],
            types: [Type("T", 2, Exponential(40))],
            days: 2)), replication: 3);
        Assert.True(sim.Incidents.Count > 100, $"{sim.Incidents.Count} incidents");
        Assert.Contains(sim.Incidents, i => double.IsNaN(i.ClearedAt)); // empty fields too
        foreach (var incident in sim.Incidents)
        {
            var row = new StringBuilder("before|");
            CsvWriters.AppendIncident(row, sim, incident);
            Assert.Equal("before|" + Expected(sim, incident), row.ToString());
        }
    }

    /// <summary>
    /// The rows written out in parts during the run (through a buffer that goes out to the stream
    /// whenever it holds enough, and grows when a row outgrows its room, as rows with long ids do)
    /// are the rows written at the end, byte for byte (UTF-8 without a byte order mark).
    /// </summary>
    [Fact]
    public void Rows_written_in_parts_with_ids_longer_than_the_row_buffer_are_the_rows_written_at_the_end()
    {
        var sim = new Simulator(Build(Document(
            zones: [Zone(string.Concat(Enumerable.Repeat("zone,区", 60)), 0, 0, 2000, 6)],
            units: [Unit(string.Concat(Enumerable.Repeat("car\"", 75)), "car", post: [0, 0], count: 2)],
            types: [Type("T", 2, Exponential(40))],
            days: 2)), 1);
        using var file = new MemoryStream();
        using var writer = new IncidentRowsWriter(sim, file, flushChars: 1000);
        for (var t = 180.0; !sim.IsFinished; t += 180)
        {
            sim.RunUntil(t);
            writer.WriteFinished();
        }
        Assert.True(writer.Handed > 50, $"{writer.Handed} rows handed over during the run");
        var atEnd = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        CsvWriters.AppendIncidents(atEnd, sim);
        var written = writer.Finish();
        Assert.Equal(file.Length, written);
        Assert.Equal(new UTF8Encoding(false).GetBytes(atEnd.ToString()), file.ToArray());
    }

    /// <summary>
    /// Issue 19: the text a replication holds of its incidents.csv is bounded, whatever the length of
    /// the run: the writer holds at most its flush mark and one row; the rest is in the stream (the
    /// spool file) as the run goes on, and the whole is the file written at the end.
    /// </summary>
    [Fact]
    public void The_text_held_of_incidents_csv_is_bounded_by_the_flush_mark_not_the_run()
    {
        const int flushChars = 4096;
        var scenario = Build(Document(
            zones: [Zone("district", 0, 0, 2000, 3)],
            units: [Unit("car", "car", post: [0, 0], count: 3)],
            types: [Type("T", 2, Exponential(20))],
            days: 30));
        var sim = new Simulator(scenario, 3);
        using var file = new MemoryStream();
        using var writer = new IncidentRowsWriter(sim, file, flushChars);
        var (maxHeld, writtenMidRun) = (0, 0L);
        for (var t = 1440.0; !sim.IsFinished; t += 1440)
        {
            sim.RunUntil(t);
            writer.WriteFinished();
            maxHeld = Math.Max(maxHeld, writer.BufferedChars);
            writtenMidRun = file.Length;
        }
        var written = writer.Finish();
        Assert.Equal(file.Length, written);
        var atEnd = new StringBuilder(CsvWriters.IncidentsHeader).Append('\n');
        CsvWriters.AppendIncidents(atEnd, sim);
        var longestRow = atEnd.ToString().Split('\n').Max(line => line.Length + 1);
        Assert.True(atEnd.Length > 50 * flushChars, $"{atEnd.Length} characters in all");
        Assert.InRange(writer.PeakBufferedChars, 1, flushChars + longestRow);
        Assert.InRange(maxHeld, 0, flushChars);
        Assert.True(writtenMidRun > atEnd.Length - 2 * flushChars, $"{writtenMidRun} bytes out of {atEnd.Length} written before the end");
        Assert.Equal(Encoding.UTF8.GetBytes(atEnd.ToString()), file.ToArray());
    }

    [Theory]
    [InlineData(12.3456, 4, "12.3456")]
    [InlineData(1e20, 4, "100000000000000000000")]
    [InlineData(-2.5, 1, "-2.5")]
    [InlineData(double.NaN, 4, "")]
    public void A_number_is_written_into_a_destination_that_holds_it_and_refused_by_one_that_does_not(double value, int decimals, string text)
    {
        Span<char> room = stackalloc char[DecimalText.MaxFastLength];
        Assert.True(DecimalText.TryFormatRounded(value, decimals, room, out var written));
        Assert.Equal(text, room[..written].ToString());
        if (text.Length > 0)
        {
            Assert.False(DecimalText.TryFormatRounded(value, decimals, room[..(text.Length - 1)], out _));
        }
        Assert.Equal(text, DecimalText.Format(value, decimals));
    }

    [Fact]
    public void A_number_longer_than_the_fast_path_s_room_is_written_by_the_general_formatter()
    {
        Span<char> room = stackalloc char[DecimalText.MaxFastLength];
        Assert.False(DecimalText.TryFormatRounded(1e300, 2, room, out _));
        Assert.Equal(1e300.ToString("0.##", CultureInfo.InvariantCulture), new StringBuilder().AppendRounded(1e300, 2).ToString());
    }
}
