using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

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

    /// <summary>A property with compiled accessors (reflection's own are slow for a 2,500-zone report).</summary>
    private sealed class Walked
    {
        public Walked(PropertyInfo info)
        {
            Type = info.PropertyType;
            Get = Getter(info);
            Set = Setter(info);
            var underlying = Nullable.GetUnderlyingType(Type) ?? Type;
            IsTaken = IsTakenType(underlying);
            if (IsNumber(underlying))
            {
                NumberType = underlying;
                GetNumber = NumberGetter(info);
                SetNumber = NumberSetter(info);
            }
        }

        public Type Type { get; }

        public Func<object, object?> Get { get; }

        public Action<object, object?> Set { get; }

        /// <summary>A text, other primitive or enum: the mean takes the first replication's value.</summary>
        public bool IsTaken { get; }

        /// <summary>double, int or long for a number (nullable or not), else null.</summary>
        public Type? NumberType { get; }

        /// <summary>A number as a double without boxing (null for a null), for a number property.</summary>
        public Func<object, double?>? GetNumber { get; }

        /// <summary>Sets a number property from a double (whole for int and long; null only for a nullable property).</summary>
        public Action<object, double?>? SetNumber { get; }

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

        private static Func<object, double?> NumberGetter(PropertyInfo info)
        {
            var target = Expression.Parameter(typeof(object));
            var read = Expression.Property(Expression.Convert(target, info.DeclaringType!), info);
            return Expression.Lambda<Func<object, double?>>(Expression.Convert(read, typeof(double?)), target).Compile();
        }

        private static Action<object, double?> NumberSetter(PropertyInfo info)
        {
            var target = Expression.Parameter(typeof(object));
            var value = Expression.Parameter(typeof(double?));
            Expression converted = Nullable.GetUnderlyingType(info.PropertyType) is not null
                ? Expression.Convert(value, info.PropertyType)
                : Expression.Convert(Expression.Property(value, nameof(Nullable<double>.Value)), info.PropertyType);
            var call = Expression.Call(Expression.Convert(target, info.DeclaringType!), info.SetMethod!, converted);
            return Expression.Lambda<Action<object, double?>>(call, target, value).Compile();
        }
    }

    private static bool IsNumber(Type type) => type == typeof(double) || type == typeof(int) || type == typeof(long);

    private static bool IsTakenType(Type type) => !IsNumber(type) && (type == typeof(string) || type.IsPrimitive || type.IsEnum);

    private static readonly ConcurrentDictionary<Type, Func<object>> Constructors = new();

    /// <summary>A new record of a type, through a compiled constructor call.</summary>
    private static object New(Type type) => Constructors.GetOrAdd(type, t =>
        Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(t), typeof(object))).Compile())();

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
        var present = values.Contains(null) ? values.Where(v => v is not null).ToList() : values;
        if (present.Count == 0)
        {
            return null;
        }
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (IsNumber(underlying))
        {
            var sum = 0.0;
            foreach (var value in present)
            {
                sum += Convert.ToDouble(value);
            }
            var mean = RoundedMean(sum, present.Count, underlying);
            return underlying == typeof(double) ? mean : Whole(mean, underlying);
        }
        if (IsTakenType(underlying))
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
                var column = new List<object?>(present.Count);
                foreach (var value in present)
                {
                    column.Add(value is IList list && i < list.Count ? list[i] : null);
                }
                result.Add(MeanOf(element, column));
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
        var record = New(underlying);
        foreach (var property in Properties(underlying))
        {
            if (property.NumberType is { } numberType)
            {
                SetMeanNumber(record, property, numberType, present);
                continue;
            }
            if (property.IsTaken)
            {
                // The first replication's value that is not null, as MeanOf takes it.
                object? taken = null;
                for (var k = 0; k < present.Count && taken is null; k++)
                {
                    taken = property.Get(present[k]!);
                }
                property.Set(record, taken);
                continue;
            }
            var column = new List<object?>(present.Count);
            foreach (var value in present)
            {
                column.Add(property.Get(value!));
            }
            property.Set(record, MeanOf(property.Type, column));
        }
        return record;
    }

    /// <summary>
    /// A number property of a record: the mean of the records that have it, as <see cref="MeanOf"/>
    /// takes it (the same sum in the same order, divided by the count), read and set without boxing.
    /// </summary>
    private static void SetMeanNumber(object record, Walked property, Type numberType, List<object?> records)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var value in records)
        {
            if (property.GetNumber!(value!) is { } number)
            {
                sum += number;
                count++;
            }
        }
        property.SetNumber!(record, count == 0 ? null : RoundedMean(sum, count, numberType));
    }

    /// <summary>
    /// The rounded mean of numbers summed in the replications' order, as the JSON version's
    /// average over a list (the same sum, divided by the count); whole for an int or long field.
    /// </summary>
    private static double RoundedMean(double sum, int count, Type numberType)
    {
        var mean = ReportBuilder.Round(sum / count);
        if (numberType != typeof(double))
        {
            _ = Whole(mean, numberType); // the replications must agree on a whole number
        }
        return mean;
    }

    /// <summary>A mean of whole numbers back in their type (as report.json would read it); it is whole when the replications agree.</summary>
    private static object Whole(double mean, Type type) =>
        mean == Math.Floor(mean)
            ? (type == typeof(int) ? (object)(int)mean : (long)mean)
            : throw new InvalidDataException($"the replications' reports disagree on a whole-number field (mean {mean}); they are not of one scenario");
}
