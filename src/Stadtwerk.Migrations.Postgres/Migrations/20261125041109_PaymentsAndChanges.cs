using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class PaymentsAndChanges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "references_bill_id",
                table: "issued_bills",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bank_transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    fingerprint = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    booking_date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    counterparty_name = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    counterparty_iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    remittance_information = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    end_to_end_id = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    mandate_reference = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                    return_reason = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_file = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "installment_plan_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    old_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    new_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    calculated_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_references_bill_id",
                table: "issued_bills",
                column: "references_bill_id");

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
                name: "ix_installment_plan_changes_contract_id_changed_at",
                table: "installment_plan_changes",
                columns: new[] { "contract_id", "changed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_installment_plan_changes_status",
                table: "installment_plan_changes",
                column: "status");

            migrationBuilder.AddForeignKey(
                name: "fk_issued_bills_issued_bills_references_bill_id",
                table: "issued_bills",
                column: "references_bill_id",
                principalTable: "issued_bills",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_issued_bills_issued_bills_references_bill_id",
                table: "issued_bills");

            migrationBuilder.DropTable(
                name: "bank_transactions");

            migrationBuilder.DropTable(
                name: "installment_plan_changes");

            migrationBuilder.DropIndex(
                name: "ix_issued_bills_references_bill_id",
                table: "issued_bills");

            migrationBuilder.DropColumn(
                name: "references_bill_id",
                table: "issued_bills");
        }
    }
}
