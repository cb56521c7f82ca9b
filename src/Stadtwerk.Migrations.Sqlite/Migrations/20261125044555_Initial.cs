using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", nullable: false),
                    display_name = table.Column<string>(type: "TEXT", nullable: false),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "bill_number_counters",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    last_number = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bill_number_counters", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    customer_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    first_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    last_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    company_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    mobile_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    preferred_channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    address_city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    address_house_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    address_postal_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    address_street = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "gas_conversion_factors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    network_area = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    valid_to = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    state_factor = table.Column<decimal>(type: "TEXT", precision: 10, scale: 6, nullable: false),
                    calorific_value = table.Column<decimal>(type: "TEXT", precision: 10, scale: 6, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_gas_conversion_factors", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "premises",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    premise_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    commodity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    market_location_id = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    metering_location_id = table.Column<string>(type: "TEXT", maxLength: 33, nullable: true),
                    network_area = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    address_city = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    address_house_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    address_postal_code = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    address_street = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_premises", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settings",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    value = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_settings", x => x.key);
                });

            migrationBuilder.CreateTable(
                name: "tariffs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    commodity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tariffs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "vat_rate_overrides",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    commodity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    rate = table.Column<decimal>(type: "TEXT", precision: 5, scale: 4, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_vat_rate_overrides", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    role_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_role_claims_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    role_id = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "AspNetRoles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_asp_net_user_roles_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "AspNetUsers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meter_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    commodity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    digits = table.Column<int>(type: "INTEGER", nullable: true),
                    premise_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    installed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    removed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meters", x => x.id);
                    table.ForeignKey(
                        name: "fk_meters_premises_premise_id",
                        column: x => x.premise_id,
                        principalTable: "premises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "contracts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    customer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    premise_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    commodity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    tariff_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    start_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    end_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    contract_account_number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    bank_iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    bank_bic = table.Column<string>(type: "TEXT", maxLength: 11, nullable: true),
                    bank_holder = table.Column<string>(type: "TEXT", maxLength: 70, nullable: true),
                    bank_mandate_reference = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    bank_mandate_signed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    installment_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    installment_first_due = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    installment_count = table.Column<int>(type: "INTEGER", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contracts", x => x.id);
                    table.ForeignKey(
                        name: "fk_contracts_customers_customer_id",
                        column: x => x.customer_id,
                        principalTable: "customers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contracts_premises_premise_id",
                        column: x => x.premise_id,
                        principalTable: "premises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_contracts_tariffs_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "tariff_prices",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    valid_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    energy_price = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    base_price_per_year = table.Column<decimal>(type: "TEXT", precision: 18, scale: 6, nullable: false),
                    tariff_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tariff_prices", x => x.id);
                    table.ForeignKey(
                        name: "fk_tariff_prices_tariffs_tariff_id",
                        column: x => x.tariff_id,
                        principalTable: "tariffs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "readings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_readings", x => x.id);
                    table.ForeignKey(
                        name: "fk_readings_meters_meter_id",
                        column: x => x.meter_id,
                        principalTable: "meters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "bank_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fingerprint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    booking_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    counterparty_name = table.Column<string>(type: "TEXT", maxLength: 140, nullable: true),
                    counterparty_iban = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    remittance_information = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    end_to_end_id = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    mandate_reference = table.Column<string>(type: "TEXT", maxLength: 35, nullable: true),
                    return_reason = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    source_file = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_transactions", x => x.id);
                    table.ForeignKey(
                        name: "fk_bank_transactions_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "billing_holds",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    details = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_holds", x => x.id);
                    table.ForeignKey(
                        name: "fk_billing_holds_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installment_plan_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    old_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    new_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    calculated_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    decided_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installment_plan_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_installment_plan_changes_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "issued_bills",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    net = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    gross = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    paid = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    has_estimates = table.Column<bool>(type: "INTEGER", nullable: false),
                    input_json = table.Column<string>(type: "TEXT", nullable: false),
                    output_json = table.Column<string>(type: "TEXT", nullable: false),
                    idempotency_key = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    references_bill_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issued_bills", x => x.id);
                    table.ForeignKey(
                        name: "fk_issued_bills_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_issued_bills_issued_bills_references_bill_id",
                        column: x => x.references_bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    booked_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_ledger_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_ledger_entries_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "balance_settlements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bill_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contract_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: false),
                    parts = table.Column<int>(type: "INTEGER", nullable: false),
                    first_due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    agreed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    agreed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_balance_settlements", x => x.id);
                    table.ForeignKey(
                        name: "fk_balance_settlements_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_balance_settlements_issued_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "normalized_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_balance_settlements_bill_id",
                table: "balance_settlements",
                column: "bill_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_balance_settlements_contract_id",
                table: "balance_settlements",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_contract_id",
                table: "bank_transactions",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_fingerprint",
                table: "bank_transactions",
                column: "fingerprint",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_status_booking_date",
                table: "bank_transactions",
                columns: new[] { "status", "booking_date" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_holds_contract_id_period_end",
                table: "billing_holds",
                columns: new[] { "contract_id", "period_end" });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_bank_iban",
                table: "contracts",
                column: "bank_iban");

            migrationBuilder.CreateIndex(
                name: "ix_contracts_contract_account_number",
                table: "contracts",
                column: "contract_account_number");

            migrationBuilder.CreateIndex(
                name: "ix_contracts_contract_number",
                table: "contracts",
                column: "contract_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contracts_customer_id",
                table: "contracts",
                column: "customer_id");

            migrationBuilder.CreateIndex(
                name: "ix_contracts_premise_id_start_date",
                table: "contracts",
                columns: new[] { "premise_id", "start_date" });

            migrationBuilder.CreateIndex(
                name: "ix_contracts_tariff_id",
                table: "contracts",
                column: "tariff_id");

            migrationBuilder.CreateIndex(
                name: "ix_customers_company_name",
                table: "customers",
                column: "company_name");

            migrationBuilder.CreateIndex(
                name: "ix_customers_customer_number",
                table: "customers",
                column: "customer_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_email",
                table: "customers",
                column: "email");

            migrationBuilder.CreateIndex(
                name: "ix_customers_last_name_first_name",
                table: "customers",
                columns: new[] { "last_name", "first_name" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_mobile_phone",
                table: "customers",
                column: "mobile_phone");

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone",
                table: "customers",
                column: "phone");

            migrationBuilder.CreateIndex(
                name: "ix_gas_conversion_factors_network_area_valid_from",
                table: "gas_conversion_factors",
                columns: new[] { "network_area", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_installment_plan_changes_contract_id_changed_at",
                table: "installment_plan_changes",
                columns: new[] { "contract_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_installment_plan_changes_status",
                table: "installment_plan_changes",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_contract_id_period_end",
                table: "issued_bills",
                columns: new[] { "contract_id", "period_end" });

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_idempotency_key",
                table: "issued_bills",
                column: "idempotency_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_number",
                table: "issued_bills",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_references_bill_id_kind",
                table: "issued_bills",
                columns: new[] { "references_bill_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ledger_entries_contract_id_booked_on",
                table: "ledger_entries",
                columns: new[] { "contract_id", "booked_on" });

            migrationBuilder.CreateIndex(
                name: "ix_meters_meter_number",
                table: "meters",
                column: "meter_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_meters_premise_id",
                table: "meters",
                column: "premise_id");

            migrationBuilder.CreateIndex(
                name: "ix_premises_market_location_id",
                table: "premises",
                column: "market_location_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_premises_metering_location_id",
                table: "premises",
                column: "metering_location_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_premises_premise_number",
                table: "premises",
                column: "premise_number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_readings_meter_id_date",
                table: "readings",
                columns: new[] { "meter_id", "date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tariff_prices_tariff_id_valid_from",
                table: "tariff_prices",
                columns: new[] { "tariff_id", "valid_from" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_tariffs_code",
                table: "tariffs",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_vat_rate_overrides_commodity_valid_from",
                table: "vat_rate_overrides",
                columns: new[] { "commodity", "valid_from" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "balance_settlements");

            migrationBuilder.DropTable(
                name: "bank_transactions");

            migrationBuilder.DropTable(
                name: "bill_number_counters");

            migrationBuilder.DropTable(
                name: "billing_holds");

            migrationBuilder.DropTable(
                name: "gas_conversion_factors");

            migrationBuilder.DropTable(
                name: "installment_plan_changes");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "readings");

            migrationBuilder.DropTable(
                name: "settings");

            migrationBuilder.DropTable(
                name: "tariff_prices");

            migrationBuilder.DropTable(
                name: "vat_rate_overrides");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "issued_bills");

            migrationBuilder.DropTable(
                name: "meters");

            migrationBuilder.DropTable(
                name: "contracts");

            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "premises");

            migrationBuilder.DropTable(
                name: "tariffs");
        }
    }
}
