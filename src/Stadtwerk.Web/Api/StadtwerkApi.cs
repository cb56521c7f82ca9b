using Stadtwerk.Web.Api.Auth;
using Stadtwerk.Web.Api.Billing;
using Stadtwerk.Web.Api.Contracts;
using Stadtwerk.Web.Api.Customers;
using Stadtwerk.Web.Api.Metering;
using Stadtwerk.Web.Api.Premises;
using Stadtwerk.Web.Api.Tariffs;

namespace Stadtwerk.Web.Api;

public static class StadtwerkApi
{
    /// <summary>Maps every API area under /api; each area registers its own endpoints.</summary>
    public static void MapStadtwerkApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").DisableAntiforgery();
        AuthApi.Map(api);
        CalculateApi.Map(api);
        BillsApi.Map(api);
        BillDocumentsApi.Map(api);
        SettlementsApi.Map(api);
        BillingRunsApi.Map(api);
        Metering.ReadingCampaignsApi.Map(api);
        CustomersApi.Map(api);
        PremisesApi.Map(api);
        TariffsApi.Map(api);
        ContractsApi.Map(api);
        InstallmentsApi.Map(api);
        MoveOutApi.Map(api);
        MetersApi.Map(api);
        Payments.PaymentsApi.Map(api);
        Payments.DirectDebitFilesApi.Map(api);
        Payments.AccountsApi.Map(api);
        Documents.FormsApi.Map(api);
        Cases.CasesApi.Map(api);
    }
}
