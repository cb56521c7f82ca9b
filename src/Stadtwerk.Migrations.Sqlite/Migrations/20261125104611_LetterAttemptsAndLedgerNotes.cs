using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LetterAttemptsAndLedgerNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "attempts",
                table: "queued_bill_documents",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "last_error",
                table: "queued_bill_documents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "note",
                table: "ledger_entries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "attempts",
                table: "queued_bill_documents");

            migrationBuilder.DropColumn(
                name: "last_error",
                table: "queued_bill_documents");

            migrationBuilder.DropColumn(
                name: "note",
                table: "ledger_entries");
        }
    }
}
