using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Stadtwerk.Infrastructure.Identity;

namespace Stadtwerk.Web.Api.Auth;

public sealed record LoginRequest(string? UserName, string? Password);

public sealed record StaffMemberResponse(string UserName, string DisplayName, IReadOnlyList<string> Roles);

/// <summary>/api/auth: staff sign-in for API clients (sets the same cookie as the sign-in page).</summary>
public static class AuthApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/auth").WithTags("Sign-in");
        group.MapPost("/login", Login).AllowAnonymous().DisableAntiforgery();
        group.MapPost("/logout", Logout).RequireAuthorization().DisableAntiforgery();
        group.MapGet("/me", Me).RequireAuthorization();
    }

    private static async Task<Results<Ok<StaffMemberResponse>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<StaffUser> signIn, UserManager<StaffUser> users)
    {
        var user = string.IsNullOrWhiteSpace(request.UserName) ? null : await users.FindByNameAsync(request.UserName.Trim());
        if (user is null || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.Problem(title: "User name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return TypedResults.Problem(title: "The account is locked for a while after too many wrong passwords.", statusCode: StatusCodes.Status423Locked);
        }

        return result.Succeeded
            ? TypedResults.Ok(new StaffMemberResponse(user.UserName!, user.DisplayName, [.. await users.GetRolesAsync(user)]))
            : TypedResults.Problem(title: "User name or password is wrong.", statusCode: StatusCodes.Status401Unauthorized);
    }

    private static async Task<NoContent> Logout(SignInManager<StaffUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static Ok<StaffMemberResponse> Me(ClaimsPrincipal principal) =>
        TypedResults.Ok(new StaffMemberResponse(
            principal.Identity?.Name ?? string.Empty,
            principal.Identity?.Name ?? string.Empty,
            [.. principal.FindAll(ClaimTypes.Role).Select(c => c.Value)]));
}
