using Stadtwerk.Core.Billing;
using Stadtwerk.Core.Customers;

namespace Stadtwerk.Core.Premises;

/// <summary>What a premise record says, apart from the number that identifies it.</summary>
public sealed record PremiseDetails(
    PostalAddress Address,
    Commodity Commodity,
    MarketLocationId? MarketLocation,
    MeteringLocationId? MeteringLocation,
    string? NetworkArea);

/// <summary>
/// A supply point (Verbrauchsstelle): the address where one commodity is delivered, with its
/// market location (MaLo) and metering location (MeLo) in the energy market, and for gas the network area
/// whose conversion factors apply.
/// </summary>
public sealed class Premise : IVersioned
{
    private Premise()
    {
        PremiseNumber = string.Empty;
        Address = null!;
    }

    public Guid Id { get; private set; }

    public string PremiseNumber { get; private set; }

    public PostalAddress Address { get; private set; }

    public Commodity Commodity { get; private set; }

    public MarketLocationId? MarketLocation { get; private set; }

    public MeteringLocationId? MeteringLocation { get; private set; }

    /// <summary>Gas network area (Netzgebiet): selects the Zustandszahl and Brennwert.</summary>
    public string? NetworkArea { get; private set; }

    public int Version { get; private set; }

    public static DomainResult<Premise> Create(string premiseNumber, PremiseDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var errors = Check(details);
        if (!BusinessNumbers.IsValid(premiseNumber))
        {
            errors.Insert(0, new FieldError("premiseNumber", BusinessNumbers.Rule));
        }

        if (errors.Count > 0)
        {
            return DomainResult<Premise>.Invalid([.. errors]);
        }

        var premise = new Premise { Id = Guid.CreateVersion7(), PremiseNumber = premiseNumber.Trim() };
        premise.Apply(details);
        return DomainResult<Premise>.Ok(premise);
    }

    public DomainResult<Premise> Update(PremiseDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details.Commodity != Commodity)
        {
            return DomainResult<Premise>.Invalid("commodity", $"a {Commodity} supply point cannot change its commodity");
        }

        var errors = Check(details);
        if (errors.Count > 0)
        {
            return DomainResult<Premise>.Invalid([.. errors]);
        }

        Apply(details);
        return DomainResult<Premise>.Ok(this);
    }

    private void Apply(PremiseDetails details)
    {
        Address = details.Address;
        Commodity = details.Commodity;
        MarketLocation = details.MarketLocation;
        MeteringLocation = details.MeteringLocation;
        NetworkArea = string.IsNullOrWhiteSpace(details.NetworkArea) ? null : details.NetworkArea.Trim();
    }

    private static List<FieldError> Check(PremiseDetails details)
    {
        var errors = new List<FieldError>();
        var energy = details.Commodity is Commodity.Electricity or Commodity.Gas;
        if (energy && details.MarketLocation is null)
        {
            errors.Add(new FieldError("marketLocationId", "electricity and gas supply points need a market location ID (MaLo)"));
        }

        if (details.Commodity == Commodity.Gas && string.IsNullOrWhiteSpace(details.NetworkArea))
        {
            errors.Add(new FieldError("networkArea", "a gas supply point needs its network area for the conversion factors"));
        }

        if (details.NetworkArea is { Length: > 50 })
        {
            errors.Add(new FieldError("networkArea", "must be at most 50 characters"));
        }

        return errors;
    }
}
