using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>A unit's <c>shift</c>: its length and staggered start times.</summary>
internal sealed class ShiftsSection(ProblemSink sink) : SectionBuilder(sink)
{
    public List<Shift> Build(ShiftDocument? shift, string path)
    {
        if (shift is null)
        {
            return [new Shift(0, 1440)];
        }
        var hours = shift.Hours ?? 0;
        Require(hours is > 0 and <= 24, $"{path}.hours",
            shift.Hours is null ? "missing; expected the shift length in hours, more than 0 and at most 24" : $"is {Num(hours)}; expected a shift length in hours, more than 0 and at most 24");
        var starts = shift.Starts ?? (shift.Start is null ? [] : [shift.Start]);
        if (starts.Count == 0)
        {
            Error(shift.Starts is null ? $"{path}.start" : $"{path}.starts", "missing; expected a time of day such as \"07:00\"");
            return [new Shift(0, 1440)];
        }
        var result = new List<Shift>();
        for (var k = 0; k < starts.Count; k++)
        {
            if (TryParseTime(starts[k], out var minutes))
            {
                result.Add(new Shift(minutes, (hours is > 0 and <= 24 ? hours : 24) * 60));
            }
            else
            {
                Error(shift.Starts is null ? $"{path}.start" : $"{path}.starts[{k}]",
                    $"'{starts[k]}' is not a time of day; expected HH:mm with a two-digit hour, 00:00 to 23:59, such as \"07:00\"");
            }
        }
        return result.Count > 0 ? result : [new Shift(0, 1440)];
    }
}
