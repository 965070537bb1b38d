//! `sikerja` — the server and command-line tool. A thin binary: it reads the configuration,
//! opens storage and hands it to the web layer or to one of the commands.
#![forbid(unsafe_code)]

mod commands;
mod config;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};
use tracing_subscriber::EnvFilter;

use crate::config::Config;

// Placement of a large agency allocates and frees hundreds of megabytes per run; mimalloc keeps
// that memory for reuse where glibc hands it back to the kernel (docs/benchmarks.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Sikerja — Sistem Kerja Perbup Banjar 39/2024.
#[derive(Debug, Parser)]
#[command(name = "sikerja", version, about)]
struct Cli {
    /// Configuration file (default: ./sikerja.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Start the web server (the default).
    Serve,
    /// Create or update the database schema.
    Migrate,
    /// Import a whole agency from a JSON or XLSX file (all or nothing).
    Import {
        file: PathBuf,
        /// Check the file and report every problem without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a whole agency as JSON or XLSX (chosen by the output file's extension).
    Export {
        /// Agency code, e.g. `kab-banjar`.
        #[arg(long)]
        agency: String,
        /// Output file (`.json` or `.xlsx`); JSON to standard output when absent.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Recompute placements (kedudukan) of an agency and list the unresolved cases.
    Placement {
        /// Agency code; all agencies when absent.
        #[arg(long)]
        agency: Option<String>,
    },
    /// Load (or reload) the fictional demo government.
    Demo,
    /// Send notifications from the outbox (issue 18 point 4): by email and the webhook, as
    /// configured. The server does this on its own; `--once` is for tests and a scheduler.
    Notify {
        /// One round, then exit.
        #[arg(long)]
        once: bool,
        /// The moment the round takes as now (RFC 3339), for tests: a digest or a retry
        /// falls due without waiting. Only with `--once`.
        #[arg(long, hide = true, requires = "once")]
        now: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// Check the audit trail.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Manage sign-in passwords.
    Password {
        #[command(subcommand)]
        action: PasswordAction,
    },
    /// Grant, revoke and list granted roles (hr_admin, process_map_keeper, organisation_keeper).
    Role {
        #[command(subcommand)]
        action: RoleAction,
    },
    /// Record, end and list the terms of office of the regional heads (Bupati, Wakil Bupati,
    /// Wali Kota, Gubernur, …) of an agency.
    RegionalHead {
        #[command(subcommand)]
        action: RegionalHeadAction,
    },
    /// Create, revoke and list API tokens for other SPBE systems.
    Token {
        #[command(subcommand)]
        action: TokenAction,
    },
    /// Assignment workflows: an agency's settings, escalation of waiting steps.
    Workflow {
        #[command(subcommand)]
        action: WorkflowAction,
    },
    /// Official letters: numbering registers and letterheads (DOC-05).
    Letters {
        #[command(subcommand)]
        action: LettersAction,
    },
    /// Benchmark data (docs/benchmarks.md).
    Bench {
        #[command(subcommand)]
        action: BenchAction,
    },
}

#[derive(Debug, Subcommand)]
enum BenchAction {
    /// Write N synthetic agencies of about M employees each (fictional, deterministic from the
    /// seed) into the configured database, with placements and activity.
    Generate {
        /// Number of agencies (`sintetis-0001`, `sintetis-0002`, …).
        #[arg(long, default_value_t = 1)]
        agencies: usize,
        /// Employees per agency.
        #[arg(long)]
        employees: usize,
        /// The same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Only the organisation: no agreements, assignments, reports or assessments.
        #[arg(long)]
        no_activity: bool,
    },
}

#[derive(Debug, Subcommand)]
enum LettersAction {
    /// Set a numbering register: classification code, unit code and pattern of the numbers
    /// of one letter kind (or of the performance agreements) of an issuer (the agency, or a
    /// Perangkat Daerah) in a year.
    Register {
        /// Agency code, e.g. `kab-banjar`.
        #[arg(long)]
        agency: String,
        /// Department code of the issuing Perangkat Daerah; none for the agency itself.
        #[arg(long)]
        department: Option<String>,
        /// `surat_tugas`, `assignment_letter`, `involvement_request`, `involvement_answer`,
        /// `secretary_decree`, `regent_decree` or `performance_agreement` (Perjanjian Kinerja).
        #[arg(long)]
        kind: String,
        /// Year of the register (default: this year).
        #[arg(long)]
        year: Option<i32>,
        /// Kode klasifikasi arsip, e.g. `800.1.11`.
        #[arg(long)]
        classification: String,
        /// The issuer's code in the number, e.g. `BKPSDM`.
        #[arg(long)]
        unit_code: String,
        /// Pattern with `{seq}` and optionally `{classification}`, `{unit}`, `{year}`.
        #[arg(long, default_value = sikerja_storage::DEFAULT_PATTERN)]
        pattern: String,
    },
    /// List an agency's registers with every number given, issued or cancelled.
    Registers {
        #[arg(long)]
        agency: String,
    },
    /// List letter numbers given more than once before numbers became unique (issue 12).
    Duplicates {
        /// Agency code; every agency when left out.
        #[arg(long)]
        agency: Option<String>,
    },
    /// Set the letterhead (kop surat) of an agency or a Perangkat Daerah.
    Letterhead {
        #[arg(long)]
        agency: String,
        #[arg(long)]
        department: Option<String>,
        /// A name line, top first; repeat for each line.
        #[arg(long = "line", required = true)]
        lines: Vec<String>,
        #[arg(long, default_value = "")]
        address: String,
        /// A contact line (telephone, e-mail, website); repeat for each.
        #[arg(long = "contact")]
        contacts: Vec<String>,
        /// The emblem as a PNG file.
        #[arg(long)]
        logo: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
enum WorkflowAction {
    /// Show or set an agency's Pejabat yang Berwenang (PEN-15) and escalation time.
    Policy {
        /// Agency code, e.g. `kab-banjar`.
        #[arg(long)]
        agency: String,
        /// Position code of the Pejabat yang Berwenang; empty for the Sekretaris Daerah.
        #[arg(long)]
        authority_position: Option<String>,
        /// Hours a step may wait before it is escalated (0 turns escalation off).
        #[arg(long)]
        escalation_hours: Option<i32>,
    },
    /// Escalate every step that waits longer than its agency allows (the server does this
    /// every 15 minutes).
    Escalate,
}

#[derive(Debug, Subcommand)]
enum RoleAction {
    /// Give an employee a role (recorded in the audit trail).
    Grant {
        #[arg(long)]
        nip: String,
        /// `hr_admin` (Admin BKPSDM), `process_map_keeper` or `organisation_keeper` (Admin Bagian
        /// Organisasi).
        #[arg(long)]
        role: String,
        #[arg(long)]
        reason: String,
    },
    /// Take a role back.
    Revoke {
        /// Number of the grant (see `sikerja role list`).
        #[arg(long)]
        id: i64,
        #[arg(long)]
        reason: String,
        /// Take back even the last holder of a role only its holders can give (hr_admin);
        /// the audit row records that it was forced.
        #[arg(long)]
        force: bool,
    },
    /// The grants of an agency.
    List {
        #[arg(long)]
        agency: String,
    },
}

#[derive(Debug, Subcommand)]
enum RegionalHeadAction {
    /// Record a term of office; a new account's one-time password is printed once.
    Add {
        /// Agency code, e.g. `kab-banjar`.
        #[arg(long)]
        agency: String,
        /// `regent`, `vice_regent`, `mayor`, `vice_mayor`, `governor` or `vice_governor`.
        #[arg(long)]
        office: String,
        /// Full name with titles.
        #[arg(long)]
        name: String,
        /// Sign-in name (lowercase letters, digits, `.`, `_`, `-`); an account of the agency
        /// with this name is the same person (re-elected, or a deputy who becomes head).
        #[arg(long)]
        username: String,
        /// The office as letters name it ("Bupati Banjar"); the office's name when absent.
        #[arg(long)]
        title: Option<String>,
        /// First day of the term, `YYYY-MM-DD`.
        #[arg(long)]
        from: String,
        /// Last day of the term, if known.
        #[arg(long)]
        until: Option<String>,
        /// Number of the decree of appointment.
        #[arg(long)]
        basis_number: String,
        /// Date of the decree, `YYYY-MM-DD`.
        #[arg(long)]
        basis_date: String,
    },
    /// End a term on its last day.
    End {
        #[arg(long)]
        agency: String,
        /// Number of the term (see `sikerja regional-head list`).
        #[arg(long)]
        id: i64,
        /// Last day of the term, `YYYY-MM-DD`.
        #[arg(long)]
        until: String,
        /// Number of the decree ending it.
        #[arg(long, requires = "basis_date")]
        basis_number: Option<String>,
        #[arg(long, requires = "basis_number")]
        basis_date: Option<String>,
    },
    /// The terms of an agency.
    List {
        #[arg(long)]
        agency: String,
    },
}

#[derive(Debug, Subcommand)]
enum TokenAction {
    /// Create a token; its secret is printed once.
    Create {
        #[arg(long)]
        name: String,
        /// Agency code the token is limited to; every agency when absent.
        #[arg(long)]
        agency: Option<String>,
        /// Allow changes (import, manual placement); read only otherwise.
        #[arg(long)]
        write: bool,
    },
    /// Revoke a token.
    Revoke {
        #[arg(long)]
        id: i64,
    },
    /// Every token (without secrets).
    List,
}

#[derive(Debug, Subcommand)]
enum PasswordAction {
    /// Set a temporary password (printed once) that must be changed at the next sign-in.
    Reset {
        /// NIP of the employee (18 digits).
        #[arg(long)]
        nip: String,
    },
}

#[derive(Debug, Subcommand)]
enum AuditCommand {
    /// Verify the keyed hash chain of the audit log against the checkpoints, reading only;
    /// exit code 1 when it is broken (the first bad entry is named).
    Verify,
    /// Record the chain's head in the checkpoint file (the server also does this on a
    /// schedule, at start and at shutdown).
    Checkpoint,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let config = Config::load(cli.config.as_deref()).context("membaca konfigurasi")?;
    let command = cli.command.unwrap_or(Command::Serve);
    // The server logs at the configured level; an ordinary command prints its own Indonesian
    // lines and only warnings and errors from the log (RUST_LOG overrides both).
    let serving = matches!(command, Command::Serve);
    let level = if serving { config.log.as_str() } else { "warn" };
    let filter = EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new(level));
    match config.log_format {
        // Issue 19 point 3: one JSON object per line for a log collector; the request id is a
        // field of the `request` span, listed in each line's `spans`.
        config::LogFormat::Json => tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .with_current_span(true)
            .with_span_list(true)
            .with_writer(std::io::stderr)
            .init(),
        config::LogFormat::Text => tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
            .with_writer(std::io::stderr)
            .init(),
    }
    match command {
        Command::Serve => commands::serve::run(&config).await,
        Command::Migrate => commands::migrate(&config).await,
        Command::Import { file, dry_run } => {
            commands::transfer::import(&config, &file, dry_run).await
        }
        Command::Export { agency, output } => {
            commands::transfer::export(&config, &agency, output.as_deref()).await
        }
        Command::Placement { agency } => commands::placement(&config, agency.as_deref()).await,
        Command::Demo => commands::load_demo(&config).await.map(|_| ()),
        Command::Bench {
            action:
                BenchAction::Generate {
                    agencies,
                    employees,
                    seed,
                    no_activity,
                },
        } => {
            let args = commands::bench_generate::GenerateArgs {
                agencies,
                employees,
                seed,
                activity: !no_activity,
            };
            commands::bench_generate::run(&config, args).await
        }
        Command::Audit { command } => match command {
            AuditCommand::Verify => commands::audit::verify(&config).await,
            AuditCommand::Checkpoint => commands::audit::checkpoint(&config).await,
        },
        Command::Password {
            action: PasswordAction::Reset { nip },
        } => commands::accounts::reset_password(&config, &nip).await,
        Command::RegionalHead { action } => match action {
            RegionalHeadAction::Add {
                agency,
                office,
                name,
                username,
                title,
                from,
                until,
                basis_number,
                basis_date,
            } => {
                let args = commands::regional_heads::AddArgs {
                    agency,
                    office,
                    name,
                    username,
                    title,
                    from,
                    until,
                    basis_number,
                    basis_date,
                };
                commands::regional_heads::add(&config, &args).await
            }
            RegionalHeadAction::End {
                agency,
                id,
                until,
                basis_number,
                basis_date,
            } => {
                let basis = basis_number.as_deref().zip(basis_date.as_deref());
                commands::regional_heads::end(&config, &agency, id, &until, basis).await
            }
            RegionalHeadAction::List { agency } => {
                commands::regional_heads::list(&config, &agency).await
            }
        },
        Command::Role { action } => match action {
            RoleAction::Grant { nip, role, reason } => {
                commands::access::grant(&config, &nip, &role, &reason).await
            }
            RoleAction::Revoke { id, reason, force } => {
                commands::access::revoke(&config, id, &reason, force).await
            }
            RoleAction::List { agency } => commands::access::list_roles(&config, &agency).await,
        },
        Command::Token { action } => match action {
            TokenAction::Create {
                name,
                agency,
                write,
            } => commands::access::create_token(&config, &name, agency.as_deref(), write).await,
            TokenAction::Revoke { id } => commands::access::revoke_token(&config, id).await,
            TokenAction::List => commands::access::list_tokens(&config).await,
        },
        Command::Notify { once, now } => {
            if once {
                commands::notify::once(&config, now.unwrap_or_else(chrono::Utc::now)).await
            } else {
                commands::notify::forever(&config).await
            }
        }
        Command::Workflow { action } => match action {
            WorkflowAction::Policy {
                agency,
                authority_position,
                escalation_hours,
            } => {
                commands::workflow::policy(
                    &config,
                    &agency,
                    authority_position.as_deref(),
                    escalation_hours,
                )
                .await
            }
            WorkflowAction::Escalate => commands::workflow::escalate(&config).await,
        },
        Command::Letters { action } => match action {
            LettersAction::Register {
                agency,
                department,
                kind,
                year,
                classification,
                unit_code,
                pattern,
            } => {
                commands::letters::register(
                    &config,
                    commands::letters::RegisterArgs {
                        agency: &agency,
                        department: department.as_deref(),
                        kind: &kind,
                        year,
                        classification: &classification,
                        unit_code: &unit_code,
                        pattern: &pattern,
                    },
                )
                .await
            }
            LettersAction::Registers { agency } => {
                commands::letters::registers(&config, &agency).await
            }
            LettersAction::Duplicates { agency } => {
                commands::letters::duplicates(&config, agency.as_deref()).await
            }
            LettersAction::Letterhead {
                agency,
                department,
                lines,
                address,
                contacts,
                logo,
            } => {
                commands::letters::letterhead(
                    &config,
                    commands::letters::LetterheadArgs {
                        agency: &agency,
                        department: department.as_deref(),
                        lines: &lines,
                        address: &address,
                        contacts: &contacts,
                        logo: logo.as_deref(),
                    },
                )
                .await
            }
        },
    }
}
