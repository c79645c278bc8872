using System.Reflection;
using Dispatch.Model.Simulation;
using static Dispatch.Model.Tests.TestScenarios;

namespace Dispatch.Model.Tests;

/// <summary>
/// <see cref="PresenceLedger.Copy"/> copies every running sum: each field of the ledger is either the
/// shared slots or a sums type, and every field of every sums type survives a copy, in a copy of
/// its own. A field added without its copy fails here.
/// </summary>
public class LedgerCopyTests
{
    private const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    private static bool IsTotals(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().Name == "ILedgerTotals`1");

    private static PresenceLedger Ledger() => new(Build(Document(
        zones: [Zone("H", 0, 0, 100, 2, kind: Scenarios.ZoneKinds.Nightlife), Zone("D", 0, 0, 5000, 1)],
        units: [Unit("car", "car")])), 1440);

    [Fact]
    public void Every_field_of_the_ledger_is_the_shared_slots_or_running_sums()
    {
        var fields = typeof(PresenceLedger).GetFields(Fields);
        Assert.Contains(fields, f => IsTotals(f.FieldType));
        Assert.All(fields, f => Assert.True(f.FieldType.Name == "LedgerSlots" || IsTotals(f.FieldType),
            $"PresenceLedger.{f.Name} ({f.FieldType.Name}) is neither the shared slots nor an ILedgerTotals: Copy would not copy it"));
    }

    [Fact]
    public void A_copy_has_every_sum_in_arrays_of_its_own()
    {
        var ledger = Ledger();
        var totals = typeof(PresenceLedger).GetFields(Fields).Where(f => IsTotals(f.FieldType)).ToList();
        var value = 1.0;
        foreach (var field in totals)
        {
            Fill(field.GetValue(ledger)!, ref value);
        }

        var copy = ledger.Copy();

        foreach (var field in typeof(PresenceLedger).GetFields(Fields).Where(f => !IsTotals(f.FieldType)))
        {
            Assert.Same(field.GetValue(ledger), field.GetValue(copy)); // the slots are shared
        }
        foreach (var field in totals)
        {
            var (original, copied) = (field.GetValue(ledger)!, field.GetValue(copy)!);
            Assert.NotSame(original, copied);
            foreach (var sum in original.GetType().GetFields(Fields))
            {
                var (a, b) = (sum.GetValue(original), sum.GetValue(copied));
                if (a is double[] array)
                {
                    Assert.NotSame(array, b);
                    Assert.Equal(array, (double[])b!);
                }
                else
                {
                    Assert.Equal(a, b);
                }
            }
        }
        // The public figures read the copies: adding to the copy leaves the original alone.
        var before = ledger.CoveredMinutes[0];
        copy.AddCoverage(0, 60, 120);
        Assert.Equal(before, ledger.CoveredMinutes[0]);
        Assert.Equal(before + 60, copy.CoveredMinutes[0]);
    }

    [Fact]
    public void Ledgers_of_one_scenario_share_the_slots_but_not_the_sums()
    {
        var scenario = Build(Document(zones: [Zone("H", 0, 0, 100, 2, kind: Scenarios.ZoneKinds.Nightlife)], units: [Unit("car", "car")]));
        var (a, b) = (PresenceLedger.For(scenario, 1440), PresenceLedger.For(scenario, 1440));
        a.AddCoverage(0, 0, 30);

        Assert.Equal(30.0, a.CoveredMinutes[0]);
        Assert.Equal(0.0, b.CoveredMinutes[0]);
        Assert.Same(a.WeightTotal, b.WeightTotal);
        Assert.NotSame(a.WeightTotal, PresenceLedger.For(scenario, 2880).WeightTotal);
    }

    /// <summary>Sets every field of a sums object to values not yet used (arrays element by element).</summary>
    private static void Fill(object totals, ref double value)
    {
        foreach (var field in totals.GetType().GetFields(Fields))
        {
            switch (field.GetValue(totals))
            {
                case double[] array:
                    for (var i = 0; i < array.Length; i++)
                    {
                        array[i] = value++;
                    }
                    break;
                case double:
                    field.SetValue(totals, value++);
                    break;
                default:
                    Assert.Fail($"{totals.GetType().Name}.{field.Name} is a {field.FieldType.Name}: running sums are doubles or double arrays");
                    break;
            }
        }
    }
}
