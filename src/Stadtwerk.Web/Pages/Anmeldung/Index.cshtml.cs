using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Web.Pages.Anmeldung;

/// <summary>Staff sign-in with user name and password (ASP.NET Core Identity, locked out after five wrong passwords).</summary>
public sealed class LoginModel(SignInManager<StaffUser> signIn) : PageModel
{
    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(UserName) || string.IsNullOrEmpty(Password))
        {
            Error = "Bitte Benutzername und Passwort eingeben.";
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(UserName.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/intern");
        }

        Error = result.IsLockedOut
            ? "Zu viele falsche Versuche: das Konto ist für einige Minuten gesperrt."
            : "Benutzername oder Passwort ist falsch.";
        return Page();
    }
}
