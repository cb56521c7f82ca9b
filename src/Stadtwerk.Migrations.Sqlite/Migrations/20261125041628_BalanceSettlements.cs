using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BalanceSettlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
                name: "ix_balance_settlements_bill_id",
                table: "balance_settlements",
                column: "bill_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_balance_settlements_contract_id",
                table: "balance_settlements",
                column: "contract_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "balance_settlements");
        }
    }
}
