namespace Dispatch.Model.Reporting;

/// <summary>One zone kind's incidents and mean response on each side of a comparison.</summary>
/// <param name="Kind">The zone kind.</param>
/// <param name="IncidentsA">Mean incidents of A.</param>
/// <param name="IncidentsB">Mean incidents of B.</param>
/// <param name="ShareA">Share of A's incidents (0..1).</param>
/// <param name="ShareB">Share of B's incidents (0..1).</param>
/// <param name="ResponseA">Mean response of A's attended incidents of the kind (minutes), or null.</param>
/// <param name="ResponseB">Mean response of B's, or null.</param>
public sealed record KindMix(string Kind, double IncidentsA, double IncidentsB, double ShareA, double ShareB, double? ResponseA, double? ResponseB);

/// <summary>
/// A changed mix of incidents between the two sides of a comparison (docs/metrics.md "Mix change"):
/// when B prevents or adds incidents of some zone kinds more than others, overall response figures
/// move although no kind's response does. Reported with the per-kind figures and B's mean response
/// re-weighted to A's mix of kinds, which removes the mix effect.
/// </summary>
/// <param name="Kinds">Every zone kind with incidents, largest share change first.</param>
/// <param name="ResponseAAtMixOfA">A's per-kind mean responses weighted by A's shares of incidents (kinds with a response on both sides).</param>
/// <param name="ResponseBAtMixOfA">B's per-kind mean responses weighted by the same shares: B - A here is free of the mix effect.</param>
public sealed record MixChange(IReadOnlyList<KindMix> Kinds, double? ResponseAAtMixOfA, double? ResponseBAtMixOfA)
{
    /// <summary>The smallest change, in share points (0..1) of a kind or relative change of the total, that counts as a changed mix.</summary>
    public const double Threshold = 0.005;

    /// <summary>The mix change between the mean reports of A and B, or null when the mix is the same within <see cref="Threshold"/>.</summary>
    public static MixChange? Of(Report a, Report b)
    {
        var totalA = a.ByKind.Sum(k => k.Incidents);
        var totalB = b.ByKind.Sum(k => k.Incidents);
        if (totalA <= 0 || totalB <= 0)
        {
            return null;
        }
        var kinds = a.ByKind.Select(k => k.Kind).Union(b.ByKind.Select(k => k.Kind)).Select(kind =>
        {
            var ka = a.ByKind.FirstOrDefault(k => k.Kind == kind);
            var kb = b.ByKind.FirstOrDefault(k => k.Kind == kind);
            return new KindMix(kind, ka?.Incidents ?? 0, kb?.Incidents ?? 0, ReportBuilder.Round((ka?.Incidents ?? 0) / totalA),
                ReportBuilder.Round((kb?.Incidents ?? 0) / totalB), ka?.ResponseMinutesMean, kb?.ResponseMinutesMean);
        }).Where(k => k.IncidentsA > 0 || k.IncidentsB > 0)
            .OrderByDescending(k => Math.Abs(k.ShareB - k.ShareA)).ThenBy(k => k.Kind, StringComparer.Ordinal).ToList();
        var changed = Math.Abs(totalB - totalA) / totalA >= Threshold || kinds.Any(k => Math.Abs(k.ShareB - k.ShareA) >= Threshold);
        if (!changed)
        {
            return null;
        }
        var weighted = kinds.Where(k => k.ResponseA is not null && k.ResponseB is not null && k.ShareA > 0).ToList();
        var weight = weighted.Sum(k => k.ShareA);
        double? At(Func<KindMix, double> response) => weight > 0 ? ReportBuilder.Round(weighted.Sum(k => k.ShareA * response(k)) / weight) : null;
        return new MixChange(kinds, At(k => k.ResponseA!.Value), At(k => k.ResponseB!.Value));
    }
}
