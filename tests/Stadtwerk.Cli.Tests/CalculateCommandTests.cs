using Shouldly;
using Stadtwerk.Core.Tests;

namespace Stadtwerk.Cli.Tests;

/// <summary><c>stadtwerk calculate</c> used as a new user would: files, standard input, bad input, help.</summary>
public sealed class CalculateCommandTests
{
    private const string Period = """ "period": { "start": "2020-01-01", "end": "2020-12-31" } """;
    private const string Prices = """ "prices": [ { "from": "2020-01-01", "energy": 0.3, "base": 100 } ] """;
    private const string OneMeter = """ "meters": [ { "number": "1ESY1160000001", "readings": [ { "date": "2019-12-31", "value": 10 }, { "date": "2020-12-31", "value": 500 } ] } ] """;

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(SharedFiles.SpecExamples, "*.input.json").Select(p => Path.GetFileName(p)[..^".input.json".Length]).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Calculate_of_a_file_prints_exactly_the_expected_output(string example)
    {
        var result = await StadtwerkProcess.Run(null, "calculate", Path.Combine(SharedFiles.SpecExamples, example + ".input.json"));

        result.StandardError.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.StandardOutput.ShouldBe(await File.ReadAllTextAsync(Path.Combine(SharedFiles.SpecExamples, example + ".expected.json"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Calculate_dash_reads_standard_input()
    {
        var input = await File.ReadAllTextAsync(Path.Combine(SharedFiles.SpecExamples, "gas-2020-weighted-vat-change.input.json"), TestContext.Current.CancellationToken);

        var result = await StadtwerkProcess.Run(input, "calculate", "-");

        result.ExitCode.ShouldBe(0);
        result.StandardOutput.ShouldBe(await File.ReadAllTextAsync(Path.Combine(SharedFiles.SpecExamples, "gas-2020-weighted-vat-change.expected.json"), TestContext.Current.CancellationToken));
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "malformed JSON", """{ "commodity": "electricity", """, "error: input is not valid JSON at line 1" },
        { "missing field", $$"""{ "commodity": "electricity", {{Prices}}, {{OneMeter}} }""", "error: missing field 'period'" },
        { "unknown commodity", $$"""{ "commodity": "steam", {{Period}}, {{Prices}}, {{OneMeter}} }""", "error: unknown commodity 'steam' (expected electricity, gas, water or heat)" },
        { "period reversed", """{ "commodity": "water", "period": { "start": "2020-12-31", "end": "2020-01-01" } }""", "error: period is reversed: start 2020-12-31 is after end 2020-01-01" },
        {
            "readings with a gap",
            $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, "meters": [ { "number": "1ESY1160000001", "readings": [ { "date": "2019-12-31", "value": 1 }, { "date": "2020-03-01", "value": 5 } ] }, { "number": "1ESY1160000002", "readings": [ { "date": "2020-03-04", "value": 0 }, { "date": "2020-12-31", "value": 5 } ] } ] }""",
            "error: meter 1ESY1160000002: readings leave 2020-03-02..2020-03-04 uncovered"
        },
        {
            "readings with an overlap",
            $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, "meters": [ { "number": "A", "readings": [ { "date": "2019-12-31", "value": 1 }, { "date": "2020-03-05", "value": 5 } ] }, { "number": "B", "readings": [ { "date": "2020-03-01", "value": 0 }, { "date": "2020-12-31", "value": 5 } ] } ] }""",
            "error: meters A and B: readings overlap on 2020-03-02..2020-03-05"
        },
        {
            "decreasing reading without digits",
            $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, "meters": [ { "number": "A", "readings": [ { "date": "2019-12-31", "value": 900 }, { "date": "2020-12-31", "value": 5 } ] } ] }""",
            "error: meter A: reading falls from 900 on 2019-12-31 to 5 on 2020-12-31 and the meter has no digits for a roll-over"
        },
        { "gas without conversion factors", $$"""{ "commodity": "gas", {{Period}}, {{Prices}}, {{OneMeter}} }""", "error: gas needs conversion factors" },
        {
            "no price on some day",
            $$"""{ "commodity": "electricity", {{Period}}, "prices": [ { "from": "2020-02-01", "energy": 0.3, "base": 100 } ], {{OneMeter}} }""",
            "error: no price for 2020-01-01..2020-01-31: the first price entry is from 2020-02-01"
        },
        {
            "no VAT on some day",
            $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, "vat": [ { "from": "2020-06-01", "rate": 0.19 } ], {{OneMeter}} }""",
            "error: no VAT rate for 2020-01-01..2020-05-31: the first VAT entry is from 2020-06-01"
        },
        { "negative amount", $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, {{OneMeter}}, "installments": [ { "due": "2020-02-28", "amount": -68 } ] }""", "error: installments[0].amount must be zero or more, got -68" },
        { "non-numeric amount", $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, {{OneMeter}}, "installments": [ { "due": "2020-02-28", "amount": "68,00" } ] }""", "error: installments[0].amount must be a number, got the string \"68,00\"" },
        { "plan count below 1", $$"""{ "commodity": "electricity", {{Period}}, {{Prices}}, {{OneMeter}}, "plan": { "count": 0, "firstDue": "2021-02-28" } }""", "error: plan.count must be at least 1, got 0" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_exits_non_zero_with_one_line_naming_the_problem_and_nothing_on_stdout(string problem, string input, string expectedStart)
    {
        var result = await StadtwerkProcess.Run(input, "calculate", "-");

        result.ExitCode.ShouldBe(1, problem);
        result.StandardOutput.ShouldBeEmpty(problem);
        var lines = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem(problem).ShouldStartWith(expectedStart);
    }

    [Fact]
    public async Task A_missing_file_is_named()
    {
        var result = await StadtwerkProcess.Run(null, "calculate", "no-such-bill.json");

        result.ExitCode.ShouldBe(1);
        result.StandardOutput.ShouldBeEmpty();
        result.StandardError.ShouldBe("error: cannot read no-such-bill.json: no such file\n");
    }

    [Fact]
    public async Task Calculate_without_input_is_a_usage_error_on_one_line()
    {
        var result = await StadtwerkProcess.Run(null, "calculate");

        result.ExitCode.ShouldBe(2);
        result.StandardOutput.ShouldBeEmpty();
        result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem()
            .ShouldBe("error: Required argument 'INPUT' missing for command: 'calculate' (see 'stadtwerk calculate --help')");
    }

    [Fact]
    public async Task An_unknown_command_is_named()
    {
        var result = await StadtwerkProcess.Run(null, "frobnicate");

        result.ExitCode.ShouldBe(2);
        result.StandardError.ShouldStartWith("error: Unrecognized command or argument 'frobnicate'");
    }

    [Fact]
    public async Task Help_explains_calculate_and_its_input()
    {
        var root = await StadtwerkProcess.Run(null, "--help");
        var calculate = await StadtwerkProcess.Run(null, "calculate", "--help");

        root.ExitCode.ShouldBe(0);
        root.StandardOutput.ShouldContain("stadtwerk calculate bill.json");
        calculate.ExitCode.ShouldBe(0);
        calculate.StandardOutput.ShouldContain("'-' reads it from standard input");
        calculate.StandardOutput.ShouldContain("Usage:");
    }
}
