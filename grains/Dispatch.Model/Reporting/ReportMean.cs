using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Dispatch.Model.Reporting;

/// <summary>
/// The mean of several replications' reports, field by field and element by element, on the
/// report objects themselves: every number is the rounded mean of the replications that have it
/// (a null, omitted from report.json, is skipped; a field null in all of them stays null); a text
/// is the first replication's; a list is averaged element by element up to the length of the
/// first one. This is exactly the mean of the report.json texts as JSON trees, which is how it was
/// first written (the tests keep that version as the reference), without writing and reading
/// every report as JSON: for a city of 2,500 zones that took about 0.1 s per run of replications.
/// </summary>
/// <remarks>
/// Generic over the report's types (every public property with a getter and an init accessor is
/// walked), so a field added to the report is averaged without a change here.
/// </remarks>
internal static class ReportMean
{
    /// <summary>The mean report of <paramref name="reports"/> (at least one, none null).</summary>
    public static Report Of(IReadOnlyList<Report> reports) => (Report)MeanOf(typeof(Report), reports.Cast<object?>().ToList())!;

    /// <summary>The value at a dotted path of camel-case names such as <c>responseMinutes.p90</c>, if it is a number that is not null.</summary>
    public static double? NumberAt(object report, string path)
    {
        object? value = report;
        foreach (var part in path.Split('.'))
        {
            if (value is null || Properties(value.GetType()).FirstOrDefault(p => p.JsonName == part) is not { } property)
            {
                return null;
            }
            value = property.Get(value);
        }
        return value switch
        {
            double d => d,
            int i => i,
            long l => l,
            _ => null,
        };
    }

    /// <summary>A property with its name in report.json and compiled accessors (reflection's own are slow for a 2,500-zone report).</summary>
    private sealed class Walked(PropertyInfo info)
    {
        public Type Type { get; } = info.PropertyType;

        public string JsonName { get; } = JsonNamingPolicy.CamelCase.ConvertName(info.Name);

        public Func<object, object?> Get { get; } = Getter(info);

        public Action<object, object?> Set { get; } = Setter(info);

        private static Func<object, object?> Getter(PropertyInfo info)
        {
            var target = Expression.Parameter(typeof(object));
            var read = Expression.Property(Expression.Convert(target, info.DeclaringType!), info);
            return Expression.Lambda<Func<object, object?>>(Expression.Convert(read, typeof(object)), target).Compile();
        }

        private static Action<object, object?> Setter(PropertyInfo info)
        {
            var target = Expression.Parameter(typeof(object));
            var value = Expression.Parameter(typeof(object));
            var call = Expression.Call(Expression.Convert(target, info.DeclaringType!), info.SetMethod!, Expression.Convert(value, info.PropertyType));
            return Expression.Lambda<Action<object, object?>>(call, target, value).Compile();
        }
    }

    private static readonly ConcurrentDictionary<Type, Walked[]> Walks = new();

    /// <summary>The properties report.json has for a type, in its order, with their names there.</summary>
    private static Walked[] Properties(Type type) => Walks.GetOrAdd(type, t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .Select(p => new Walked(p))
        .ToArray());

    /// <summary>The mean of values of a declared type; null items (missing or null in a replication) are skipped.</summary>
    private static object? MeanOf(Type type, List<object?> values)
    {
        var present = values.Where(v => v is not null).ToList();
        if (present.Count == 0)
        {
            return null;
        }
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(double) || underlying == typeof(int) || underlying == typeof(long))
        {
            var numbers = new double[present.Count];
            for (var k = 0; k < numbers.Length; k++)
            {
                numbers[k] = Convert.ToDouble(present[k]);
            }
            // Average over the array, as over the list of the JSON version: the same summation.
            var mean = ReportBuilder.Round(numbers.Average());
            return underlying == typeof(double) ? mean : Whole(mean, underlying);
        }
        if (underlying == typeof(string) || underlying.IsPrimitive || underlying.IsEnum)
        {
            return present[0];
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = underlying.GetGenericArguments()[0];
            var first = (IList)present[0]!;
            var result = (IList)Activator.CreateInstance(underlying, first.Count)!;
            for (var i = 0; i < first.Count; i++)
            {
                result.Add(MeanOf(element, present.Select(v => v is IList list && i < list.Count ? list[i] : null).ToList()));
            }
            return result;
        }
        if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var valueType = underlying.GetGenericArguments()[1];
            var dictionaries = present.Cast<IDictionary>().ToList();
            var result = (IDictionary)Activator.CreateInstance(underlying)!;
            foreach (var key in dictionaries.SelectMany(d => d.Keys.Cast<object>()).Distinct())
            {
                // A key of any replication stays, with null if no replication has a number for it.
                result[key] = MeanOf(valueType, dictionaries.Select(d => d.Contains(key) ? d[key] : null).ToList());
            }
            return result;
        }
        var record = Activator.CreateInstance(underlying)!;
        foreach (var property in Properties(underlying))
        {
            var column = new List<object?>(present.Count);
            foreach (var value in present)
            {
                column.Add(property.Get(value!));
            }
            property.Set(record, MeanOf(property.Type, column));
        }
        return record;
    }

    /// <summary>A mean of whole numbers back in their type (as report.json would read it); it is whole when the replications agree.</summary>
    private static object Whole(double mean, Type type) =>
        mean == Math.Floor(mean)
            ? (type == typeof(int) ? (object)(int)mean : (long)mean)
            : throw new InvalidDataException($"the replications' reports disagree on a whole-number field (mean {mean}); they are not of one scenario");
}
