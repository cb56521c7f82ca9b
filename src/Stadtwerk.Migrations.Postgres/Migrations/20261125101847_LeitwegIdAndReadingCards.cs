using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LeitwegIdAndReadingCards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "cards_print_batch",
                table: "reading_campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "leitweg_id",
                table: "customers",
                type: "character varying(46)",
                maxLength: 46,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cards_print_batch",
                table: "reading_campaigns");

            migrationBuilder.DropColumn(
                name: "leitweg_id",
                table: "customers");
        }
    }
}
