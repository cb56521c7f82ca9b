using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Stadtwerk.Infrastructure.Persistence;

namespace Stadtwerk.Integration.Tests.Billing;

/// <summary>The forms an agent prints for a demo customer: prefilled, with the code that routes the returned scan.</summary>
public sealed class FormTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("bank-change", "Bankverbindung ändern und SEPA-Lastschriftmandat", "STW1|BANK|", "Gläubiger-Identifikationsnummer DE98ZZZ09999999999")]
    [InlineData("move-report", "Umzugsmeldung", "STW1|MOVE|", "Zählerstand am Auszugstag")]
    [InlineData("reading-card", "Ablesekarte", "STW1|READ|", "Ablesedatum")]
    [InlineData("installment-change", "Abschlag ändern", "STW1|INST|", "Neuer Abschlag in ganzen Euro")]
    public async Task A_form_is_prefilled_with_the_customer_and_carries_its_code(string kind, string title, string code, string field)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true);
        var agent = await app.SignedInClientAsync(Infrastructure.Identity.StaffRoles.Agent);
        await using var db = app.OpenDb();
        var contract = await db.Contracts.AsNoTracking().OrderBy(c => c.ContractNumber).FirstAsync(Ct);
        var customer = await db.Customers.AsNoTracking().SingleAsync(c => c.Id == contract.CustomerId, Ct);
        var meter = await db.Meters.AsNoTracking().Where(m => m.PremiseId == contract.PremiseId && m.RemovedOn == null).Select(m => m.MeterNumber).FirstAsync(Ct);

        var response = await agent.GetAsync($"/api/contracts/{contract.ContractNumber}/forms/{kind}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var folder = Path.Combine(AppContext.BaseDirectory, "forms");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{kind}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        try
        {
            var text = (await PdfText(file)).ReplaceLineEndings(" ");
            text.ShouldContain(title);
            text.ShouldContain($"{code}{customer.CustomerNumber}|{contract.ContractNumber}");
            text.ShouldContain($"Kundennummer: {customer.CustomerNumber}");
            text.ShouldContain($"Vertrag: {contract.ContractNumber}");
            text.ShouldContain(customer.Address.Street);
            text.ShouldContain(field);
            text.ShouldContain("Unterschrift");
            if (kind is "reading-card" or "move-report")
            {
                text.ShouldContain($"Zähler {meter}");
            }
        }
        finally
        {
            // Rendered for people to look at (test output folder, forms/).
            using var render = Process.Start("pdftoppm", ["-r", "70", "-png", file, Path.Combine(folder, kind)]);
            await render.WaitForExitAsync(Ct);
        }

        (await agent.GetAsync($"/api/contracts/{contract.ContractNumber}/forms/tax-return", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await agent.GetAsync($"/api/contracts/C0000000/forms/{kind}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_installment_plan_letter_lists_every_due_date_with_the_pre_notification()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new StadtwerkApp(database, loadDemo: true);
        var agent = await app.SignedInClientAsync(Infrastructure.Identity.StaffRoles.Agent);
        await using var db = app.OpenDb();
        var contract = await db.Contracts.AsNoTracking().Where(c => c.BankAccount != null && c.InstallmentPlan != null).OrderBy(c => c.ContractNumber).FirstAsync(Ct);
        var folder = Path.Combine(AppContext.BaseDirectory, "forms");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "installment-plan.pdf");
        var response = await agent.GetAsync($"/api/contracts/{contract.ContractNumber}/installment-plan/pdf", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync(Ct), Ct);
        var text = (await PdfText(file)).ReplaceLineEndings(" ");
        var plan = contract.InstallmentPlan!;
        text.ShouldContain("Ihr Abschlagsplan ab");
        foreach (var due in plan.DueDates())
        {
            text.ShouldContain(due.ToString("dd.MM.yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        text.ShouldContain(plan.Amount.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("de-DE")) + " €");
        text.ShouldContain("Gläubiger-ID DE98ZZZ09999999999");
        text.ShouldContain($"Mandatsreferenz {contract.BankAccount!.MandateReference}");
        text.ShouldContain("Vorabankündigung");
        using var render = Process.Start("pdftoppm", ["-r", "70", "-png", file, Path.Combine(folder, "installment-plan")]);
        await render.WaitForExitAsync(Ct);
        (await agent.GetAsync("/api/contracts/C0000000/installment-plan/pdf", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string> PdfText(string file)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-layout");
        start.ArgumentList.Add(file);
        start.ArgumentList.Add("-");
        using var process = Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return text;
    }
}
