using Microsoft.AspNetCore.Identity;

namespace Stadtwerk.Infrastructure.Identity;

/// <summary>A member of staff who signs in to the office, desk and API.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;
}

/// <summary>The staff roles; each page and API names the roles it admits.</summary>
public static class StaffRoles
{
    public const string Administrator = "Administrator";
    public const string BillingClerk = "BillingClerk";
    public const string Agent = "Agent";
    public const string OfficeStaff = "OfficeStaff";
    public const string TeamLead = "TeamLead";

    public static readonly IReadOnlyList<string> All = [Administrator, BillingClerk, Agent, OfficeStaff, TeamLead];

    /// <summary>Roles that may read and change master data (customers, contracts, meters, readings).</summary>
    public const string MasterDataEditors = $"{Administrator},{BillingClerk},{Agent},{TeamLead}";

    /// <summary>Roles that may change tariffs and prices.</summary>
    public const string TariffEditors = $"{Administrator},{BillingClerk}";
}
