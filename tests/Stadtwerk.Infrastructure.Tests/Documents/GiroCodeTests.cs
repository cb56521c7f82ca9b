using Shouldly;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Infrastructure.Tests.Documents;

public sealed class GiroCodeTests
{
    [Fact]
    public void The_payload_follows_EPC069_12_version_2()
    {
        GiroCode.Payload("Stadtwerke Musterstadt GmbH", "DE89370400440532013000", "COBADEFFXXX", 127.2m, "Rechnung 2026-0000006 Kunde K1000008")
            .ShouldBe("BCD\n002\n1\nSCT\nCOBADEFFXXX\nStadtwerke Musterstadt GmbH\nDE89370400440532013000\nEUR127.20\n\n\nRechnung 2026-0000006 Kunde K1000008");
    }

    [Fact]
    public void Long_texts_are_cut_to_the_fields_limits_and_impossible_amounts_refused()
    {
        var payload = GiroCode.Payload(new string('N', 80), "DE89370400440532013000", null, 1m, new string('R', 200)).Split('\n');
        payload[4].ShouldBeEmpty("the BIC is optional within the EEA");
        payload[5].Length.ShouldBe(70);
        payload[10].Length.ShouldBe(140);
        Should.Throw<ArgumentOutOfRangeException>(() => GiroCode.Payload("X", "DE89370400440532013000", null, 0m, "R"));
    }

    [Fact]
    public void The_code_is_a_square_of_modules()
    {
        var modules = GiroCode.Modules(GiroCode.Payload("Stadtwerke Musterstadt GmbH", "DE89370400440532013000", "COBADEFFXXX", 127.2m, "Rechnung 2026-0000006"));
        modules.Length.ShouldBeGreaterThan(25);
        modules.ShouldAllBe(row => row.Length == modules.Length);
        modules.SelectMany(row => row).Count(dark => dark).ShouldBeGreaterThan(100);
    }
}
