using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Web.Pages;

/// <summary>The staff landing page after sign-in.</summary>
public sealed class InternModel(UserManager<StaffUser> users) : PageModel
{
    private static readonly Dictionary<string, string> GermanRoles = new()
    {
        [StaffRoles.Administrator] = "Administration",
        [StaffRoles.BillingClerk] = "Abrechnung",
        [StaffRoles.Agent] = "Kundenberatung",
        [StaffRoles.OfficeStaff] = "Kundenbüro",
        [StaffRoles.TeamLead] = "Teamleitung",
    };

    public string DisplayName { get; private set; } = string.Empty;

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        DisplayName = user?.DisplayName ?? User.Identity?.Name ?? string.Empty;
        Roles = [.. User.FindAll(ClaimTypes.Role).Select(c => GermanRoles.GetValueOrDefault(c.Value, c.Value))];
    }
}
