using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class UniqueBillReferences : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_issued_bills_references_bill_id",
                table: "issued_bills");

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_references_bill_id_kind",
                table: "issued_bills",
                columns: new[] { "references_bill_id", "kind" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_issued_bills_references_bill_id_kind",
                table: "issued_bills");

            migrationBuilder.CreateIndex(
                name: "ix_issued_bills_references_bill_id",
                table: "issued_bills",
                column: "references_bill_id");
        }
    }
}
