using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Billing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "ix_billing_holds_contract_id_period_end",
                table: "billing_holds",
                columns: new[] { "contract_id", "period_end" });

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
                name: "ix_ledger_entries_contract_id_booked_on",
                table: "ledger_entries",
                columns: new[] { "contract_id", "booked_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bill_number_counters");

            migrationBuilder.DropTable(
                name: "billing_holds");

            migrationBuilder.DropTable(
                name: "issued_bills");

            migrationBuilder.DropTable(
                name: "ledger_entries");
        }
    }
}
