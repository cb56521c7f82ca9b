using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Stadtwerk.Infrastructure.Payments;

namespace Stadtwerk.Infrastructure.Documents;

public static class DocumentServices
{
    /// <summary>
    /// The bill documents (letters, forms, installment-plan letters, e-mail links) with the utility's, the creditor's
    /// and the dispatch settings from <paramref name="configuration"/> (sections Utility, Sepa, Documents), and, unless
    /// <c>Documents:Dispatch</c> is false, the dispatcher that renders and sends the queued letters in this process.
    /// </summary>
    public static IServiceCollection AddBillDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = DocumentSettings.From(configuration);
        services.AddSingleton(SepaSettings.From(configuration));
        services.AddSingleton(UtilityProfile.From(configuration));
        services.AddSingleton(settings);
        services.AddScoped(sp => DocumentLinks.For(settings, sp.GetRequiredService<Persistence.StadtwerkDbContext>()));
        services.AddScoped<BillLetters>();
        services.AddScoped<LetterMail>();
        services.AddScoped<BillDispatch>();
        services.AddScoped<LetterStates>();
        services.AddScoped<PrintBatches>();
        services.AddScoped<DispatchOverviews>();
        services.AddScoped<CustomerForms>();
        services.AddScoped<InstallmentPlanLetters>();
        services.AddScoped<ReadingCards>();
        if (configuration.GetValue("Documents:Dispatch", true))
        {
            var seconds = configuration.GetValue("Documents:DispatchSeconds", 30);
            services.AddHostedService(sp => ActivatorUtilities.CreateInstance<BillDispatchWorker>(sp, seconds));
        }

        return services;
    }
}
