using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class BillingRunsCampaignsAndDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "billing_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    commodity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    period_end_from = table.Column<DateOnly>(type: "date", nullable: false),
                    period_end_to = table.Column<DateOnly>(type: "date", nullable: false),
                    from_list = table.Column<bool>(type: "boolean", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    selected = table.Column<int>(type: "integer", nullable: false),
                    chunk_size = table.Column<int>(type: "integer", nullable: false),
                    chunks = table.Column<int>(type: "integer", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "direct_debit_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    collection_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transactions = table.Column<int>(type: "integer", nullable: false),
                    control_sum = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    first = table.Column<int>(type: "integer", nullable: false),
                    recurring = table.Column<int>(type: "integer", nullable: false),
                    xml = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direct_debit_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "print_batches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    letters = table.Column<int>(type: "integer", nullable: false),
                    pages = table.Column<int>(type: "integer", nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    manifest = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_print_batches", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "queued_bill_documents",
                columns: table => new
                {
                    bill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    queued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queued_bill_documents", x => x.bill_id);
                    table.ForeignKey(
                        name: "fk_queued_bill_documents_issued_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reading_campaigns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    commodity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    reading_day = table.Column<DateOnly>(type: "date", nullable: false),
                    window_start = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    requests = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "billing_run_chunks",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    size = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    billed = table.Column<int>(type: "integer", nullable: false),
                    held = table.Column<int>(type: "integer", nullable: false),
                    failed = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    worker = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    load_milliseconds = table.Column<int>(type: "integer", nullable: false),
                    decide_milliseconds = table.Column<int>(type: "integer", nullable: false),
                    write_milliseconds = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_run_chunks", x => new { x.run_id, x.number });
                    table.ForeignKey(
                        name: "fk_billing_run_chunks_billing_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "billing_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "billing_run_items",
                columns: table => new
                {
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    commodity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    chunk = table.Column<int>(type: "integer", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: true),
                    hold_reason = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_billing_run_items", x => new { x.run_id, x.contract_id });
                    table.ForeignKey(
                        name: "fk_billing_run_items_billing_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "billing_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_billing_run_items_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "direct_debits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: false),
                    mandate_reference = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    mandate_signed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reference = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    payment_information_id = table.Column<string>(type: "text", nullable: true),
                    rejection_reason = table.Column<string>(type: "text", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_direct_debits", x => x.id);
                    table.ForeignKey(
                        name: "fk_direct_debits_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_direct_debits_direct_debit_files_file_id",
                        column: x => x.file_id,
                        principalTable: "direct_debit_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_direct_debits_issued_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "stored_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    print_batch_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stored_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_stored_documents_issued_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stored_documents_print_batches_print_batch_id",
                        column: x => x.print_batch_id,
                        principalTable: "print_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reading_requests",
                columns: table => new
                {
                    campaign_id = table.Column<Guid>(type: "uuid", nullable: false),
                    meter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reading_requests", x => new { x.campaign_id, x.meter_id });
                    table.ForeignKey(
                        name: "fk_reading_requests_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reading_requests_meters_meter_id",
                        column: x => x.meter_id,
                        principalTable: "meters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reading_requests_reading_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "reading_campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "outgoing_emails",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    to = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    purpose = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    attachment_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_outgoing_emails", x => x.id);
                    table.ForeignKey(
                        name: "fk_outgoing_emails_stored_documents_attachment_id",
                        column: x => x.attachment_id,
                        principalTable: "stored_documents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_billing_run_items_contract_id",
                table: "billing_run_items",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_billing_run_items_run_id_chunk",
                table: "billing_run_items",
                columns: new[] { "run_id", "chunk" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_run_items_run_id_outcome",
                table: "billing_run_items",
                columns: new[] { "run_id", "outcome" });

            migrationBuilder.CreateIndex(
                name: "ix_billing_runs_number",
                table: "billing_runs",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_files_collection_date",
                table: "direct_debit_files",
                column: "collection_date");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debit_files_message_id",
                table: "direct_debit_files",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_bill_id_kind",
                table: "direct_debits",
                columns: new[] { "bill_id", "kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_contract_id",
                table: "direct_debits",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_file_id",
                table: "direct_debits",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_mandate_reference",
                table: "direct_debits",
                column: "mandate_reference");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_status_due_on",
                table: "direct_debits",
                columns: new[] { "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_emails_attachment_id",
                table: "outgoing_emails",
                column: "attachment_id");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_emails_purpose",
                table: "outgoing_emails",
                column: "purpose");

            migrationBuilder.CreateIndex(
                name: "ix_outgoing_emails_sent_at_created_at",
                table: "outgoing_emails",
                columns: new[] { "sent_at", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_print_batches_number",
                table: "print_batches",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_queued_bill_documents_done_at",
                table: "queued_bill_documents",
                column: "done_at");

            migrationBuilder.CreateIndex(
                name: "ix_reading_campaigns_number",
                table: "reading_campaigns",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reading_requests_contract_id",
                table: "reading_requests",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_reading_requests_meter_id",
                table: "reading_requests",
                column: "meter_id");

            migrationBuilder.CreateIndex(
                name: "ix_stored_documents_bill_id",
                table: "stored_documents",
                column: "bill_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_stored_documents_channel_print_batch_id",
                table: "stored_documents",
                columns: new[] { "channel", "print_batch_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stored_documents_print_batch_id",
                table: "stored_documents",
                column: "print_batch_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "billing_run_chunks");

            migrationBuilder.DropTable(
                name: "billing_run_items");

            migrationBuilder.DropTable(
                name: "direct_debits");

            migrationBuilder.DropTable(
                name: "outgoing_emails");

            migrationBuilder.DropTable(
                name: "queued_bill_documents");

            migrationBuilder.DropTable(
                name: "reading_requests");

            migrationBuilder.DropTable(
                name: "billing_runs");

            migrationBuilder.DropTable(
                name: "direct_debit_files");

            migrationBuilder.DropTable(
                name: "stored_documents");

            migrationBuilder.DropTable(
                name: "reading_campaigns");

            migrationBuilder.DropTable(
                name: "print_batches");
        }
    }
}
