using Dispatch.Model.Scenarios;

namespace Dispatch.Model.Loading;

/// <summary>The <c>stations</c> section.</summary>
internal sealed class StationsSection(ProblemSink sink) : SectionBuilder(sink)
{
    public List<Station> Build(List<StationDocument>? documents, bool hasUnits)
    {
        var stations = new List<Station>();
        var ids = new Dictionary<string, string>();
        if ((documents is null || documents.Count == 0) && hasUnits)
        {
            Error("stations", "missing; every unit belongs to a station: add at least one { \"id\": \"...\", \"location\": [x, y] }");
        }
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var s = documents![i];
            var path = $"stations[{i}]";
            if (s is null)
            {
                Error(path, "expected a station object { \"id\": ..., \"location\": [x, y] }");
                continue;
            }
            var id = RequireId(s.Id, path, ids);
            var location = ParsePoint(s.Location, $"{path}.location") ?? default;
            stations.Add(new Station(stations.Count, id, s.Name ?? id, location));
        }
        return stations;
    }
}
