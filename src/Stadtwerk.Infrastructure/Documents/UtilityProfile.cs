using Microsoft.Extensions.Configuration;

namespace Stadtwerk.Infrastructure.Documents;

/// <summary>
/// The utility as its letters name it (configuration section <c>Utility</c>): the supplier data German law asks for
/// on every bill, the contacts for questions and the texts about supplier switch, disputes and the fuel mix.
/// </summary>
public sealed record UtilityProfile
{
    public string Name { get; init; } = "Stadtwerke Musterstadt GmbH";

    public string Street { get; init; } = "Am Wasserturm 1";

    public string PostalCode { get; init; } = "12345";

    public string City { get; init; } = "Musterstadt";

    public string Phone { get; init; } = "0351 123456-0";

    public string Hotline { get; init; } = "0800 123456-7 (kostenlos, Mo–Fr 7–19 Uhr)";

    public string Email { get; init; } = "kundenservice@stadtwerke-musterstadt.example";

    public string Fax { get; init; } = "0351 123456-99";

    public string Portal { get; init; } = "https://portal.stadtwerke-musterstadt.example";

    public string RegisterCourt { get; init; } = "Amtsgericht Musterstadt";

    public string RegisterNumber { get; init; } = "HRB 12345";

    public string VatId { get; init; } = "DE123456789";

    public string Management { get; init; } = "Geschäftsführung: Dr. Erika Beispiel";

    public string BankName { get; init; } = "Sparkasse Musterstadt";

    public string BankIban { get; init; } = "DE89370400440532013000";

    public string BankBic { get; init; } = "COBADEFFXXX";

    public string GridOperator { get; init; } = "Netze Musterstadt GmbH (Codenummer 9900000000003)";

    public string MeterOperator { get; init; } = "Netze Musterstadt GmbH als grundzuständiger Messstellenbetreiber";

    /// <summary>Stromkennzeichnung (EnWG § 42): the supplier's mix against the German average.</summary>
    public string FuelMix { get; init; } = "Erneuerbare Energien 62 % (Deutschland: 55 %), Erdgas 21 % (14 %), Kohle 13 % (27 %), sonstige fossile 4 % (4 %); CO₂ 180 g/kWh (Deutschland: 363 g/kWh); radioaktiver Abfall 0,0000 g/kWh (0,0000 g/kWh).";

    public string ContractTerms { get; init; } = "Sondervertrag mit unbestimmter Laufzeit; kündbar mit einer Frist von einem Monat zum Monatsende.";

    /// <summary>The secret the portal registration codes are derived with; set your own in production (Utility:PortalRegistrationSecret).</summary>
    public string PortalRegistrationSecret { get; init; } = "demo-secret-change-me";

    public static UtilityProfile From(IConfiguration configuration) =>
        configuration?.GetSection("Utility").Get<UtilityProfile>() ?? new UtilityProfile();

    public string AddressLine => $"{Name} · {Street} · {PostalCode} {City}";
}
