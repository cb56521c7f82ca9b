using Microsoft.EntityFrameworkCore;
using Stadtwerk.Infrastructure;
using Stadtwerk.Infrastructure.Documents;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Web.Api.Documents;

/// <summary>
/// <c>GET /dokumente/{id}?bis=...&amp;sig=...</c>: the stored document a signed link in an e-mail names, without signing
/// in; a changed or broken link is 404, an expired one 410 with what to do instead. Never cached by proxies.
/// </summary>
public static class DocumentDownloads
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet(DocumentLinks.Path + "{id:guid}", Download).ExcludeFromDescription().AllowAnonymous();
    }

    private static async Task<IResult> Download(HttpContext context, StadtwerkDbContext db, DocumentLinks links, TimeProvider clock, Guid id, string? bis, string? sig, CancellationToken ct)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Robots-Tag"] = "noindex";
        switch (links.Check(id, bis, sig, UtilityCalendar.Today(clock.GetUtcNow())))
        {
            case LinkCheck.Invalid:
                return Results.Problem(title: "Dieser Link ist ungültig.", detail: "Bitte verwenden Sie den vollständigen Link aus unserer E-Mail.", statusCode: StatusCodes.Status404NotFound);
            case LinkCheck.Expired:
                return Results.Problem(
                    title: "Dieser Link ist abgelaufen.",
                    detail: "Ihre Rechnung finden Sie im Kundenportal, oder wir senden sie Ihnen gern noch einmal: rufen Sie uns an oder schreiben Sie uns.",
                    statusCode: StatusCodes.Status410Gone);
        }

        var document = await db.StoredDocuments.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.FileName, d.Content }).FirstOrDefaultAsync(ct);
        return document is null
            ? Results.Problem(title: "Dieses Dokument gibt es nicht.", statusCode: StatusCodes.Status404NotFound)
            : Results.File(document.Content, "application/pdf", document.FileName, enableRangeProcessing: false);
    }
}
