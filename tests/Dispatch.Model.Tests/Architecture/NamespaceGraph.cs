using System.Reflection;
using System.Reflection.Emit;

namespace Dispatch.Model.Tests.Architecture;

/// <summary>
/// Which namespaces of an assembly use which others, read from the compiled assembly: every type's
/// signatures (base type, interfaces, fields, properties, parameters, return types, generic
/// arguments) and every type, field and method its IL names, so a use inside a method body counts
/// as much as one in a signature. Nested and compiler-generated types (closures, iterators) count
/// for the namespace of the type they sit in.
/// </summary>
internal static class NamespaceGraph
{
    private const BindingFlags Everything =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly OpCode[] OneByte = new OpCode[256];
    private static readonly OpCode[] TwoByte = new OpCode[256];

    static NamespaceGraph()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 1)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xFF] = code;
            }
        }
    }

    /// <summary>For each namespace of <paramref name="assembly"/> under <paramref name="root"/>: the other such namespaces it uses, each with one type that shows it.</summary>
    public static Dictionary<string, Dictionary<string, string>> Of(Assembly assembly, string root)
    {
        var graph = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            var from = type.Namespace;
            if (from is null || !InRoot(from, root))
            {
                continue;
            }
            if (!graph.TryGetValue(from, out var edges))
            {
                graph[from] = edges = new Dictionary<string, string>(StringComparer.Ordinal);
            }
            foreach (var used in UsedTypes(type))
            {
                var to = used.Namespace;
                if (to is not null && to != from && InRoot(to, root) && used.Assembly == assembly)
                {
                    edges.TryAdd(to, $"{type.FullName} uses {used.FullName}");
                }
            }
        }
        return graph;
    }

    /// <summary>The groups of namespaces that use each other, directly or round a loop (strongly connected components of more than one).</summary>
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, Dictionary<string, string>> graph)
    {
        var nodes = graph.Keys.Concat(graph.Values.SelectMany(e => e.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
        List<string> Next(string n) => graph.TryGetValue(n, out var e) ? [.. e.Keys.Order(StringComparer.Ordinal)] : [];
        // Reachability is all this needs at this size: two namespaces are in one group when each reaches the other.
        var reach = nodes.ToDictionary(n => n, n =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<string>(Next(n));
            while (stack.Count > 0)
            {
                var m = stack.Pop();
                if (seen.Add(m))
                {
                    foreach (var k in Next(m))
                    {
                        stack.Push(k);
                    }
                }
            }
            return seen;
        }, StringComparer.Ordinal);
        var cycles = new List<List<string>>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var n in nodes)
        {
            if (placed.Contains(n) || !reach[n].Contains(n))
            {
                continue;
            }
            var group = nodes.Where(m => m == n || (reach[n].Contains(m) && reach[m].Contains(n))).ToList();
            placed.UnionWith(group);
            cycles.Add(group);
        }
        return cycles;
    }

    private static bool InRoot(string ns, string root) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var found = new List<Type>();
        Add(found, type.BaseType);
        foreach (var i in type.GetInterfaces())
        {
            Add(found, i);
        }
        foreach (var field in type.GetFields(Everything))
        {
            Add(found, field.FieldType);
        }
        foreach (var property in type.GetProperties(Everything))
        {
            Add(found, property.PropertyType);
        }
        var methods = type.GetMethods(Everything).Cast<MethodBase>().Concat(type.GetConstructors(Everything));
        foreach (var method in methods)
        {
            if (method is MethodInfo info)
            {
                Add(found, info.ReturnType);
            }
            foreach (var parameter in method.GetParameters())
            {
                Add(found, parameter.ParameterType);
            }
            foreach (var local in method.GetMethodBody()?.LocalVariables ?? [])
            {
                Add(found, local.LocalType);
            }
            FromIl(found, type, method);
        }
        return found;
    }

    /// <summary>The type and its element and generic argument types.</summary>
    private static void Add(List<Type> found, Type? type)
    {
        if (type is null || type.IsGenericParameter)
        {
            return;
        }
        if (type.HasElementType)
        {
            Add(found, type.GetElementType());
            return;
        }
        found.Add(type);
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                Add(found, argument);
            }
        }
    }

    /// <summary>Every type, field and method token in the method's IL, with the types they belong to.</summary>
    private static void FromIl(List<Type> found, Type type, MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return;
        }
        var typeArguments = type.IsGenericType ? type.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var i = 0;
        while (i < il.Length)
        {
            var code = il[i] == 0xFE ? TwoByte[il[++i]] : OneByte[il[i]];
            i++;
            switch (code.OperandType)
            {
                case OperandType.InlineType:
                case OperandType.InlineField:
                case OperandType.InlineMethod:
                case OperandType.InlineTok:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, i), typeArguments, methodArguments);
                    if (member is Type t)
                    {
                        Add(found, t);
                    }
                    else if (member is not null)
                    {
                        Add(found, member.DeclaringType);
                        Add(found, member switch { FieldInfo f => f.FieldType, MethodInfo m => m.ReturnType, _ => null });
                        if (member is MethodInfo { IsGenericMethod: true } generic)
                        {
                            foreach (var argument in generic.GetGenericArguments())
                            {
                                Add(found, argument);
                            }
                        }
                    }
                    i += 4;
                    break;
                case OperandType.InlineSwitch:
                    i += 4 + 4 * BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    i += 8;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    i += 1;
                    break;
                case OperandType.InlineVar:
                    i += 2;
                    break;
                default:
                    i += 4;
                    break;
            }
        }
    }
}
