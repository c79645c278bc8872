using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>modes</c> section: speed, detour factor, visibility and crew (officers) per unit mode.</summary>
internal sealed class ModesSection(ProblemSink sink) : SectionBuilder(sink)
{
    public Dictionary<UnitMode, ModeSpec> Build(Dictionary<string, ModeDocument>? documents)
    {
        var modes = new Dictionary<UnitMode, ModeSpec>(ScenarioBuilder.DefaultModes);
        foreach (var (name, m) in documents ?? [])
        {
            if (!TryParseMode(name, out var mode))
            {
                Error($"modes.{name}", $"unknown mode '{name}'; expected {ModeList}{NameSuggestions.DidYouMean(name, ModeNames)}");
                continue;
            }
            if (m is null)
            {
                continue;
            }
            var speed = m.SpeedKmh ?? modes[mode].SpeedKmh;
            var detour = m.DetourFactor ?? modes[mode].DetourFactor;
            var visibility = m.Visibility ?? modes[mode].Visibility;
            var officers = m.Officers ?? modes[mode].Officers;
            Require(officers is >= 1 and <= 20, $"modes.{name}.officers", $"is {officers}; expected a whole number of officers per unit from 1 to 20");
            Require(visibility is >= 0 and <= 1, $"modes.{name}.visibility", $"is {Num(visibility)}; expected a weight between 0 and 1");
            Require(speed > 0, $"modes.{name}.speedKmh", $"is {Num(speed)}; expected a speed in km/h greater than 0");
            Require(detour >= 1, $"modes.{name}.detourFactor", $"is {Num(detour)}; expected at least 1 (road distance is never shorter than the straight line)");
            modes[mode] = new ModeSpec(speed, detour, visibility) { Officers = officers };
        }
        return modes;
    }
}
