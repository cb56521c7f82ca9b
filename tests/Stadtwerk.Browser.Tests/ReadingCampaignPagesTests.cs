using Microsoft.Playwright;
using Shouldly;

namespace Stadtwerk.Browser.Tests;

/// <summary>A clerk prepares the year end: a reading campaign for heat, its progress, the reminder.</summary>
[Collection(SharedBrowser.Name)]
public sealed class ReadingCampaignPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_clerk_starts_a_heat_campaign_sees_the_share_read_and_sends_the_reminder()
    {
        var page = await browser.SignedInPageAsync("/abrechnung/ableseaktionen");

        // The form proposes the coming year end with a window around it.
        (await page.GetByLabel("Stichtag (Ende des Abrechnungszeitraums)").InputValueAsync()).ShouldEndWith("-12-31");
        await page.GetByLabel("Sparte").SelectOptionAsync("heat");
        var today = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Ablesefenster ab").FillAsync(today);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ableseaufforderungen verschicken" }).ClickAsync();
        await page.WaitForURLAsync("**/abrechnung/ableseaktionen/*");

        var shares = await page.Locator("table").First.InnerTextAsync();
        shares.ShouldContain("Wärme");
        shares.ShouldContain("0 %");
        (await page.Locator("table").Last.Locator("tbody tr").CountAsync()).ShouldBeGreaterThan(0, "what will be estimated");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reading-campaign.png") });

        // The meter readers' handheld export for one meter: the share read rises.
        var meter = await page.Locator("table").Last.Locator("tbody tr").First.Locator("td").Nth(1).InnerTextAsync();
        await page.GetByLabel("Export der Handhelds oder erfasste Ablesekarten (CSV: meter_number;date;value;kind;source)").SetInputFilesAsync(new FilePayload
        {
            Name = "handheld.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes($"meter_number;date;value;kind;source\n{meter};{today};9876;actual;meterReader\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Übernehmen" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldBe("1 Zählerstände aus handheld.csv übernommen.");
        (await page.Locator("dl.figures").InnerTextAsync()).ShouldContain("Abgelesen\n1 (");
        (await page.Locator("table").Last.InnerTextAsync()).ShouldNotContain(meter);

        // The reading cards for the customers without e-mail go to the print shop as one batch.
        await page.GetByRole(AriaRole.Button, new() { Name = "Ablesekarten drucken" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"^\d+ Ablesekarten im Druckstapel \d+ \(\d+ Seiten\)\.$");
        var cards = await page.GetByRole(AriaRole.Link, new() { Name = "PDF für die Druckerei" }).GetAttributeAsync("href");
        var pdf = await page.Context.APIRequest.GetAsync(cards!);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "reading-cards.pdf"), await pdf.BodyAsync(), TestContext.Current.CancellationToken);

        await page.GetByRole(AriaRole.Button, new() { Name = "Erinnerung verschicken" }).ClickAsync();
        (await page.GetByRole(AriaRole.Status).InnerTextAsync()).ShouldMatch(@"^Erinnerung an \d+ Kunden per E-Mail verschickt\.$");
        (await page.Locator("main").InnerTextAsync()).ShouldContain("Erinnerung verschickt am");
    }
}
