using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class DunningByEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "dunning_notice_id",
                table: "outgoing_emails",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "dunning_notices",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Print");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_emails_dunning_notice_id",
                table: "outgoing_emails",
                column: "dunning_notice_id");

            migrationBuilder.CreateIndex(
                name: "ix_dunning_notices_channel_print_batch_id",
                table: "dunning_notices",
                columns: new[] { "channel", "print_batch_id" });

            migrationBuilder.AddForeignKey(
                name: "fk_outgoing_emails_dunning_notices_dunning_notice_id",
                table: "outgoing_emails",
                column: "dunning_notice_id",
                principalTable: "dunning_notices",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_outgoing_emails_dunning_notices_dunning_notice_id",
                table: "outgoing_emails");

            migrationBuilder.DropIndex(
                name: "ix_outgoing_emails_dunning_notice_id",
                table: "outgoing_emails");

            migrationBuilder.DropIndex(
                name: "ix_dunning_notices_channel_print_batch_id",
                table: "dunning_notices");

            migrationBuilder.DropColumn(
                name: "dunning_notice_id",
                table: "outgoing_emails");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "dunning_notices");
        }
    }
}
