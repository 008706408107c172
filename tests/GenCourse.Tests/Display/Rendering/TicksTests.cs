using GenCourse.Display.Rendering;

namespace GenCourse.Tests.Display.Rendering;

public class TicksTests
{
    [Theory]
    [InlineData(1.0, 5, 0.2)]     // raw 0.2 is already nice
    [InlineData(100.0, 5, 20.0)]
    [InlineData(7.0, 4, 2.0)]     // raw 1.75 → 2
    [InlineData(13.0, 3, 5.0)]    // raw 4.33 → 5
    [InlineData(0.03, 3, 0.01)]
    [InlineData(600.0, 2, 500.0)] // raw 300 → 500
    public void NiceStepsAreOneTwoOrFiveTimesAPowerOfTen(double span, int target, double step) =>
        Assert.Equal(step, Ticks.NiceStep(span, target), 12);

    [Fact]
    public void LinearTicksAreMultiplesOfTheStepInsideTheRange()
    {
        Assert.Equal(["0", "0.2", "0.4", "0.6", "0.8", "1.0"], Ticks.Linear(0, 1, 5).Select(t => t.Label));
        Assert.Equal([0.0, 2, 4], Ticks.Linear(-1.3, 5.3, 6).Select(t => t.Value));
        Assert.Equal([0.0, 1, 2, 3, 4], Ticks.Linear(0, 4, 10, integers: true).Select(t => t.Value));
        Assert.Equal(["\u22120.5", "0", "0.5"], Ticks.Linear(-0.6, 0.6, 3).Select(t => t.Label));
        Assert.True(Ticks.Linear(0, 499, 1).Count >= 2);   // a finer step rather than a single tick
    }

    [Theory]
    [InlineData(2e6, 1e6, "2e6")]
    [InlineData(1.5e6, 5e5, "1.5e6")]
    [InlineData(3e-5, 1e-5, "3e\u22125")]
    [InlineData(1234.0, 1.0, "1234")]
    [InlineData(0.05, 0.05, "0.05")]
    [InlineData(1.00000015, 5e-8, "1.00000015")]   // a tiny step on a large offset keeps its digits
    public void LabelsCarryTheDecimalsTheStepNeeds(double value, double step, string label) =>
        Assert.Equal(label, Ticks.Format(value, step));

    [Fact]
    public void LogTicksLabelPowersOfTenWithMinorTicksBetween()
    {
        List<Tick> ticks = Ticks.Log10(0.01, 100);
        Assert.Equal(["0.01", "0.1", "1", "10", "100"], ticks.Where(t => t.Major).Select(t => t.Label));
        Assert.Equal(4 * 8 + 5, ticks.Count);   // 2…9 × 10^k in each of the 4 decades, plus 5 powers
        Assert.All(ticks.Where(t => !t.Major), t => Assert.Equal("", t.Label));
    }

    [Fact]
    public void LogTicksWithinOneDecadeAlsoLabelTwoAndFive()
    {
        Assert.Equal(["0.005", "0.01", "0.02"], Ticks.Log10(0.003, 0.025).Where(t => t.Major).Select(t => t.Label));
    }

    [Fact]
    public void LogTicksOverManyDecadesLabelEveryKthPower()
    {
        // 21 powers inside: every 3rd is labelled, and there are no minor ticks
        List<Tick> ticks = Ticks.Log10(1e-10, 1e10);
        Assert.Equal(["1e\u22129", "1e\u22126", "0.001", "1", "1000", "1e6", "1e9"], ticks.Where(t => t.Major).Select(t => t.Label));
        Assert.Throws<ArgumentException>(() => Ticks.Log10(0, 1));
    }

    [Fact]
    public void PaddingWidensTheRangeOrInventsOne()
    {
        Assert.Equal((-0.5, 10.5), Ticks.Padded(0, 10, 0.05));
        Assert.Equal((-1.0, 1.0), Ticks.Padded(0, 0, 0.05));
        var (lo, hi) = Ticks.Padded(3, 3, 0.05);
        Assert.Equal(2.7, lo, 12);
        Assert.Equal(3.3, hi, 12);
        var (llo, lhi) = Ticks.PaddedLog(1, 100, 0.05);   // 2 decades, 0.1 decade each side
        Assert.Equal(Math.Pow(10, -0.1), llo, 12);
        Assert.Equal(Math.Pow(10, 2.1), lhi, 9);
    }
}
