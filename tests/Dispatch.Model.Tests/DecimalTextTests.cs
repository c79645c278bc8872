using System.Globalization;
using System.Text;
using Dispatch.Model.Reporting;

namespace Dispatch.Model.Tests;

/// <summary>The CSV number writer gives exactly what the .NET custom format gives, fast path or not.</summary>
public sealed class DecimalTextTests
{
    private static readonly string[] Formats = ["0", "0.#", "0.##", "0.###", "0.####"];

    private static void Same(double value, int decimals)
    {
        var fast = new StringBuilder().AppendRounded(value, decimals).ToString();
        var expected = double.IsNaN(value) ? "" : value.ToString(Formats[decimals], CultureInfo.InvariantCulture);
        Assert.True(expected == fast, $"{value:R} with {decimals} decimals: expected '{expected}', got '{fast}'");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.00004)]
    [InlineData(0.00005)]
    [InlineData(0.00015)]
    [InlineData(1.00005)]
    [InlineData(2.675)]
    [InlineData(12.3456)]
    [InlineData(1234.56785)]
    [InlineData(10079.99995)]
    [InlineData(9999999.99995)]
    [InlineData(10000000.12345)]
    [InlineData(-3.14159)]
    [InlineData(-0.00001)]
    [InlineData(1e15)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Edge_values_match_the_custom_format(double value)
    {
        for (var d = 0; d <= 4; d++)
        {
            Same(value, d);
        }
    }

    [Fact]
    public void Negative_zero_matches_the_custom_format()
    {
        for (var d = 0; d <= 4; d++)
        {
            Same(-0.0, d);
            Same(-1e-9, d);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_million_values_of_every_scale_match_the_custom_format()
    {
        var random = new Random(20261128);
        for (var k = 0; k < 1_000_000; k++)
        {
            var magnitude = Math.Pow(10, random.Next(-6, 9));
            var value = random.NextDouble() * magnitude;
            Same(value, 4);
            Same(value, 2);
            if (k % 10 == 0)
            {
                Same(-value, 4);
            }
        }
    }

    [Fact]
    public void Values_at_and_next_to_every_half_way_point_match_the_custom_format()
    {
        var random = new Random(7);
        for (var k = 0; k < 200_000; k++)
        {
            // n + 0.5 in units of the last decimal kept, as a double, and its neighbours.
            var d = random.Next(0, 5);
            var scale = Math.Pow(10, d);
            var half = (random.Next(0, 100_000_000) + 0.5) / scale;
            Same(half, d);
            Same(Math.BitIncrement(half), d);
            Same(Math.BitDecrement(half), d);
        }
    }
}
