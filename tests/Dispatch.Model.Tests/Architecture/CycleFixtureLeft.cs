namespace Dispatch.Model.Tests.Architecture.CycleFixture.Left;

/// <summary>Half of a deliberate namespace cycle (with <c>CycleFixture.Right</c>), used only inside a method body, for the cycle test to find.</summary>
internal static class LeftSide
{
    public static int Value => 1;

    public static int Twice() => Right.RightSide.Plus(Value, Value);
}
