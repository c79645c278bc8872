namespace Dispatch.Model.Tests.Architecture.CycleFixture.Right;

/// <summary>The other half of the deliberate namespace cycle: uses <c>CycleFixture.Left</c> only inside a method body.</summary>
internal static class RightSide
{
    public static int Plus(int a, int b) => a + b;

    public static int Three() => Left.LeftSide.Value + 2;
}
