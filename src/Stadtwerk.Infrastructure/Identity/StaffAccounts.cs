using Microsoft.AspNetCore.Identity;

namespace Stadtwerk.Infrastructure.Identity;

/// <summary>Creates the staff roles and staff members.</summary>
public sealed class StaffAccounts(UserManager<StaffUser> users, RoleManager<IdentityRole> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    /// <summary>Creates a staff member with a password and roles; an existing user name is left as it is.</summary>
    public async Task<StaffUser> EnsureUserAsync(string userName, string email, string displayName, string password, params string[] roleNames)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is not null)
        {
            return user;
        }

        user = new StaffUser { UserName = userName, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password), $"user {userName}");
        Check(await users.AddToRolesAsync(user, roleNames), $"roles of {userName}");
        return user;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {what}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
