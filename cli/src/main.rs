//! `specbind expand <spec>` prints the code `#[specbind::bindings]` would generate for a spec,
//! pretty-printed; `specbind check <spec>` lists every error, repair and skip with its place and
//! ends with a summary line. On a spec error both print every diagnostic to stderr and exit
//! with status 1.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use specbind_codegen::diag::{Diagnostic, Severity};
use specbind_codegen::{GenerateInput, Options};

/// specbind: typed Rust bindings from OpenAPI specs.
#[derive(Debug, Parser)]
#[command(name = "specbind", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print the generated code for a spec file or directory.
    Expand(SpecArgs),
    /// List every error, repair and skip in a spec, then a summary line.
    Check(SpecArgs),
}

/// What to read, as the macro's attribute says it.
#[derive(Debug, Args)]
struct SpecArgs {
    /// A spec file, or a directory whose `*.json` / `*.yaml` files form one API.
    spec: PathBuf,
    /// Directory the spec path is relative to, as the crate root is for the macro
    /// (defaults to the current directory).
    #[arg(long, value_name = "DIR")]
    base_dir: Option<PathBuf>,
    /// Leave out files and operations that cannot be bound instead of failing.
    #[arg(long)]
    skip_invalid: bool,
    /// Refuse repairs: every defect the generator would fix is an error.
    #[arg(long)]
    strict: bool,
    /// An Overlay 1.0 document to apply first (may be given several times, applied in order).
    #[arg(long, value_name = "FILE")]
    overlay: Vec<PathBuf>,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Expand(args) => expand(&args),
        Command::Check(args) => check(&args),
    }
}

fn input<'a>(args: &'a SpecArgs, base_dir: &'a Path) -> GenerateInput<'a> {
    let options = Options { skip_invalid: args.skip_invalid, strict: args.strict };
    GenerateInput { spec: &args.spec, base_dir, overlays: &args.overlay, options }
}

fn expand(args: &SpecArgs) -> ExitCode {
    let base_dir = args.base_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    match specbind_codegen::expand_to_string(&input(args, &base_dir)) {
        Ok((code, _)) => {
            print!("{code}");
            ExitCode::SUCCESS
        }
        Err(failure) => {
            for diagnostic in failure.errors() {
                eprintln!("error: {diagnostic}");
            }
            let count = failure.errors().count();
            eprintln!("specbind: {count} problem(s) in {}", args.spec.display());
            ExitCode::FAILURE
        }
    }
}

fn check(args: &SpecArgs) -> ExitCode {
    let base_dir = args.base_dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let (diagnostics, api, ok) = match specbind_codegen::lower_api(&input(args, &base_dir)) {
        Ok(lowered) => (lowered.notes, lowered.api, true),
        Err(failure) => (failure.diagnostics, Default::default(), false),
    };
    let operations = api.operations.len();
    let ops = || api.operations.values();
    let paginators = ops().filter(|op| op.pagination.is_some()).count();
    let inferred_paginators =
        ops().filter(|op| op.pagination.as_ref().is_some_and(|p| p.inferred)).count();
    let waiters = ops().map(|op| op.waiters.len()).sum::<usize>();
    // An inferred waiter is placed at its operation; a declared one at its extension entry.
    let inferred_waiters =
        ops().map(|op| op.waiters.iter().filter(|w| w.loc == op.loc).count()).sum::<usize>();
    // "List" operations left as plain methods, with the query parameters that hint at how they
    // page, so unrecognised paging shapes can be counted.
    for op in ops().filter(|op| op.id.starts_with("List") && op.pagination.is_none()) {
        let hints: Vec<&str> = op
            .params
            .iter()
            .filter(|p| p.location == specbind_codegen::model::ParamLocation::Query)
            .map(|p| p.name.as_str())
            .filter(|name| PAGING_HINTS.contains(&name.to_ascii_lowercase().as_str()))
            .collect();
        if !hints.is_empty() {
            println!("unpaged: {} {} ({})", op.id, op.path, hints.join(", "));
        }
    }
    for diagnostic in &diagnostics {
        println!("{}: {diagnostic}", diagnostic.severity.label());
    }
    let count = |severity: Severity| diagnostics.iter().filter(|d| d.severity == severity).count();
    let skipped_operations = diagnostics.iter().filter(|d| is_skipped_operation(d)).count();
    println!(
        "summary: operations={operations} skipped_operations={skipped_operations} repairs={} \
         skips={} errors={} paginators={paginators} inferred_paginators={inferred_paginators} \
         waiters={waiters} inferred_waiters={inferred_waiters}",
        count(Severity::Repair),
        count(Severity::Skip),
        count(Severity::Error)
    );
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Query parameter names (lower case) that suggest an operation pages.
const PAGING_HINTS: [&str; 10] = [
    "marker",
    "limit",
    "offset",
    "page",
    "page_size",
    "pagesize",
    "page_no",
    "pageno",
    "pagenum",
    "start",
];

/// A skip that left out an operation (rather than a file that is not an API document).
fn is_skipped_operation(diagnostic: &Diagnostic) -> bool {
    diagnostic.severity == Severity::Skip && diagnostic.message.starts_with("operation")
}
