using Shouldly;
using Stadtwerk.Core.Billing;

namespace Stadtwerk.Core.Tests.Billing;

/// <summary>Every worked example of spec/billing-calculation.md, to the cent and to the byte.</summary>
public sealed class SpecExampleTests
{
    public static TheoryData<string> Examples()
    {
        var names = Directory.GetFiles(SharedFiles.SpecExamples, "*.input.json")
            .Select(path => Path.GetFileName(path)[..^".input.json".Length])
            .Order(StringComparer.Ordinal)
            .ToArray();
        names.ShouldNotBeEmpty("the spec has worked examples");
        return [.. names];
    }

    [Fact]
    public void The_spec_has_all_six_known_examples()
    {
        Examples().Count.ShouldBeGreaterThanOrEqualTo(6);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_gives_exactly_the_expected_output(string name)
    {
        var input = File.ReadAllText(Path.Combine(SharedFiles.SpecExamples, name + ".input.json"));
        var expected = File.ReadAllText(Path.Combine(SharedFiles.SpecExamples, name + ".expected.json"));

        var parsed = BillInputJson.Parse(input);
        parsed.Error.ShouldBeNull();
        var result = BillCalculator.Calculate(parsed.Value!);

        var bill = result.ShouldBeOfType<CalculationResult.Calculated>().Bill;
        BillJson.Write(bill).ShouldBe(expected);
    }
}

/// <summary>A stored input must replay: writing and reading it again gives the same bill.</summary>
public sealed class BillInputWriterTests
{
    [Theory]
    [MemberData(nameof(SpecExampleTests.Examples), MemberType = typeof(SpecExampleTests))]
    public void Writing_an_input_and_reading_it_back_gives_the_same_bill(string name)
    {
        var input = BillInputJson.Parse(File.ReadAllText(Path.Combine(SharedFiles.SpecExamples, name + ".input.json"))).Value!;

        var written = BillInputWriter.Write(input);
        var reread = BillInputJson.Parse(written);

        reread.Error.ShouldBeNull();
        BillInputWriter.Write(reread.Value!).ShouldBe(written);
        BillJson.Write(((CalculationResult.Calculated)BillCalculator.Calculate(reread.Value!)).Bill)
            .ShouldBe(File.ReadAllText(Path.Combine(SharedFiles.SpecExamples, name + ".expected.json")));
    }
}
