using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Stadtwerk.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class MoneyLoop : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_direct_debits_bill_id_kind",
                table: "direct_debits");

            migrationBuilder.AddColumn<string>(
                name: "bill_number",
                table: "ledger_entries",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "key",
                table: "direct_debits",
                type: "character varying(80)",
                maxLength: 80,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "bank_mandate_last_used_on",
                table: "contracts",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "collection_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    started_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    contracts = table.Column<int>(type: "integer", nullable: false),
                    requests = table.Column<int>(type: "integer", nullable: false),
                    debits = table.Column<int>(type: "integer", nullable: false),
                    debit_amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    expired_mandates = table.Column<int>(type: "integer", nullable: false),
                    already_done = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_collection_runs", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_transfer_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    message_id = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: false),
                    execution_date = table.Column<DateOnly>(type: "date", nullable: false),
                    transactions = table.Column<int>(type: "integer", nullable: false),
                    control_sum = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    xml = table.Column<string>(type: "text", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_transfer_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "dunning_blocks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    until = table.Column<DateOnly>(type: "date", nullable: false),
                    set_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    set_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    lifted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lifted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dunning_blocks", x => x.id);
                    table.ForeignKey(
                        name: "fk_dunning_blocks_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "dunning_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    issued_on = table.Column<DateOnly>(type: "date", nullable: false),
                    arrears = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    disputed = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    fee = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    pay_by = table.Column<DateOnly>(type: "date", nullable: false),
                    disconnection_from = table.Column<DateOnly>(type: "date", nullable: true),
                    items = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    sent_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    file_name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    pdf = table.Column<byte[]>(type: "bytea", nullable: false),
                    print_batch_id = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_dunning_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_dunning_notices_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_dunning_notices_print_batches_print_batch_id",
                        column: x => x.print_batch_id,
                        principalTable: "print_batches",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "installment_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    run_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_installment_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_installment_requests_collection_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "collection_runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_installment_requests_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    key = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    contract_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bill_id = table.Column<Guid>(type: "uuid", nullable: true),
                    amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    execute_on = table.Column<DateOnly>(type: "date", nullable: false),
                    iban = table.Column<string>(type: "character varying(34)", maxLength: 34, nullable: true),
                    holder = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: true),
                    reference = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    requested_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    approved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_transfers", x => x.id);
                    table.ForeignKey(
                        name: "fk_credit_transfers_contracts_contract_id",
                        column: x => x.contract_id,
                        principalTable: "contracts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_transfers_credit_transfer_files_file_id",
                        column: x => x.file_id,
                        principalTable: "credit_transfer_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_transfers_issued_bills_bill_id",
                        column: x => x.bill_id,
                        principalTable: "issued_bills",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_bill_id",
                table: "direct_debits",
                column: "bill_id");

            // Entries made before keys existed get the key of what they collect (a bill's balance, a schedule's due date).
            migrationBuilder.Sql("UPDATE direct_debits SET key = CASE WHEN kind = 'BillBalance' THEN 'bill:' || replace(bill_id::text, '-', '') ELSE 'schedule:' || replace(contract_id::text, '-', '') || ':' || to_char(due_on, 'YYYY-MM-DD') END;");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_key",
                table: "direct_debits",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_collection_runs_due_on",
                table: "collection_runs",
                column: "due_on");

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfer_files_execution_date",
                table: "credit_transfer_files",
                column: "execution_date");

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfer_files_message_id",
                table: "credit_transfer_files",
                column: "message_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfers_bill_id",
                table: "credit_transfers",
                column: "bill_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfers_contract_id",
                table: "credit_transfers",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfers_file_id",
                table: "credit_transfers",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfers_key",
                table: "credit_transfers",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_transfers_status_execute_on",
                table: "credit_transfers",
                columns: new[] { "status", "execute_on" });

            migrationBuilder.CreateIndex(
                name: "ix_dunning_blocks_contract_id",
                table: "dunning_blocks",
                column: "contract_id");

            migrationBuilder.CreateIndex(
                name: "ix_dunning_notices_contract_id_level_issued_on",
                table: "dunning_notices",
                columns: new[] { "contract_id", "level", "issued_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_dunning_notices_issued_on",
                table: "dunning_notices",
                column: "issued_on");

            migrationBuilder.CreateIndex(
                name: "ix_dunning_notices_print_batch_id",
                table: "dunning_notices",
                column: "print_batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_installment_requests_contract_id_due_on",
                table: "installment_requests",
                columns: new[] { "contract_id", "due_on" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_installment_requests_run_id",
                table: "installment_requests",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_transfers");

            migrationBuilder.DropTable(
                name: "dunning_blocks");

            migrationBuilder.DropTable(
                name: "dunning_notices");

            migrationBuilder.DropTable(
                name: "installment_requests");

            migrationBuilder.DropTable(
                name: "credit_transfer_files");

            migrationBuilder.DropTable(
                name: "collection_runs");

            migrationBuilder.DropIndex(
                name: "ix_direct_debits_bill_id",
                table: "direct_debits");

            migrationBuilder.DropIndex(
                name: "ix_direct_debits_key",
                table: "direct_debits");

            migrationBuilder.DropColumn(
                name: "bill_number",
                table: "ledger_entries");

            migrationBuilder.DropColumn(
                name: "key",
                table: "direct_debits");

            migrationBuilder.DropColumn(
                name: "bank_mandate_last_used_on",
                table: "contracts");

            migrationBuilder.CreateIndex(
                name: "ix_direct_debits_bill_id_kind",
                table: "direct_debits",
                columns: new[] { "bill_id", "kind" },
                unique: true);
        }
    }
}
