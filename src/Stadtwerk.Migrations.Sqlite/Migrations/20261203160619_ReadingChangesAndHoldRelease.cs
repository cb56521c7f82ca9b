using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReadingChangesAndHoldRelease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "release_note",
                table: "billing_holds",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "released_by",
                table: "billing_holds",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "reading_changes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reading_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reading_date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    old_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: true),
                    old_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    old_source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    new_value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 3, nullable: false),
                    new_kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    new_source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    changed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_changes", x => x.id);
                    table.ForeignKey(
                        name: "fk_reading_changes_meters_meter_id",
                        column: x => x.meter_id,
                        principalTable: "meters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_reading_changes_meter_id_reading_date",
                table: "reading_changes",
                columns: new[] { "meter_id", "reading_date" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reading_changes");

            migrationBuilder.DropColumn(
                name: "release_note",
                table: "billing_holds");

            migrationBuilder.DropColumn(
                name: "released_by",
                table: "billing_holds");
        }
    }
}
