using System.Globalization;
using System.Text;
using Dispatch.Model.Simulation;

namespace Dispatch.Model.Fitting;

/// <summary>
/// Writes the incidents of a run as a history file (the format <see cref="HistoryCsv"/> reads): local
/// time, x, y, type, priority and on-scene minutes; how the shipped synthetic history is made from a
/// known scenario (docs/demand.md, "Round trip").
/// </summary>
public static class HistoryWriter
{
    /// <summary>The header line.</summary>
    public const string Header = "time,x,y,zone,type,priority,duration";

    /// <summary>The history of a finished run, one line per incident in creation order.</summary>
    public static string Write(Simulator sim)
    {
        var s = new StringBuilder(Header).Append('\n');
        var start = sim.Scenario.Start;
        foreach (var i in sim.Incidents)
        {
            var time = start.AddTicks((long)Math.Floor(i.CreatedAt * TimeSpan.TicksPerMinute / TimeSpan.TicksPerSecond) * TimeSpan.TicksPerSecond);
            var type = sim.Scenario.IncidentTypes[i.Type];
            s.Append(CultureInfo.InvariantCulture, $"{time:yyyy-MM-dd HH:mm:ss},{i.Location.X:0.0},{i.Location.Y:0.0},{sim.Scenario.Zones[i.Zone].Id},{type.Id},{i.InitialPriority},{i.OnSceneDuration:0.00}\n");
        }
        return s.ToString();
    }
}
