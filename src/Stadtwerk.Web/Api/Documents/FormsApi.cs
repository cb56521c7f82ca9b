using Microsoft.AspNetCore.Http.HttpResults;
using Stadtwerk.Infrastructure.Documents;

namespace Stadtwerk.Web.Api.Documents;

/// <summary>/api/contracts/{contractNumber}/forms/{kind}: prefilled forms for post and fax; .../installment-plan/pdf: the installment-plan letter.</summary>
public static class FormsApi
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/contracts/{contractNumber}/forms/{kind}", Form)
            .WithTags("Documents")
            .RequireAuthorization(ApiPolicies.MasterData)
            .WithSummary("A prefilled form as PDF: bank-change (with SEPA mandate), move-report, reading-card or installment-change; its QR code names form, customer and contract");
        api.MapGet("/contracts/{contractNumber}/installment-plan/pdf", PlanLetter)
            .WithTags("Documents")
            .RequireAuthorization(ApiPolicies.MasterData)
            .WithSummary("The installment-plan letter: every due date and amount, with the SEPA pre-notification or the account to transfer to");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PlanLetter(InstallmentPlanLetters letters, string contractNumber, CancellationToken ct) =>
        await letters.RenderAsync(contractNumber, ct) is { } pdf
            ? TypedResults.File(pdf, "application/pdf", $"Abschlagsplan-{contractNumber}.pdf")
            : ApiAnswers.NotFound($"An installment plan of contract {contractNumber}");

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Form(CustomerForms forms, string contractNumber, string kind, CancellationToken ct)
    {
        if (!FormCode.TryParseKind(kind, out var formKind))
        {
            var errors = new RequestErrors();
            errors.Add("kind", $"'{kind}' is not a form; use bank-change, move-report, reading-card or installment-change");
            return errors.ToProblem();
        }

        return await forms.RenderAsync(contractNumber, formKind, ct) is { } form
            ? TypedResults.File(form.Pdf, "application/pdf", $"{kind.ToLowerInvariant()}-{contractNumber}.pdf")
            : ApiAnswers.NotFound($"Contract {contractNumber}");
    }
}
