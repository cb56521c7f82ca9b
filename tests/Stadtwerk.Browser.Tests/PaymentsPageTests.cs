using Microsoft.Playwright;
using Shouldly;
using Stadtwerk.Core.Tests;
using Stadtwerk.Integration.Tests.Payments;

namespace Stadtwerk.Browser.Tests;

/// <summary>A clerk reads in a real bank statement in the browser and books a payment no contract was found for.</summary>
[Collection(SharedBrowser.Name)]
public sealed class PaymentsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_imports_a_bank_statement_and_assigns_an_unmatched_payment()
    {
        var page = await browser.SignedInPageAsync("/abrechnung/zahlungen");

        await page.GetByLabel("CAMT.053-Kontoauszug oder CAMT.054-Avis (XML)").SetInputFilesAsync(Path.Combine(SharedFiles.Root, "bank", "camt053", "de-vrbank-camt053.001.02.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Kontoauszug einlesen" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("de-vrbank-camt053.001.02.xml eingelesen");
        var unmatched = page.Locator("table").Last.Locator("tbody tr");
        (await unmatched.CountAsync()).ShouldBeGreaterThan(0, "the sample's payments name no contract of the demo utility");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "payments.png"), FullPage = true });

        var firstPayment = unmatched.Filter(new() { HasText = "Zahlung" }).First;
        await firstPayment.GetByPlaceholder("Vertrag").FillAsync("C3000010");
        await firstPayment.GetByRole(AriaRole.Button, new() { Name = "Buchen" }).ClickAsync();

        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("auf Vertrag C3000010 gebucht");

        // A bank's status report about a file that is not ours: read, nothing rejected, the message says why.
        await page.GetByLabel("Statusbericht der Bank zu einer Lastschriftdatei (pain.002, XML)").SetInputFilesAsync(Path.Combine(SharedFiles.Root, "bank", "pain002", "ch-postfinance-rjct-pain002.001.10.xml"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Statusbericht einlesen" }).ClickAsync();
        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        status.ShouldContain("ch-postfinance-rjct-pain002.001.10.xml eingelesen: 0 Lastschriften abgelehnt");
        status.ShouldContain("Nicht zugeordnet: die Nachricht MSG-02-QRR-SCOR ist keine unserer Lastschriftdateien", Case.Sensitive, "the bank file's problems are German on a German page");
    }

    [Fact]
    public async Task A_returned_direct_debit_opens_a_case_that_an_agent_closes_on_the_cases_page()
    {
        var page = await browser.SignedInPageAsync("/abrechnung/zahlungen");
        var contract = await DirectDebitContractAsync(page);
        var contractNumber = contract.GetProperty("contractNumber").GetString()!;
        var account = contract.GetProperty("bankAccount");

        // The bank returns a debit whose references name no contract (an old mandate): the clerk assigns it.
        var notification = CamtXml.Notification(
            "NTFCTN-BROWSER-1",
            TestEntry.Debit("BROWSER-RETURN-0001", "2026-03-05",
                new TestTransaction(61.00m, account.GetProperty("holder").GetString()!, "DE02120300000000202051", "Abschlag 03/2026", EndToEndId: "ALT-MANDAT-7", MandateId: "ALT-MANDAT-7", ReturnReason: "AM04"))
                with { Family = "IDDT/UPDD", Code = "NRTI+109" });
        await page.GetByLabel("CAMT.053-Kontoauszug oder CAMT.054-Avis (XML)").SetInputFilesAsync(new FilePayload
        {
            Name = "ruecklastschrift.xml",
            MimeType = "application/xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes(notification),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Kontoauszug einlesen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain("0 Rücklastschriften gebucht, 1 nicht zugeordnet");
        var unmatched = page.Locator("table").Last.Locator("tbody tr").Filter(new() { HasText = "61,00" });
        await unmatched.GetByPlaceholder("Vertrag").FillAsync(contractNumber);
        await unmatched.GetByRole(AriaRole.Button, new() { Name = "Buchen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldContain($"auf Vertrag {contractNumber} gebucht");

        // An agent at home sees the case in the queue and closes it with what was agreed.
        var agent = await browser.SignedInPageAsync("/vorgaenge", "beratung");
        var row = agent.Locator("table tbody tr").Filter(new() { HasText = contractNumber });
        (await row.InnerTextAsync()).ShouldContain("Rücklastschrift: 61,00 € am 05.03.2026");
        (await row.InnerTextAsync()).ShouldContain("AM04: keine ausreichende Deckung");
        await agent.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "cases.png"), FullPage = true });
        await row.GetByLabel("Was wurde erledigt?").FillAsync("Kunde überweist den Betrag bis 20.03.");
        await row.GetByRole(AriaRole.Button, new() { Name = "Erledigt" }).ClickAsync();
        (await agent.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"^Vorgang V-\d{6} erledigt\.$");
        (await agent.Locator("main").InnerTextAsync()).ShouldNotContain("Rücklastschrift: 61,00 €");

        await agent.GotoAsync("/vorgaenge?Status=erledigt");
        (await agent.Locator("table tbody").InnerTextAsync()).ShouldContain("Kunde überweist den Betrag bis 20.03.");
    }

    /// <summary>A demo contract that pays by direct debit (it has a mandate), read through the API with the page's sign-in.</summary>
    private static async Task<System.Text.Json.JsonElement> DirectDebitContractAsync(IPage page)
    {
        for (var n = 3000001; n < 3000100; n++)
        {
            var response = await page.Context.APIRequest.GetAsync($"/api/contracts/C{n}");
            var json = (await response.JsonAsync())!.Value;
            if (json.TryGetProperty("bankAccount", out var account) && account.ValueKind == System.Text.Json.JsonValueKind.Object)
            {
                return json;
            }
        }

        throw new InvalidOperationException("no demo contract pays by direct debit");
    }
}
