using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Stadtwerk.Cli.Database;
using Stadtwerk.Infrastructure.Identity;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Cli.Staff;

/// <summary><c>stadtwerk staff add USER --role R</c>: the operator creates the first administrator (and other staff) of a new installation.</summary>
internal static class StaffCommand
{
    public const string PasswordVariable = "STADTWERK_STAFF_PASSWORD";

    public static Command Create(CliConsole console)
    {
        var userName = new Argument<string>("USER") { Description = "The user name to sign in with." };
        var role = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", StaffRoles.All)}.", Required = true, AllowMultipleArgumentsPerToken = true };
        var email = new Option<string>("--email") { Description = "The staff member's e-mail address.", Required = true };
        var displayName = new Option<string?>("--name") { Description = "The name shown on pages (default: the user name)." };
        var database = new DatabaseOptions();
        var add = new Command("add", $"Create a staff member. The password is read from the environment variable {PasswordVariable} (at least 10 characters), so it stays out of the shell history.");
        add.Arguments.Add(userName);
        add.Options.Add(role);
        add.Options.Add(email);
        add.Options.Add(displayName);
        database.AddTo(add);
        add.SetAction(async (parsed, ct) =>
        {
            var roles = parsed.GetValue(role) ?? [];
            var unknown = roles.Where(r => !StaffRoles.All.Contains(r, StringComparer.Ordinal)).ToList();
            if (roles.Length == 0 || unknown.Count > 0)
            {
                return console.Fail($"unknown role {string.Join(", ", unknown)}; use {string.Join(", ", StaffRoles.All)}", CliConsole.UsageError);
            }

            var password = Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                return console.Fail($"set the password in the environment variable {PasswordVariable}", CliConsole.UsageError);
            }

            if (database.Resolve(parsed, console) is not { } settings)
            {
                return CliConsole.UsageError;
            }

            var services = new ServiceCollection();
            services.AddLogging();
            services.AddStadtwerkDatabase(settings);
            services.AddIdentityCore<StaffUser>(o => o.Password.RequiredLength = 10).AddRoles<IdentityRole>().AddEntityFrameworkStores<StadtwerkDbContext>();
            services.AddScoped<StaffAccounts>();
            await using var provider = services.BuildServiceProvider();
            using var scope = provider.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var name = parsed.GetValue(userName)!;
            if (await users.FindByNameAsync(name) is not null)
            {
                return console.Fail($"staff member {name} exists already");
            }

            try
            {
                var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
                await staff.EnsureRolesAsync();
                await staff.EnsureUserAsync(name, parsed.GetValue(email)!, parsed.GetValue(displayName) ?? name, password, roles);
            }
            catch (InvalidOperationException e)
            {
                return console.Fail(e.Message);
            }

            await console.Out.WriteLineAsync($"Staff member {name} created with the roles {string.Join(", ", roles)}.");
            return CliConsole.Success;
        });

        var command = new Command("staff", "Staff members who sign in to the pages and the API.");
        command.Subcommands.Add(add);
        return command;
    }
}
